package org.parkwatch.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The pipeline as a separate operating-system process, started the way an operator runs it (PipelineMain). */
final class PipelineProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String api;

    private PipelineProcess(Process process, Path log, String api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    static PipelineProcess start(Map<String, String> settings, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.parkwatch.deploy.pipeline.PipelineMain"));
        settings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        Path log = Files.createTempFile("pipeline-" + name, ".log");
        return new PipelineProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start(), log, "http://127.0.0.1:" + settings.getOrDefault("parkwatch.api.port", "0"));
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void killHard() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The exit status of a process that has ended. */
    int exitValue() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The base address of its HTTP API, when its settings name a port. */
    String api() {
        return api;
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as an operator stops it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
