package org.parkwatch.topology;

import java.util.List;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.WindowBookState;

/** Read access to totals as kept in the stores, for queries. */
public final class TotalsViews {

    private TotalsViews() {
    }

    /** The open windows of a subject's book as they would be published now. */
    public static List<EmissionTotals> openWindows(SubjectType type, String subjectId, WindowBookState state) {
        return TotalsRecords.book(state).windows().stream()
                .map(w -> TotalsRecords.totals(type, subjectId, state.getParkId(), w, false))
                .toList();
    }
}
