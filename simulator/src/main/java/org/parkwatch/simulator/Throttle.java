package org.parkwatch.simulator;

import java.time.Instant;

/** Holds a run to at most a given number of events per second, evenly spaced from the first one. */
final class Throttle {

    private final SimulationClock clock;
    private final double eventsPerSecond;
    private Instant start;
    private long permits;

    Throttle(SimulationClock clock, double eventsPerSecond) {
        this.clock = clock;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Waits until the next event may be sent; returns at once when there is no limit. */
    void acquire() throws InterruptedException {
        if (eventsPerSecond <= 0) {
            return;
        }
        if (start == null) {
            start = clock.now();
        }
        Instant due = start.plusNanos((long) (permits * 1e9 / eventsPerSecond));
        permits++;
        if (clock.now().isBefore(due)) {
            clock.sleepUntil(due);
        }
    }
}
