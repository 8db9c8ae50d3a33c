package org.parkwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A program of this benchmark's class path in its own JVM, so that what is measured (the pipeline, the
 * pass-through, the consumer baseline) runs as an operator runs it, and its memory is its own.
 */
final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private JavaProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    static JavaProcess start(String name, Path logDir, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new JavaProcess(process, log, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    /** Waits for the process to end by itself and returns its exit status. */
    int await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not finish within " + timeout + " " + unit + "; see " + log);
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory now, from /proc (Linux), in bytes. */
    OptionalLong residentBytes() {
        return ProcStatus.kibibytes(pid(), "VmRSS").stream().map(k -> k * 1024).findFirst();
    }

    /** The peak resident memory the kernel recorded for the process (VmHWM), in bytes. */
    OptionalLong peakResidentBytes() {
        return ProcStatus.kibibytes(pid(), "VmHWM").stream().map(k -> k * 1024).findFirst();
    }

    /** SIGTERM, as an operator stops it; SIGKILL if it does not stop within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
