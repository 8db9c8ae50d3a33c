package org.parkwatch.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.simulator.EventDefect;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.EventKind;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.SimulatedEvent;
import org.parkwatch.simulator.SimulatorTally;

/**
 * The valid events of a backfill, regenerated from the simulator's deterministic generator and summed in exact
 * decimals at the detail the formulas need but the simulator's per-enterprise tally folds away: steam enthalpy per
 * reading, desulfurisation and sulfur per fuel event, measured calorific values, unmeasured volume per outlet.
 * {@link #requireSameAs} proves the replay is what the simulator emitted before any figure of it is used.
 */
final class ActivityReplay {

    /**
     * Enthalpy of feed water at 20 °C, kJ/kg, in steam GJ = t x (En - 83.74) x 10^-3 (domain.md section 2.2, tagged
     * [U]: the formula was not retrieved from the guideline text).
     */
    static final BigDecimal FEEDWATER_ENTHALPY_KJ_PER_KG = new BigDecimal("83.74");

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    // The units the simulator reports in (its ReportingUnit), into kWh, GJ, t or Nm3.
    private static final Map<String, BigDecimal> TO_CANONICAL = Map.of(
            "kWh", BigDecimal.ONE, "MWh", THOUSAND, "10^4 kWh", BigDecimal.valueOf(10_000),
            "GJ", BigDecimal.ONE, "MJ", new BigDecimal("0.001"),
            "t", BigDecimal.ONE, "kg", new BigDecimal("0.001"),
            "Nm3", BigDecimal.ONE, "10^4 Nm3", BigDecimal.valueOf(10_000));
    private static final double RELATIVE_TOLERANCE = 1e-9;

    private final Map<String, Activity> enterprises = new TreeMap<>();

    /** Sums of one fuel of one enterprise. */
    static final class FuelSums {
        /** Amount burnt, t or Nm3. */
        BigDecimal amount = BigDecimal.ZERO;
        /** Amount of the events without a measured net calorific value. */
        BigDecimal amountWithDefaultNcv = BigDecimal.ZERO;
        /** Sum of amount x measured net calorific value, GJ. */
        BigDecimal measuredHeatGj = BigDecimal.ZERO;
        /** Sum of amount x sulfur % x (100 - desulfurisation %) over events that report sulfur. */
        BigDecimal sulfurBalanceMeasured = BigDecimal.ZERO;
        /** Sum of amount x (100 - desulfurisation %) over events priced at the default sulfur content. */
        BigDecimal sulfurBalanceDefault = BigDecimal.ZERO;
    }

    /** Sums of one enterprise's valid events. */
    static final class Activity {
        final Map<EventKind, Long> validEvents = new EnumMap<>(EventKind.class);
        final Map<EnergyCarrier, BigDecimal> energy = new EnumMap<>(EnergyCarrier.class);
        BigDecimal steamGj = BigDecimal.ZERO;
        final Map<FuelType, FuelSums> fuels = new EnumMap<>(FuelType.class);
        BigDecimal wastewaterM3 = BigDecimal.ZERO;
        BigDecimal codKg = BigDecimal.ZERO;
        BigDecimal ammoniaNitrogenKg = BigDecimal.ZERO;
        final Map<String, BigDecimal> codUnmeasuredM3ByOutlet = new TreeMap<>();
        final Map<String, BigDecimal> ammoniaNitrogenUnmeasuredM3ByOutlet = new TreeMap<>();
        long codUnmeasuredSamples;
        long ammoniaNitrogenUnmeasuredSamples;

        long valid(EventKind kind) {
            return validEvents.getOrDefault(kind, 0L);
        }

        BigDecimal energy(EnergyCarrier carrier) {
            return energy.getOrDefault(carrier, BigDecimal.ZERO);
        }
    }

    /** Regenerates the events of (from, to], the events a backfill of that period sends. */
    static ActivityReplay of(ParkModel park, GeneratorSettings settings, Instant from, Instant to) {
        ActivityReplay replay = new ActivityReplay();
        new EventGenerator(park, settings).events(from, to).forEach(replay::add);
        return replay;
    }

    /** The sums of one enterprise; all zero when it sent nothing. */
    Activity of(String enterpriseId) {
        return enterprises.getOrDefault(enterpriseId, new Activity());
    }

    /** Adds one emitted event; defective copies and reference records add nothing. */
    void add(SimulatedEvent event) {
        if (event.defect() != EventDefect.NONE || event.kind() == EventKind.ENTERPRISE) {
            return;
        }
        Activity a = enterprises.computeIfAbsent(event.key(), k -> new Activity());
        a.validEvents.merge(event.kind(), 1L, Long::sum);
        switch (event.kind()) {
            case METER_READING -> addMeter(a, (MeterReading) event.value());
            case FUEL_CONSUMPTION -> addFuel(a, (FuelConsumption) event.value());
            case WASTEWATER_SAMPLE -> addWastewater(a, (WastewaterSample) event.value());
            default -> {
                // Output reports carry added value, which no total sums.
            }
        }
    }

    private static void addMeter(Activity a, MeterReading r) {
        BigDecimal amount = canonical(r.getQuantity(), r.getUnit());
        a.energy.merge(r.getCarrier(), amount, BigDecimal::add);
        if (r.getCarrier() == EnergyCarrier.STEAM) {
            BigDecimal deltaH = BigDecimal.valueOf(r.getSteamEnthalpyKjPerKg()).subtract(FEEDWATER_ENTHALPY_KJ_PER_KG);
            a.steamGj = a.steamGj.add(amount.multiply(deltaH).divide(THOUSAND));
        }
    }

