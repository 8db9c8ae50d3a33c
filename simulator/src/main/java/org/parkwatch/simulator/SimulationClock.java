package org.parkwatch.simulator;

import java.time.Duration;
import java.time.Instant;

/** The wall clock of a run, replaceable in tests so that pacing can be checked without waiting. */
public interface SimulationClock {

    Instant now();

    /** Returns once {@link #now()} has reached {@code time}. */
    void sleepUntil(Instant time) throws InterruptedException;

    /** The system clock. */
    static SimulationClock system() {
        return new SimulationClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleepUntil(Instant time) throws InterruptedException {
                Duration left = Duration.between(Instant.now(), time);
                while (!left.isNegative() && !left.isZero()) {
                    Thread.sleep(Math.max(1, left.toMillis()));
                    left = Duration.between(Instant.now(), time);
                }
            }
        };
    }
}
