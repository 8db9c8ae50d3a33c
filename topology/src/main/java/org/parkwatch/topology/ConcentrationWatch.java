package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.parkwatch.alerting.Evidence;
import org.parkwatch.alerting.Metrics;
import org.parkwatch.alerting.Observation;
import org.parkwatch.alerting.Subject;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.Stack;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.ingest.DataQuality;
import org.parkwatch.ingest.FlueGasActivity;
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
        if (accounted.activity() instanceof FlueGasActivity gas) {
            return ofStack(accounted, gas);
        }
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

    /**
     * A CEMS sample: each pollutant's converted concentration (ZsAvg, at the reference O2 the emission standard sets)
     * over the stack's limit. The stack is an outlet of flue gas (subject type OUTLET, its stackId the outlet). A
     * value the CEMS did not flag as a measurement is an estimated observation, which changes no alert; a pollutant
     * without a converted concentration is not judged, since the limits are set on it.
     */
    private static List<AlertObservation> ofStack(AccountingOutcome.Accounted accounted, FlueGasActivity gas) {
        Enterprise enterprise = accounted.enterprise();
        Stack stack = enterprise.getStacks().stream()
                .filter(s -> s.getStackId().equals(gas.sourceId())).findFirst().orElse(null);
        if (stack == null) {
            return List.of();
        }
        Subject subject = Subject.outlet(enterprise.getParkId(), enterprise.getSector(), enterprise.getEnterpriseId(),
                stack.getStackId());
        List<AlertObservation> observations = new ArrayList<>(3);
        addStack(observations, accounted, gas, stack, subject, Metrics.SO2_STACK_CONCENTRATION_RATIO, Pollutant.SO2,
                gas.so2(), stack.getSo2LimitMgPerM3());
        addStack(observations, accounted, gas, stack, subject, Metrics.NOX_STACK_CONCENTRATION_RATIO, Pollutant.NOX,
                gas.nox(), stack.getNoxLimitMgPerM3());
        addStack(observations, accounted, gas, stack, subject, Metrics.PARTICULATE_STACK_CONCENTRATION_RATIO,
                Pollutant.PARTICULATE, gas.particulate(), stack.getParticulateLimitMgPerM3());
        return observations;
    }

    private static void addStack(List<AlertObservation> out, AccountingOutcome.Accounted accounted,
                                 FlueGasActivity gas, Stack stack, Subject subject, String metric,
                                 Pollutant pollutant, Optional<FlueGasActivity.StackMeasurement> measured,
                                 Double limit) {
        if (measured.isEmpty() || measured.get().convertedMgPerM3().isEmpty()) {
            return;
        }
        FlueGasActivity.StackMeasurement m = measured.get();
        double concentration = m.convertedMgPerM3().getAsDouble();
        List<String> entryIds = accounted.entries().stream().filter(e -> e.getPollutant() == pollutant)
                .map(EmissionEntry::getEntryId).toList();
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("convertedConcentrationMgPerM3", concentration);
        m.measuredMgPerM3().ifPresent(c -> figures.put("measuredConcentrationMgPerM3", c));
        gas.o2Percent().ifPresent(o2 -> figures.put("o2Percent", o2));
        figures.put("stackLimitMgPerM3", limit);
        figures.put("emissionStandard", stack.getEmissionStandard());
        figures.put("flag", m.flag().name());
        gas.flowM3().ifPresent(q -> figures.put("flueGasM3", q));
        Evidence evidence = Evidence.of(figures, List.of(), entryIds);
        Observation.concentrationRatio(concentration, limit, !m.usable(), accounted.accountingTime(), evidence)
                .ifPresent(o -> out.add(new AlertObservation(metric, WindowKind.SAMPLE, gas.interval().start(),
                        gas.interval().end(), subject, o)));
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
