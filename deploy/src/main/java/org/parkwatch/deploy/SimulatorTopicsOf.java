package org.parkwatch.deploy;

import org.parkwatch.simulator.SimulatorTopics;
import org.parkwatch.topology.Topics;

/** Where the simulator sends a park's events: the pipeline's input topics and its enterprise register. */
public final class SimulatorTopicsOf {

    private SimulatorTopicsOf() {
    }

    public static SimulatorTopics park(Topics topics) {
        return new SimulatorTopics(topics.meterReadings(), topics.fuelConsumption(), topics.wastewaterSamples(),
                topics.outputReports(), topics.enterprises());
    }
}
