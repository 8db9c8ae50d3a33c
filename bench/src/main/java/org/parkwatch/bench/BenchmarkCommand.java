package org.parkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import org.parkwatch.simulator.SimulationResult;
import org.parkwatch.topology.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The end-to-end benchmark: {@code bin/benchmark}. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure ParkWatch end to end against a real local broker and report against Kafka baselines.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "Events pre-loaded for the throughput run (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--enterprises", defaultValue = "50", description = "Enterprises of the throughput park (default ${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads of the pipeline and the pass-through (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--heap", defaultValue = "1g", description = "Heap of the pipeline process (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--work-dir", defaultValue = "target/benchmark", description = "Broker log, state and process logs; emptied first (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated parks (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", description = "A pipeline configuration key=value (see README), repeatable.")
    java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--pipeline-java-option", description = "An extra JVM option of the pipeline process (e.g. a profiler agent), repeatable.")
    java.util.List<String> pipelineJavaOptions = new java.util.ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkCommand()).execute(args));
    }

    @Option(names = "--rates", split = ",", defaultValue = "300,1000,10000",
            description = "Fixed input rates of the latency phase, events/s (default ${DEFAULT-VALUE}).")
    java.util.List<Double> rates;

    @Option(names = "--latency-seconds", defaultValue = "30",
            description = "How long the load runs at each rate of the latency phase (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--restore-enterprises", defaultValue = "500",
            description = "Enterprises of the restore park (default ${DEFAULT-VALUE}).")
    int restoreEnterprises;

    @Option(names = "--restore-days", defaultValue = "3",
            description = "Days of backfilled event time of the restore park, from 2025-01-01 (default ${DEFAULT-VALUE}).")
    int restoreDays;

    @Option(names = "--restore-interval", defaultValue = "60",
            description = "Reading interval of the restore park in minutes; must divide an hour (default ${DEFAULT-VALUE}).")
    int restoreIntervalMinutes;

    @Option(names = "--gateway-devices", defaultValue = "1000",
            description = "HJ 212 devices connected to the gateway in the gateway phase (default ${DEFAULT-VALUE}).")
    int gatewayDevices;

    @Option(names = "--gateway-packets", defaultValue = "10",
            description = "Timed hourly packets each device sends in the gateway phase (default ${DEFAULT-VALUE}).")
    int gatewayPackets;

    @Option(names = "--phases", split = ",", defaultValue = "throughput,latency,restore,gateway",
            description = "Phases to run, comma-separated (default ${DEFAULT-VALUE}).")
    java.util.Set<String> phases;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintOut out = new PrintOut(System.out);
        emptyDirectory(workDir);
        Path logs = workDir.resolve("logs");
        BenchmarkReport report = new BenchmarkReport(MachineDescription.ofThisMachine(),
                "bin/benchmark " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            out.line("Broker %s, registry %s", cluster.bootstrapServers(), cluster.registryUrl());
            if (phases.contains("throughput")) {
                throughput(cluster, logs, report, out);
            }
            if (phases.contains("latency")) {
                LatencyPhase latency = new LatencyPhase(cluster, partitions, logs, heap, seed, pipelineJavaOptions,
                        overrides);
                StringBuilder section = new StringBuilder("### Latency (event produced -> visible downstream, "
                        + "read_committed)\n\n```\n");
                for (double rate : rates) {
                    section.append(latency.run(rate, java.time.Duration.ofSeconds(latencySeconds), out)).append('\n');
                }
                report.section(section.append("```\n").toString());
            }
            if (phases.contains("restore")) {
                Instant from = LocalDate.of(2025, 1, 1).atStartOfDay(ZoneOffset.ofHours(8)).toInstant();
                java.time.Duration interval = java.time.Duration.ofMinutes(restoreIntervalMinutes);
                RestorePhase.Result restore = new RestorePhase(cluster, partitions, workDir, logs, heap,
                        pipelineJavaOptions, overrides).run(restoreEnterprises, from,
                        from.plus(java.time.Duration.ofDays(restoreDays)), interval, interval, seed, out);
                report.restore(restore);
            }
            if (phases.contains("gateway")) {
                GatewayPhase.Result gateway = new GatewayPhase(cluster, partitions).run(gatewayDevices, gatewayPackets,
                        seed, out);
                out.line("Gateway %,.0f packets/s, straight producer %,.0f/s; packet -> answer %s",
                        gateway.gatewayRate(), gateway.baselineRate(), gateway.latency());
                report.section(gateway.markdown());
            }
        } finally {
            Path file = workDir.resolve("report.md");
            report.writeTo(file);
            System.out.println();
            System.out.println(report.markdown());
            out.line("Report written to %s", file.toAbsolutePath());
        }
        return 0;
    }

    private void throughput(BenchCluster cluster, Path logs, BenchmarkReport report, PrintOut out) throws Exception {
        {
            String prefix = "bench";
            ParkModel park = ParkModel.generate(ParkSettings.defaults(seed).withEnterpriseCount(enterprises));
            cluster.preparePark(prefix, park, partitions);
            ParkLoad load = new ParkLoad(cluster, park, Topics.withPrefix(prefix));
            Instant from = LocalDate.of(2025, 1, 1).atStartOfDay(ZoneOffset.ofHours(8)).toInstant();
            SimulationResult loaded = load.backfill(from, Instant.now(), events, GeneratorSettings.defaults(seed));
            out.line("Pre-loaded %,d events (%s to %s) in %.1f s", loaded.eventsSent(), from, loaded.eventTimeReached(),
                    loaded.elapsed().toMillis() / 1000.0);
            ThroughputPhase.Result throughput = new ThroughputPhase(cluster, prefix, partitions, logs)
                    .run(new PipelineLauncher(cluster, prefix, partitions, heap, pipelineJavaOptions, logs, overrides), threads, out);
            out.line("Ratios: pipeline / pass-through %.2f, pipeline / consumer %.3f", throughput.ratioToPassThrough(),
                    throughput.ratioToConsumer());
            report.throughput(throughput, threads);
        }
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
