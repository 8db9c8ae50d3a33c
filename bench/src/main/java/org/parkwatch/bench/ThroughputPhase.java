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

    record Result(long records, ConsumerBaseline.Result consumer, Timeline passThrough, Timeline pipeline,
                  MemoryWatch.Peak pipelineMemory) {

        double ratioToPassThrough() {
            return pipeline.steadyRate() / passThrough.steadyRate();
        }

        double ratioToConsumer() {
            return pipeline.steadyRate() / consumer.recordsPerSecond();
        }
    }

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

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
            Timeline timeline;
            MemoryWatch.Peak memory;
            try (JavaProcess app = pipeline.start("pipeline-throughput", pipelineId,
                    cluster.workDir().resolve("pipeline-state"), Map.of("parkwatch.num.stream.threads",
                            Integer.toString(threads)));
                 MemoryWatch watch = MemoryWatch.of(app)) {
                timeline = progress.follow(pipelineId, records, SAMPLE_EVERY, TIMEOUT, app::isAlive);
                memory = watch.peak();
            }
            out.line("ParkWatch pipeline (exactly_once_v2): %,.0f records/s steady, %.1f s in all, peak RSS %s",
                    timeline.steadyRate(), timeline.wallSeconds(), memory);
            return new Result(records, consumer, passThrough, timeline, memory);
        }
    }
}
