package org.parkwatch.topology;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.IntensitySnapshot;

/**
 * The revision number and reason a closed window's figures carry when they are published again. Revision 0 is
 * the window's first record as closed; each later publication of the closed window counts one more, so a consumer
 * keeps the record with the highest revision and an auditor sees how often, and why, a final figure moved.
 */
final class Revisions {

    /** Activity accounted after the window closed: backfill within the horizon, a lagging partition, a replay. */
    static final String LATE_ACTIVITY = "LATE_ACTIVITY";
    /** An IAV report of the window's period changed its added value, hence its intensity. */
    static final String IAV_REPORT = "IAV_REPORT";
    /**
     * A restatement re-priced activity of the window with the factor version now in force (reversing and restated
     * ledger entries, topic park.restatements for the record).
     */
    static final String RESTATEMENT = "RESTATEMENT";
    /**
     * A stack's CEMS measured an hour whose SO2 a fuel mass balance of the window had stood in for: the balance's
     * share of that hour was taken out (CEMS_SUPERSEDED ledger entries).
     */
    static final String CEMS_SUPERSESSION = "CEMS_SUPERSESSION";

    private Revisions() {
    }

    static EmissionTotals of(EmissionTotals totals, int revision, String reason) {
        return EmissionTotals.newBuilder(totals).setRevision(revision).setRevisionReason(reason).build();
    }

    static IntensitySnapshot of(IntensitySnapshot intensity, int revision, String reason) {
        return IntensitySnapshot.newBuilder(intensity).setRevision(revision).setRevisionReason(reason).build();
    }
}
