package org.parkwatch.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints, at most every few seconds, a line with events sent, events/s, event time reached and an ETA from whichever
 * bound (end of event time or event count) is nearer to completion.
 */
final class ProgressReporter {

    private final PrintStream out;
    private final SimulationClock clock;
    private final RunPlan plan;
    private final Duration every;
    private final Instant started;
    private Instant lastPrinted;

    ProgressReporter(PrintStream out, SimulationClock clock, RunPlan plan, Duration every) {
        this.out = out;
        this.clock = clock;
        this.plan = plan;
        this.every = every;
        this.started = clock.now();
        this.lastPrinted = started;
    }

    void update(long events, Instant eventTime) {
        Instant now = clock.now();
        if (Duration.between(lastPrinted, now).compareTo(every) >= 0) {
            lastPrinted = now;
            out.println(line(events, eventTime, now));
        }
    }

    void finish(long events, Instant eventTime) {
        out.println(line(events, eventTime, clock.now()));
    }

    String line(long events, Instant eventTime, Instant now) {
        double seconds = Duration.between(started, now).toMillis() / 1000.0;
        double rate = seconds > 0 ? events / seconds : 0;
        double done = fractionDone(events, eventTime);
        String percent = done < 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", done * 100);
        String eta = done <= 0 ? "-" : formatDuration(Duration.ofMillis((long) (seconds * (1 - done) / done * 1000)));
        return String.format(Locale.ROOT, "simulate: %d events | %.0f events/s | event time %s | %s | ETA %s",
                events, rate, eventTime, percent, eta);
    }

    /** The share of the plan done, or -1 when the plan has no bound. */
    private double fractionDone(long events, Instant eventTime) {
        double done = -1;
        if (plan.to() != null) {
            long span = plan.to().toEpochMilli() - plan.from().toEpochMilli();
            done = span <= 0 ? 1 : (eventTime.toEpochMilli() - plan.from().toEpochMilli()) / (double) span;
        }
        if (plan.maxEvents() > 0) {
            done = Math.max(done, events / (double) plan.maxEvents());
        }
        return done < 0 ? -1 : Math.max(0, Math.min(1, done));
    }

    private static String formatDuration(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
