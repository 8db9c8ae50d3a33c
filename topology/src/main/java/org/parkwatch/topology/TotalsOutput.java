package org.parkwatch.topology;

import java.time.Instant;
import java.util.Objects;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.internal.TotalsInput;

/** What the totals step sends on: a window's new totals and intensity, or an input for the park level. */
sealed interface TotalsOutput {

    /**
     * A window's new totals and intensity, and the event time they stand at, which alerts judge them at (never the
     * time they were read: a backfill of last year is judged in last year's time). For an open window it is the
     * latest accounting time among the activities it sums, so the same activities give the same time whatever
     * order they arrived in; for a closed window, final or revised, the window's last millisecond.
     */
    record Update(EmissionTotals totals, IntensitySnapshot intensity, Instant eventTime) implements TotalsOutput {

        public Update {
            Objects.requireNonNull(intensity, "intensity");
            Objects.requireNonNull(eventTime, "eventTime");
        }

        /** A figure of a closed window (final totals, or a revised intensity without totals). */
        public Update(EmissionTotals totals, IntensitySnapshot intensity) {
            this(requireClosed(totals), intensity, intensity.getWindowEnd().minusMillis(1));
        }

        /** Whether the window is over: its final totals, or a closed window's intensity revised by an IAV report. */
        boolean closed() {
            return totals == null || totals.getClosed();
        }

        private static EmissionTotals requireClosed(EmissionTotals totals) {
            if (totals != null && !totals.getClosed()) {
                throw new IllegalArgumentException("an open window's update needs the event time it stands at");
            }
            return totals;
        }
    }

    record ToPark(TotalsInput input) implements TotalsOutput {
    }
}
