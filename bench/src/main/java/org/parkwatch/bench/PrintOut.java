package org.parkwatch.bench;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines of a benchmark run, stamped with the wall-clock time. */
final class PrintOut {

    private final PrintStream out;

    PrintOut(PrintStream out) {
        this.out = out;
    }

    void line(String format, Object... args) {
        out.printf("[%s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
        out.flush();
    }
}
