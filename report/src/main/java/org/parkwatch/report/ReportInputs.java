package org.parkwatch.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.ThresholdRule;

/**
 * Everything a report of one park and period is built from, as read from the topics. The builder filters again
 * (park, accounting time), so a reader may hand over more than the period.
 *
 * @param ledger        ledger entries, in ledger order (duplicates of one entryId are counted once)
 * @param alerts        alert transitions
 * @param factors       every factor version on the factor topic
 * @param enterprises   the latest record of every enterprise
 * @param outputReports IAV reports (the output-reports topic keeps 7 days: older months have none left there)
 * @param rules         the latest version of every threshold rule
 * @param windowTotals  the closed records of the totals topics read for the period, in topic order: the park's
 *                      closed total of the period closes it, a closed window seen more than once was revised
 * @param restatements  the records of the restatements topic (the builder keeps those that moved a month of the
 *                      period for the park or its enterprises)
 * @param generatedAt   when the report is made (wall clock)
 */
public record ReportInputs(String parkId, ReportPeriod period, List<EmissionEntry> ledger, List<Alert> alerts,
                           List<EmissionFactor> factors, List<Enterprise> enterprises,
                           List<OutputReport> outputReports, List<ThresholdRule> rules,
                           List<EmissionTotals> windowTotals, List<Restatement> restatements,
                           Instant generatedAt) {

    public ReportInputs {
        Objects.requireNonNull(parkId, "parkId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(generatedAt, "generatedAt");
        ledger = List.copyOf(ledger);
        alerts = List.copyOf(alerts);
        factors = List.copyOf(factors);
        enterprises = List.copyOf(enterprises);
        outputReports = List.copyOf(outputReports);
        rules = List.copyOf(rules);
        windowTotals = List.copyOf(windowTotals);
        restatements = List.copyOf(restatements);
    }
}
