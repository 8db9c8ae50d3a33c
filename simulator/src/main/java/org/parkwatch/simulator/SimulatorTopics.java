package org.parkwatch.simulator;

import java.util.Objects;

/** The topics the simulator produces to, one per {@link EventKind}. */
public record SimulatorTopics(String meter, String fuel, String wastewater, String output, String enterprise) {

    public SimulatorTopics {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(fuel, "fuel");
        Objects.requireNonNull(wastewater, "wastewater");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(enterprise, "enterprise");
    }

    /** The topic for events of {@code kind}. */
    public String topicFor(EventKind kind) {
        return switch (kind) {
            case METER_READING -> meter;
            case FUEL_CONSUMPTION -> fuel;
            case WASTEWATER_SAMPLE -> wastewater;
            case OUTPUT_REPORT -> output;
            case ENTERPRISE -> enterprise;
        };
    }
}
