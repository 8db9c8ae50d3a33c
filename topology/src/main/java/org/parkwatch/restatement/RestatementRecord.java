package org.parkwatch.restatement;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.avro.RestatedPeriod;
import org.parkwatch.avro.Restatement;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.topology.LedgerEntries;
import org.parkwatch.topology.TotalsRecords;
import org.parkwatch.totals.WindowCalendar;

/** The record of a planned restatement: its factor, the months it moves with their totals before and after. */
public final class RestatementRecord {

    private RestatementRecord() {
    }

    /** @param before the month totals of the ledger before the plan's corrections */
    public static Restatement of(Restater.Plan plan, MonthTotals before, WindowCalendar calendar) {
        MonthTotals after = before.copy();
        Set<MonthTotals.Month> touched = new LinkedHashSet<>();
        for (LedgerCorrection c : plan.corrections()) {
            after.add(c.getEntries());
            for (EmissionEntry e : c.getEntries()) {
                touched.addAll(months(e, calendar));
            }
        }
        List<RestatedPeriod> periods = touched.stream()
                .sorted(Comparator.comparing((MonthTotals.Month m) -> m.subjectType().name())
                        .thenComparing(MonthTotals.Month::subjectId).thenComparing(m -> m.span().start()))
                .map(m -> new RestatedPeriod(m.subjectType(), m.subjectId(), m.parkId(), m.span().start(),
                        m.span().end(), TotalsRecords.toAvro(before.of(m)), TotalsRecords.toAvro(after.of(m))))
                .toList();
        Restater.Request r = plan.request();
        return Restatement.newBuilder()
                .setRestatementId(r.restatementId())
                .setFactorKey(r.factorKey())
                .setVersionsInForce(plan.versionsInForce().stream().map(RestatementRecord::ref).toList())
                .setFrom(r.from())
                .setTo(r.to())
                .setRequestedBy(r.requestedBy())
                .setRequestedAt(r.requestedAt())
                .setEventsRestated(plan.corrections().size())
                .setEntriesRestated(plan.entriesReversed())
                .setPeriods(periods)
                .build();
    }

    private static List<MonthTotals.Month> months(EmissionEntry e, WindowCalendar calendar) {
        var span = calendar.windowOf(org.parkwatch.totals.WindowKind.MONTH, e.getIntervalEnd().minusMillis(1));
        return List.of(
                new MonthTotals.Month(org.parkwatch.avro.SubjectType.ENTERPRISE, e.getEnterpriseId(), e.getParkId(),
                        span),
                new MonthTotals.Month(org.parkwatch.avro.SubjectType.PARK, e.getParkId(), e.getParkId(), span));
    }

    private static org.parkwatch.avro.FactorRef ref(FactorVersion v) {
        return LedgerEntries.ref(v);
    }
}
