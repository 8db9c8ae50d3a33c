package org.parkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the figures were measured on: cores, memory, CPU model, kernel and JDK, read off this machine. */
record MachineDescription(int cores, long memoryBytes, String cpu, String os, String jdk) {

    static MachineDescription ofThisMachine() {
        return new MachineDescription(Runtime.getRuntime().availableProcessors(), totalMemory(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    @Override
    public String toString() {
        return String.format("%d cores (%s), %.1f GiB memory, %s, %s", cores, cpu, memoryBytes / (double) (1L << 30),
                os, jdk);
    }

    private static long totalMemory() {
        return read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:")).findFirst())
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").flatMap(text -> text.lines().filter(l -> l.startsWith("model name")).findFirst())
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
