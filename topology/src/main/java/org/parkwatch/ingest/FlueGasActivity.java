package org.parkwatch.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.parkwatch.avro.DataFlag;

/**
 * Flue gas emitted from one stack over an interval, as its CEMS measured it: the flue-gas volume and, per pollutant,
 * the load and concentrations with their HJ 212 flags. A pollutant the sample did not carry is empty.
 *
 * @param sourceId the stack
 * @param flowM3 flue-gas volume over the interval, empty when the flowmeter sent no value
 * @param source how the sample arrived (avro or hj212)
 */
public record FlueGasActivity(
        String eventId,
        String enterpriseId,
        String sourceId,
        OptionalDouble flowM3,
        DataFlag flowFlag,
        OptionalDouble o2Percent,
        Optional<StackMeasurement> so2,
        Optional<StackMeasurement> nox,
        Optional<StackMeasurement> particulate,
        Interval interval,
        String source) implements Activity {

    public FlueGasActivity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(flowM3, "flowM3");
        Objects.requireNonNull(flowFlag, "flowFlag");
        Objects.requireNonNull(o2Percent, "o2Percent");
        Objects.requireNonNull(so2, "so2");
        Objects.requireNonNull(nox, "nox");
        Objects.requireNonNull(particulate, "particulate");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(source, "source");
    }

    /** The flue-gas volume, 0 when the flowmeter sent none (the loads are measured on their own). */
    @Override
    public double quantity() {
        return flowM3.orElse(0.0);
    }

    @Override
    public CanonicalUnit unit() {
        return CanonicalUnit.M3;
    }

    /**
     * One pollutant of the sample.
     *
     * @param measuredMgPerM3 mean measured concentration (HJ 212 Avg)
     * @param convertedMgPerM3 mean concentration at the standard's reference O2 (ZsAvg): what limits judge
     * @param loadKg mass emitted over the interval (Cou)
     * @param flag the pollutant's HJ 212 data flag
     */
    public record StackMeasurement(OptionalDouble measuredMgPerM3, OptionalDouble convertedMgPerM3,
                                   OptionalDouble loadKg, DataFlag flag) {

        public StackMeasurement {
            Objects.requireNonNull(measuredMgPerM3, "measuredMgPerM3");
            Objects.requireNonNull(convertedMgPerM3, "convertedMgPerM3");
            Objects.requireNonNull(loadKg, "loadKg");
            Objects.requireNonNull(flag, "flag");
        }

        /** Whether the CEMS marked this pollutant's values as measurements (HJ 212-2017 Table 8). */
        public boolean usable() {
            return DataQuality.isUsable(flag);
        }
    }
}
