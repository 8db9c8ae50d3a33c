package org.parkwatch.topology;

import java.time.Instant;
import java.util.List;

import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.ingest.Activity;
import org.parkwatch.totals.Amounts;

/**
 * What became of one input record: accounted into ledger entries, taken as an IAV report, a restatement's correction
 * accounted, or rejected.
 */
sealed interface AccountingOutcome {

    /** An accepted activity: its ledger entries and their sum, at the activity's accounting time. */
    record Accounted(String enterpriseId, String parkId, String eventId, Instant accountingTime,
                     List<EmissionEntry> entries, Amounts amounts, Activity activity, Enterprise enterprise,
                     boolean inCoveredHour)
            implements AccountingOutcome {

        String lastEntryId() {
            return entries.isEmpty() ? eventId : entries.get(entries.size() - 1).getEntryId();
        }
    }

    /**
     * A restatement's correction of an accounted event: reversing and restated ledger entries, and their sum (the
     * amounts the event's windows move by, negative where the new version prices lower).
     */
    record Corrected(String enterpriseId, String parkId, String correctionId, Instant accountingTime,
                     List<EmissionEntry> entries, Amounts amounts, boolean inCoveredHour)
            implements AccountingOutcome {
    }

    record Rejected(DeadLetter deadLetter) implements AccountingOutcome {
    }

    /** An accepted industrial added value report of an enterprise. */
    record IavReported(String enterpriseId, String parkId, org.parkwatch.avro.internal.IavReportState report)
            implements AccountingOutcome {
    }
}