    private static void addFuel(Activity a, FuelConsumption f) {
        FuelSums sums = a.fuels.computeIfAbsent(f.getFuel(), k -> new FuelSums());
        BigDecimal amount = canonical(f.getQuantity(), f.getUnit());
        sums.amount = sums.amount.add(amount);
        if (f.getNcvGjPerUnit() == null) {
            sums.amountWithDefaultNcv = sums.amountWithDefaultNcv.add(amount);
        } else {
            sums.measuredHeatGj = sums.measuredHeatGj.add(amount.multiply(BigDecimal.valueOf(f.getNcvGjPerUnit())));
        }
        BigDecimal eta = f.getDesulfurizationPercent() == null ? BigDecimal.ZERO
                : BigDecimal.valueOf(f.getDesulfurizationPercent());
        BigDecimal remaining = amount.multiply(HUNDRED.subtract(eta));
        // Gases are priced at the factor's sulfur per Nm3 whatever mass % an event reports (domain.md section 3
        // gives S as a mass fraction; a volume of gas has no mass without its density).
        if (f.getSulfurPercent() == null || isGas(f.getUnit())) {
            sums.sulfurBalanceDefault = sums.sulfurBalanceDefault.add(remaining);
        } else {
            sums.sulfurBalanceMeasured = sums.sulfurBalanceMeasured.add(
                    remaining.multiply(BigDecimal.valueOf(f.getSulfurPercent())));
        }
    }

    private static void addWastewater(Activity a, WastewaterSample s) {
        BigDecimal volume = BigDecimal.valueOf(s.getVolumeM3());
        a.wastewaterM3 = a.wastewaterM3.add(volume);
        // HJ 212-2017 Appendix D formula (8): G [kg] = D [m3] x C [mg/L] x 10^-3.
        if (s.getCodMgPerL() != null) {
            a.codKg = a.codKg.add(volume.multiply(BigDecimal.valueOf(s.getCodMgPerL())).divide(THOUSAND));
        } else {
            a.codUnmeasuredM3ByOutlet.merge(s.getOutletId(), volume, BigDecimal::add);
            a.codUnmeasuredSamples++;
        }
        if (s.getAmmoniaNitrogenMgPerL() != null) {
            a.ammoniaNitrogenKg = a.ammoniaNitrogenKg.add(
                    volume.multiply(BigDecimal.valueOf(s.getAmmoniaNitrogenMgPerL())).divide(THOUSAND));
        } else {
            a.ammoniaNitrogenUnmeasuredM3ByOutlet.merge(s.getOutletId(), volume, BigDecimal::add);
            a.ammoniaNitrogenUnmeasuredSamples++;
        }
    }

    private static boolean isGas(String unit) {
        return unit.endsWith("Nm3");
    }

    private static BigDecimal canonical(double quantity, String unit) {
        BigDecimal factor = TO_CANONICAL.get(unit);
        if (factor == null) {
            throw new IllegalStateException("a valid simulated event in an unexpected unit: " + unit);
        }
        return BigDecimal.valueOf(quantity).multiply(factor);
    }

    /**
     * Fails unless every count and sum the simulator's tally keeps agrees with this replay (counts exactly, sums
     * within 1e-9 relative: the tally adds binary doubles), so that the replay stands for what was sent.
     */
    void requireSameAs(SimulatorTally tally) {
        List<String> differences = new ArrayList<>();
        java.util.Set<String> ids = new java.util.TreeSet<>(tally.enterpriseIds());
        ids.addAll(enterprises.keySet());
        for (String id : ids) {
            Activity a = of(id);
            for (EventKind kind : List.of(EventKind.METER_READING, EventKind.FUEL_CONSUMPTION,
                    EventKind.WASTEWATER_SAMPLE, EventKind.OUTPUT_REPORT)) {
                long emitted = tally.eventCount(id, kind, EventDefect.NONE);
                if (emitted != a.valid(kind)) {
                    differences.add(id + " " + kind + ": tally " + emitted + ", replay " + a.valid(kind));
                }
            }
            for (EnergyCarrier carrier : List.of(EnergyCarrier.ELECTRICITY, EnergyCarrier.GREEN_ELECTRICITY,
                    EnergyCarrier.HEAT, EnergyCarrier.STEAM)) {
                compare(differences, id + " " + carrier, tally.energy(id, carrier), a.energy(carrier));
            }
            for (FuelType fuel : FuelType.values()) {
                FuelSums sums = a.fuels.get(fuel);
                compare(differences, id + " " + fuel, tally.fuel(id, fuel), sums == null ? BigDecimal.ZERO : sums.amount);
            }
            compare(differences, id + " wastewater m3", tally.wastewaterM3(id), a.wastewaterM3);
            compare(differences, id + " COD kg", tally.codKg(id), a.codKg);
            compare(differences, id + " NH3-N kg", tally.ammoniaNitrogenKg(id), a.ammoniaNitrogenKg);
            compare(differences, id + " COD unmeasured m3", tally.codUnmeasuredM3(id),
                    sum(a.codUnmeasuredM3ByOutlet));
            compare(differences, id + " NH3-N unmeasured m3", tally.ammoniaNitrogenUnmeasuredM3(id),
                    sum(a.ammoniaNitrogenUnmeasuredM3ByOutlet));
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The replayed events differ from the simulator's tally of what it sent: "
                    + differences.subList(0, Math.min(10, differences.size())));
        }
    }

    static BigDecimal sum(Map<String, BigDecimal> byOutlet) {
        return byOutlet.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void compare(List<String> differences, String what, double tallied, BigDecimal replayed) {
        double r = replayed.doubleValue();
        if (Math.abs(tallied - r) > RELATIVE_TOLERANCE * Math.max(1, Math.abs(r))) {
            differences.add(what + ": tally " + tallied + ", replay " + replayed.toPlainString());
        }
    }
}
