package org.parkwatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the pipeline the way an operator does ({@code PipelineMain} with settings), in its own JVM with a fixed
 * heap, so its memory can be read off the operating system.
 */
final class PipelineLauncher {

    private final BenchCluster cluster;
    private final String prefix;
    private final int partitions;
    private final String heap;
    private final Path logDir;
    private final Map<String, String> overrides;
    private final List<String> javaOptions;

    PipelineLauncher(BenchCluster cluster, String prefix, int partitions, String heap, List<String> javaOptions,
                     Path logDir, Map<String, String> overrides) {
        this.javaOptions = List.copyOf(javaOptions);
        this.overrides = Map.copyOf(overrides);
        this.cluster = cluster;
        this.prefix = prefix;
        this.partitions = partitions;
        this.heap = heap;
        this.logDir = logDir;
    }

    JavaProcess start(String name, String applicationId, Path stateDir, Map<String, String> more) {
        Map<String, String> settings = new LinkedHashMap<>(cluster.pipelineSettings(prefix, applicationId, stateDir,
                partitions));
        settings.putAll(more);
        settings.putAll(overrides);
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
        jvm.addAll(javaOptions);
        return JavaProcess.start(name, logDir, jvm,
                "org.parkwatch.deploy.pipeline.PipelineMain", args);
    }
}
