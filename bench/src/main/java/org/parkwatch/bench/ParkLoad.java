package org.parkwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSimulator;
import org.parkwatch.simulator.RunPlan;
import org.parkwatch.simulator.SimulationResult;
import org.parkwatch.simulator.SimulatorCommand;
import org.parkwatch.deploy.SimulatorTopicsOf;
import org.parkwatch.simulator.SimulatorTopics;
import org.parkwatch.topology.Topics;

/** Simulated park events written to a park's input topics through the schema registry, as enterprises send them. */
final class ParkLoad {

    private final BenchCluster cluster;
    private final ParkModel park;
    private final Topics topics;

    ParkLoad(BenchCluster cluster, ParkModel park, Topics topics) {
        this.cluster = cluster;
        this.park = park;
        this.topics = topics;
    }

    /** A backfill from {@code from}: at most {@code maxEvents} events, as fast as the producer goes. */
    SimulationResult backfill(Instant from, Instant to, long maxEvents, GeneratorSettings settings) {
        try (ParkSimulator simulator = simulator(settings)) {
            RunPlan plan = RunPlan.backfill(from, to).withEnterprises(false);
            return simulator.run(maxEvents > 0 ? plan.withMaxEvents(maxEvents) : plan);
        }
    }

    /** Events following the wall clock at a fixed rate (event time runs {@code rate / natural rate} times faster). */
    SimulationResult atRate(Instant from, double eventsPerSecond, Duration duration, GeneratorSettings settings) {
        try (ParkSimulator simulator = simulator(settings)) {
            long events = Math.round(eventsPerSecond * duration.toSeconds());
            return simulator.run(RunPlan.asFastAsPossible(from).withRate(eventsPerSecond).withMaxEvents(events)
                    .withEnterprises(false));
        }
    }

    private ParkSimulator simulator(GeneratorSettings settings) {
        Properties producer = new Properties();
        producer.put("bootstrap.servers", cluster.bootstrapServers());
        SimulatorTopics simulatorTopics = SimulatorTopicsOf.park(topics);
        return ParkSimulator.withKafka(new EventGenerator(park, settings), simulatorTopics, producer,
                SimulatorCommand.registrySerializer(cluster.registryUrl()));
    }
}
