package org.parkwatch.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.WastewaterSample;

/**
 * The simulator's own count of what it emitted, per enterprise and kind, so that what the pipeline computed from a
 * run can be reconciled against it. Event counts include defective events; the activity sums count valid events
 * only (what the pipeline should accept), converted into canonical units: kWh for electricity and green
 * electricity, GJ for heat, t for steam, t or Nm3 for fuels, m3 of wastewater, and the COD and NH3-N mass of the
 * samples that have a measured concentration, m3 x mg/L x 1e-3 kg (HJ 212-2017 Appendix D formula 8). The volume
 * of samples without a measured concentration is kept apart, to be priced with a discharge factor.
 *
 * <p>Not thread-safe: record from one thread.
 */
public final class SimulatorTally {

    private final Map<String, EnterpriseActivity> enterprises = new TreeMap<>();
    private final Map<EventKind, Long> kindCounts = new EnumMap<>(EventKind.class);
    private long total;

    /** Adds one emitted event. */
    public void record(SimulatedEvent event) {
        total++;
        kindCounts.merge(event.kind(), 1L, Long::sum);
        EnterpriseActivity activity = enterprises.computeIfAbsent(event.key(), k -> new EnterpriseActivity());
        activity.count(event.kind(), event.defect());
        if (event.defect() != EventDefect.NONE) {
            return;
        }
        switch (event.kind()) {
            case METER_READING -> {
                MeterReading reading = (MeterReading) event.value();
                activity.addEnergy(reading.getCarrier(),
                        ReportingUnit.of(reading.getUnit()).toCanonical(reading.getQuantity()));
            }
            case FUEL_CONSUMPTION -> {
                FuelConsumption fuel = (FuelConsumption) event.value();
                activity.addFuel(fuel.getFuel(), ReportingUnit.of(fuel.getUnit()).toCanonical(fuel.getQuantity()));
            }
            case WASTEWATER_SAMPLE -> activity.addWastewater((WastewaterSample) event.value());
            case OUTPUT_REPORT -> activity.addedValue += ((OutputReport) event.value()).getAddedValue();
            case ENTERPRISE -> {
                // Reference data: counted, no activity.
            }
        }
    }

    /** All events recorded. */
    public long totalEventCount() {
        return total;
    }

    /** Events of one kind over the whole park, defective ones included. */
    public long eventCount(EventKind kind) {
        return kindCounts.getOrDefault(kind, 0L);
    }

    /** Events of one kind of one enterprise, defective ones included. */
    public long eventCount(String enterpriseId, EventKind kind) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.counts.get(kind).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events of one kind of one enterprise with the given defect ({@link EventDefect#NONE} for valid ones). */
    public long eventCount(String enterpriseId, EventKind kind, EventDefect defect) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.counts.get(kind).getOrDefault(defect, 0L);
    }

    /** The enterprises seen, in id order. */
    public Set<String> enterpriseIds() {
        return Collections.unmodifiableSet(enterprises.keySet());
    }

    /** Energy received through {@code carrier}, in {@link #canonicalUnit(EnergyCarrier)}. */
    public double energy(String enterpriseId, EnergyCarrier carrier) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.energy.getOrDefault(carrier, 0.0);
    }

    /** Fuel burnt, in {@link #canonicalUnit(FuelType)}. */
    public double fuel(String enterpriseId, FuelType fuel) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.fuel.getOrDefault(fuel, 0.0);
    }

    /** Wastewater discharged, m3. */
    public double wastewaterM3(String enterpriseId) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.wastewaterM3;
    }

    /** COD of the samples with a measured concentration, kg. */
    public double codKg(String enterpriseId) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.codKg;
    }

    /** Volume of the samples without a measured COD concentration, m3. */
    public double codUnmeasuredM3(String enterpriseId) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.codUnmeasuredM3;
    }

    /** NH3-N of the samples with a measured concentration, kg. */
    public double ammoniaNitrogenKg(String enterpriseId) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.ammoniaNitrogenKg;
    }

    /** Volume of the samples without a measured NH3-N concentration, m3. */
    public double ammoniaNitrogenUnmeasuredM3(String enterpriseId) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.ammoniaNitrogenUnmeasuredM3;
    }

    /** Sum of the reported industrial added value, 10^4 RMB. */
    public double addedValue(String enterpriseId) {
        EnterpriseActivity activity = enterprises.get(enterpriseId);
        return activity == null ? 0 : activity.addedValue;
    }

    /** The unit of {@link #energy}: kWh for electricity carriers, GJ for heat, t for steam. */
    public static String canonicalUnit(EnergyCarrier carrier) {
        return switch (carrier) {
            case ELECTRICITY, GREEN_ELECTRICITY -> "kWh";
            case HEAT -> "GJ";
            case STEAM -> "t";
            case UNKNOWN -> throw new IllegalArgumentException("no canonical unit for UNKNOWN");
        };
    }

    /** The unit of {@link #fuel}: Nm3 for gases, t otherwise. */
    public static String canonicalUnit(FuelType fuel) {
        return FuelFigures.gaseous(fuel) ? "Nm3" : "t";
    }

    /** A one-line summary of the counts by kind. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(total).append(" events");
        for (EventKind kind : EventKind.values()) {
            text.append(", ").append(kind.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(eventCount(kind));
        }
        return text.toString();
    }

    private static final class EnterpriseActivity {

        private final Map<EventKind, Map<EventDefect, Long>> counts = new EnumMap<>(EventKind.class);
        private final Map<EnergyCarrier, Double> energy = new EnumMap<>(EnergyCarrier.class);
        private final Map<FuelType, Double> fuel = new EnumMap<>(FuelType.class);
        private double wastewaterM3;
        private double codKg;
        private double codUnmeasuredM3;
        private double ammoniaNitrogenKg;
        private double ammoniaNitrogenUnmeasuredM3;
        private double addedValue;

        EnterpriseActivity() {
            for (EventKind kind : EventKind.values()) {
                counts.put(kind, new EnumMap<>(EventDefect.class));
            }
        }

        void count(EventKind kind, EventDefect defect) {
            counts.get(kind).merge(defect, 1L, Long::sum);
        }

        void addEnergy(EnergyCarrier carrier, double amount) {
            energy.merge(carrier, amount, Double::sum);
        }

        void addFuel(FuelType type, double amount) {
            fuel.merge(type, amount, Double::sum);
        }

        void addWastewater(WastewaterSample sample) {
            double volume = sample.getVolumeM3();
            wastewaterM3 += volume;
            if (sample.getCodMgPerL() != null) {
                codKg += volume * sample.getCodMgPerL() * 1e-3;
            } else {
                codUnmeasuredM3 += volume;
            }
            if (sample.getAmmoniaNitrogenMgPerL() != null) {
                ammoniaNitrogenKg += volume * sample.getAmmoniaNitrogenMgPerL() * 1e-3;
            } else {
                ammoniaNitrogenUnmeasuredM3 += volume;
            }
        }
    }
}
