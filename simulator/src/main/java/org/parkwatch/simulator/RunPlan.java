package org.parkwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one simulator run covers and how fast.
 *
 * @param from               event time the run starts from (exclusive: the first events end after it)
 * @param to                 event time it stops at (inclusive), or null for no end
 * @param maxEvents          stop after this many interval events (Enterprise records not counted); 0 for no limit
 * @param pacing             wall clock or accelerated
 * @param maxEventsPerSecond send rate limit; 0 for none
 * @param reportProgress     whether to print a progress line on stderr every few seconds
 * @param sendEnterprises    whether to send the Enterprise records first
 */
public record RunPlan(Instant from, Instant to, long maxEvents, Pacing pacing, double maxEventsPerSecond,
                      boolean reportProgress, boolean sendEnterprises) {

    public RunPlan {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(pacing, "pacing");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        if (maxEvents < 0 || !(maxEventsPerSecond >= 0)) {
            throw new IllegalArgumentException("maxEvents and maxEventsPerSecond must not be negative");
        }
    }

    /** Real time from {@code now} on, with no end. */
    public static RunPlan realTime(Instant now) {
        return new RunPlan(now, null, 0, Pacing.WALL_CLOCK, 0, false, true);
    }

    /** Accelerated from {@code from} on, with no end. */
    public static RunPlan asFastAsPossible(Instant from) {
        return new RunPlan(from, null, 0, Pacing.ACCELERATED, 0, false, true);
    }

    /** A past period (from, to] in accelerated event time, with progress on stderr. */
    public static RunPlan backfill(Instant from, Instant to) {
        return new RunPlan(from, Objects.requireNonNull(to, "to"), 0, Pacing.ACCELERATED, 0, true, true);
    }

    /** Stop after {@code duration} of event time (wall time, in real time). */
    public RunPlan withDuration(Duration duration) {
        return new RunPlan(from, from.plus(duration), maxEvents, pacing, maxEventsPerSecond, reportProgress,
                sendEnterprises);
    }

    public RunPlan withMaxEvents(long count) {
        return new RunPlan(from, to, count, pacing, maxEventsPerSecond, reportProgress, sendEnterprises);
    }

    public RunPlan withRate(double eventsPerSecond) {
        return new RunPlan(from, to, maxEvents, pacing, eventsPerSecond, reportProgress, sendEnterprises);
    }

    public RunPlan withProgress(boolean report) {
        return new RunPlan(from, to, maxEvents, pacing, maxEventsPerSecond, report, sendEnterprises);
    }

    public RunPlan withEnterprises(boolean send) {
        return new RunPlan(from, to, maxEvents, pacing, maxEventsPerSecond, reportProgress, send);
    }
}
