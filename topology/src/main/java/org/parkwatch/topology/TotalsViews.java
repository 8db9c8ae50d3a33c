package org.parkwatch.topology;

import java.util.List;

import org.parkwatch.alerting.Metrics;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.WindowBookState;

/** Read access to totals as kept in the stores, for queries. */
public final class TotalsViews {

    private TotalsViews() {
    }

    /**
     * The intensities of a snapshot keyed by the metric names threshold rules use, in a fixed order; a value is
     * null where the snapshot has none (PENDING).
     */
    public static java.util.Map<String, Double> intensityValues(org.parkwatch.avro.IntensitySnapshot s) {
        java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put(Metrics.CO2_INTENSITY_LOCATION, s.getCo2LocationTPer10kRmb());
        values.put(Metrics.CO2_INTENSITY_MARKET, s.getCo2MarketTPer10kRmb());
        values.put(Metrics.SO2_INTENSITY, s.getSo2KgPer10kRmb());
        values.put(Metrics.COD_INTENSITY, s.getCodKgPer10kRmb());
        values.put(Metrics.NH3N_INTENSITY, s.getNh3nKgPer10kRmb());
        values.put(Metrics.ENERGY_INTENSITY, s.getEnergyTcePer10kRmb());
        values.put(Metrics.CO2_PER_TCE, s.getCo2TPerTce());
        return values;
    }

    /** The open windows of a subject's book as they would be published now. */
    public static List<EmissionTotals> openWindows(SubjectType type, String subjectId, WindowBookState state) {
        return TotalsRecords.book(state).windows().stream()
                .map(w -> TotalsRecords.totals(type, subjectId, state.getParkId(), w, false))
                .toList();
    }
}
