package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parkwatch.alerting.Evidence;
import org.parkwatch.alerting.Metrics;
import org.parkwatch.alerting.Observation;
import org.parkwatch.alerting.Subject;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

/** Turns an enterprise's year-to-date totals into quota observations: load so far over the annual permitted load. */
final class QuotaWatch {

    private QuotaWatch() {
    }

    static List<AlertObservation> of(EmissionTotals totals, Enterprise enterprise, java.time.Instant at) {
        if (enterprise == null || totals.getSubjectType() != SubjectType.ENTERPRISE
                || totals.getWindow() != WindowKind.YEAR_TO_DATE || enterprise.getPermittedLoads() == null) {
            return List.of();
        }
        PermittedLoads permit = enterprise.getPermittedLoads();
        Subject subject = Subject.enterprise(enterprise.getParkId(), enterprise.getSector(), enterprise.getEnterpriseId());
        List<AlertObservation> out = new ArrayList<>(3);
        add(out, totals, subject, at, Metrics.COD_LOAD_YTD_RATIO, totals.getTotals().getCodMg(),
                permit.getCodKgPerYear());
        add(out, totals, subject, at, Metrics.NH3N_LOAD_YTD_RATIO, totals.getTotals().getNh3nMg(),
                permit.getAmmoniaNitrogenKgPerYear());
        add(out, totals, subject, at, Metrics.SO2_LOAD_YTD_RATIO, totals.getTotals().getSo2Mg(),
                permit.getSo2KgPerYear());
        return out;
    }

    private static void add(List<AlertObservation> out, EmissionTotals totals, Subject subject, java.time.Instant at,
                            String metric,
                            long yearToDateMg, Double permittedKgPerYear) {
        var ratio = Metrics.loadRatio(yearToDateMg, permittedKgPerYear);
        if (ratio.isEmpty()) {
            return;
        }
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("yearToDateKg", yearToDateMg / 1e6);
        figures.put("permittedKgPerYear", permittedKgPerYear);
        figures.put("entryCount", totals.getTotals().getEntryCount());
        figures.put(IntensityWatch.TOTALS, totals.getTotals());
        if (totals.getRevision() > 0) {
            figures.put("revision", totals.getRevision());
            figures.put("revisionReason", totals.getRevisionReason());
        }
        Evidence evidence = Evidence.of(figures, totals.getFactorVersions(),
                totals.getLastEntryId() == null ? List.of() : List.of(totals.getLastEntryId()));
        out.add(new AlertObservation(metric, WindowKind.YEAR_TO_DATE, totals.getWindowStart(), totals.getWindowEnd(),
                subject, Observation.measured(ratio.getAsDouble(), at, evidence), totals.getClosed(),
                totals.getRevision()));
    }
}
