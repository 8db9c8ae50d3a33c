package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.parkwatch.alerting.Evidence;
import org.parkwatch.alerting.Metrics;
import org.parkwatch.alerting.Observation;
import org.parkwatch.alerting.Subject;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.ingest.DataQuality;
import org.parkwatch.ingest.WastewaterActivity;

/**
 * Turns an accounted wastewater sample into concentration observations: measured concentration over the outlet's
 * own discharge limit. A concentration filled in with a discharge factor is marked estimated, so it never opens or
 * keeps an alert.
 */
final class ConcentrationWatch {

    private ConcentrationWatch() {
    }

    static List<AlertObservation> of(AccountingOutcome.Accounted accounted) {
        if (!(accounted.activity() instanceof WastewaterActivity sample)) {
            return List.of();
        }
        Enterprise enterprise = accounted.enterprise();
        Outlet outlet = enterprise.getOutlets().stream()
                .filter(o -> o.getOutletId().equals(sample.sourceId())).findFirst().orElse(null);
        if (outlet == null) {
            return List.of();
        }
        Subject subject = Subject.outlet(enterprise.getParkId(), enterprise.getSector(), enterprise.getEnterpriseId(),
                outlet.getOutletId());
        List<AlertObservation> observations = new ArrayList<>(2);
        add(observations, accounted, subject, Metrics.COD_CONCENTRATION_RATIO, Pollutant.COD, sample.codMgPerL(),
                sample.codFlag(), outlet.getCodLimitMgPerL());
        add(observations, accounted, subject, Metrics.NH3N_CONCENTRATION_RATIO, Pollutant.NH3_N,
                sample.ammoniaNitrogenMgPerL(), sample.ammoniaNitrogenFlag(), outlet.getAmmoniaNitrogenLimitMgPerL());
        return observations;
    }

    private static void add(List<AlertObservation> out, AccountingOutcome.Accounted accounted, Subject subject,
                            String metric, Pollutant pollutant, OptionalDouble measured, DataFlag flag, Double limit) {
        boolean estimated = measured.isEmpty() || !DataQuality.isUsable(flag);
        double concentration = measured.orElse(Double.NaN);
        List<String> entryIds = accounted.entries().stream().filter(e -> e.getPollutant() == pollutant)
                .map(EmissionEntry::getEntryId).toList();
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("concentrationMgPerL", concentration);
        figures.put("outletLimitMgPerL", limit);
        figures.put("flag", flag.name());
        figures.put("volumeM3", accounted.activity().quantity());
        Evidence evidence = Evidence.of(figures, List.of(), entryIds);
        Observation.concentrationRatio(concentration, limit, estimated, accounted.accountingTime(), evidence)
                .ifPresent(o -> out.add(new AlertObservation(metric, WindowKind.SAMPLE,
                        accounted.activity().interval().start(), accounted.activity().interval().end(), subject, o)));
    }
}
