package org.parkwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parkwatch.topology.Topics;

/**
 * Sustained throughput on pre-loaded input: Kafka's consumer, a Kafka Streams pass-through and the pipeline each read
 * the same input topics from the beginning, one after the other, until their committed offsets reach the end.
 */
final class ThroughputPhase {

    /**
     * @param pipeline       committed input offsets over time, ending when the whole topology had caught up (the
     *                       park level included), not when the inputs were committed
     * @param inputsDoneSeconds seconds from the pipeline's start to its last input commit
     * @param written        records written to Kafka per topic while the pipeline ran (end-offset growth)
     * @param parkEntries    ledger entries the parks' published year-to-date totals sum, at the end
     * @param ledgerEntries  ledger entries written, counted on the ledger topic
     */
    record Result(long records, ConsumerBaseline.Result consumer, Timeline passThrough, Timeline pipeline,
                  double inputsDoneSeconds, String caughtUpBy, Map<String, Long> written, long parkEntries,
                  long ledgerEntries, MemoryWatch.Peak pipelineMemory) {

        long writtenInAll() {
            return written.values().stream().mapToLong(Long::longValue).sum();
        }

        boolean reconciled() {
            return parkEntries == ledgerEntries;
        }

        double ratioToPassThrough() {
            return pipeline.steadyRate() / passThrough.steadyRate();
        }

        double ratioToConsumer() {
            return pipeline.steadyRate() / consumer.recordsPerSecond();
        }
    }

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    /** How long the internal topics' committed offsets must stand still to count as drained, when a partition ends
     * with records the application will never commit past (an aborted transaction's). */
    private static final Duration STILL_FOR = Duration.ofSeconds(10);
    /** Longer than a publication interval and a commit: the park's last totals are out by then. */
    private static final Duration RECONCILE_WITHIN = Duration.ofSeconds(60);

    private final BenchCluster cluster;
    private final Topics topics;
    private final String prefix;
    private final int partitions;
    private final Path logDir;

    ThroughputPhase(BenchCluster cluster, String prefix, int partitions, Path logDir) {
        this.cluster = cluster;
        this.topics = Topics.withPrefix(prefix);
        this.prefix = prefix;
        this.partitions = partitions;
        this.logDir = logDir;
    }

    Result run(PipelineLauncher pipeline, int threads, PrintOut out) throws InterruptedException {
        List<String> inputs = topics.activityInputs();
        try (GroupProgress progress = new GroupProgress(cluster.bootstrapServers(), inputs)) {
            long records = progress.endOffsetSum();
            out.line("Input: %,d records on %s", records, inputs);

            ConsumerBaseline.Result consumer = ConsumerBaseline.run(cluster.bootstrapServers(), inputs, records, logDir);
            out.line("ConsumerPerformance: %,.0f records/s (fetch only %,.0f/s)", consumer.recordsPerSecond(),
                    consumer.fetchRecordsPerSecond());

            List<String> copies = new ArrayList<>(inputs.stream().map(PassThroughApp::copyOf).toList());
            cluster.createTopics(copies, partitions);
            String passThroughId = prefix + "-pass-through";
            Timeline passThrough;
            try (JavaProcess app = JavaProcess.start("pass-through", logDir, List.of("-Xmx1g"),
                    PassThroughApp.class.getName(), List.of(cluster.bootstrapServers(), cluster.registryUrl(),
                            passThroughId, prefix, cluster.workDir().resolve("pass-through-state").toString(),
                            Integer.toString(threads)))) {
                passThrough = progress.follow(passThroughId, records, SAMPLE_EVERY, TIMEOUT, app::isAlive);
            }
            out.line("Kafka Streams pass-through (exactly_once_v2): %,.0f records/s steady, %.1f s in all",
                    passThrough.steadyRate(), passThrough.wallSeconds());

            String pipelineId = prefix + "-pipeline";
            // what the pipeline writes: its outputs (prefix.*) and its internal topics (pipelineId-*)
            java.util.function.Predicate<String> ours = t -> t.startsWith(prefix + ".")
                    || t.startsWith(pipelineId + "-");
            Map<String, Long> before = TopicGrowth.endOffsets(progress.admin(), ours);
            Timeline inputsDone;
            Timeline timeline;
            String caughtUpBy;
            Map<String, Long> written;
            long parkEntries;
            long ledgerEntries;
            MemoryWatch.Peak memory;
            PipelineOutput output = new PipelineOutput(cluster.bootstrapServers(), cluster.registryUrl());
            try (JavaProcess app = pipeline.start("pipeline-throughput", pipelineId,
                    cluster.workDir().resolve("pipeline-state"), Map.of("parkwatch.num.stream.threads",
                            Integer.toString(threads)));
                 MemoryWatch watch = MemoryWatch.of(app)) {
                inputsDone = progress.follow(pipelineId, records, SAMPLE_EVERY, TIMEOUT, app::isAlive);
                out.line("Inputs committed after %.1f s; waiting for the park level (repartition topic)",
                        inputsDone.wallSeconds());
                caughtUpBy = drain(progress, pipelineId, app);
                timeline = inputsDone.endingAt(System.nanoTime());
                written = TopicGrowth.growth(before, TopicGrowth.endOffsets(progress.admin(), ours));
                ledgerEntries = output.ledgerEntries(topics.emissionsLedger());
                long deadline = System.nanoTime() + RECONCILE_WITHIN.toNanos();
                do {
                    parkEntries = output.parkYearToDateEntries(topics.parkTotals());
                } while (parkEntries != ledgerEntries && System.nanoTime() < deadline && pause());
                memory = watch.peak();
            }
            out.line("ParkWatch pipeline (exactly_once_v2): %,.0f records/s steady to the whole topology caught up"
                    + " (%s), %.1f s in all, peak RSS %s", timeline.steadyRate(), caughtUpBy, timeline.wallSeconds(),
                    memory);
            out.line("Park year-to-date totals sum %,d ledger entries; the ledger holds %,d: %s", parkEntries,
                    ledgerEntries, parkEntries == ledgerEntries ? "reconciled" : "MISMATCH");
            return new Result(records, consumer, passThrough, timeline, inputsDone.wallSeconds(), caughtUpBy,
                    written, parkEntries, ledgerEntries, memory);
        }
    }

    /**
     * Waits until the application has read all its internal (repartition) topics hold: the park level is done.
     * Returns how that was seen.
     */
    private String drain(GroupProgress progress, String pipelineId, JavaProcess app) throws InterruptedException {
        List<String> internal = TopicGrowth.endOffsets(progress.admin(),
                t -> t.startsWith(pipelineId + "-") && t.endsWith("-repartition")).keySet().stream().toList();
        if (internal.isEmpty()) {
            return "no repartition topic";
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long last = -1;
        long stillSince = System.nanoTime();
        while (true) {
            if (progress.caughtUpOn(pipelineId, internal)) {
                return "repartition topic read to its end";
            }
            long now = progress.committedSumOn(pipelineId, internal);
            if (now != last) {
                last = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince > STILL_FOR.toNanos()) {
                return "its commits on the repartition topic still for " + STILL_FOR.toSeconds() + " s";
            }
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The pipeline did not read its repartition topic to the end");
            }
            Thread.sleep(SAMPLE_EVERY.toMillis());
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(1_000);
        return true;
    }
}
