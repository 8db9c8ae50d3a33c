package org.parkwatch.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parkwatch.alerting.Evidence;
import org.parkwatch.alerting.Observation;
import org.parkwatch.alerting.Subject;
import org.parkwatch.avro.IntensitySnapshot;

/**
 * Turns an intensity update into intensity observations, one per metric that has a value (a PENDING window
 * has none, so no alert can be decided on emissions no added value covers).
 */
final class IntensityWatch {

    /** Evidence figure holding the IAV behind an intensity, 10^4 RMB. */
    static final String ADDED_VALUE = "addedValue10kRmb";
    /** Evidence figure holding the totals behind a value (they go in the alert's own totals field). */
    static final String TOTALS = "totals";

    private IntensityWatch() {
    }

    static List<AlertObservation> of(TotalsOutput.Update update) {
        IntensitySnapshot s = update.intensity();
        return s == null ? List.of() : of(update, Subject.park(s.getParkId()));
    }

    /**
     * The observations of an intensity update of the given subject (a park, or an enterprise with its sector), at
     * the event time the update stands at.
     */
    static List<AlertObservation> of(TotalsOutput.Update update, Subject subject) {
        IntensitySnapshot s = update.intensity();
        if (s == null) {
            return List.of();
        }
        Map<String, Double> values = TotalsViews.intensityValues(s);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("status", s.getStatus().name());
        figures.put(ADDED_VALUE, s.getAddedValue());
        figures.put(TOTALS, s.getCoveredTotals());
        figures.put("coveredHours", s.getCoveredMillis() / 3_600_000L);
        figures.put("co2LocationT", (s.getCoveredTotals().getCo2Scope1Mg() + s.getCoveredTotals().getCo2Scope2LocationMg()) / 1e9);
        figures.put("so2Kg", s.getCoveredTotals().getSo2Mg() / 1e6);
        figures.put("codKg", s.getCoveredTotals().getCodMg() / 1e6);
        figures.put("energyTce", s.getCoveredTotals().getEnergyMgce() / 1e9);
        figures.put("iavReportIds", String.join(",", s.getIavReportIds()));
        if (s.getRevision() > 0) {
            figures.put("revision", s.getRevision());
            figures.put("revisionReason", s.getRevisionReason());
        }
        boolean closed = update.closed();
        Instant at = update.eventTime();
        List<String> factorVersions = update.totals() == null ? List.of() : update.totals().getFactorVersions();
        List<AlertObservation> out = new ArrayList<>();
        values.forEach((metric, value) -> {
            if (value != null) {
                out.add(new AlertObservation(metric, s.getWindow(), s.getWindowStart(), s.getWindowEnd(), subject,
                        Observation.measured(value, at, Evidence.of(figures, factorVersions, List.of())), closed,
                        s.getRevision()));
            }
        });
        return out;
    }
}
