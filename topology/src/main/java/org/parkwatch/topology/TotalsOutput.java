package org.parkwatch.topology;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.internal.TotalsInput;

/** What the totals step sends on: a window's new totals and intensity, or an input for the park level. */
sealed interface TotalsOutput {

    record Update(EmissionTotals totals, IntensitySnapshot intensity) implements TotalsOutput {
    }

    record ToPark(TotalsInput input) implements TotalsOutput {
    }
}
