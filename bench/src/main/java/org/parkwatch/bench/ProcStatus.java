package org.parkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Fields of {@code /proc/<pid>/status}: the kernel's own account of a process's memory. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** A field such as VmRSS or VmHWM in KiB, or empty once the process is gone or off Linux. */
    static OptionalLong kibibytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    String value = line.substring(field.length() + 1).trim();
                    return OptionalLong.of(Long.parseLong(value.split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
