package org.parkwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that jumps to the requested instant instead of sleeping, and remembers where it was asked to wait. */
final class FakeClock implements SimulationClock {

    private Instant now;
    private final List<Instant> waits = new ArrayList<>();

    FakeClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleepUntil(Instant time) {
        waits.add(time);
        if (time.isAfter(now)) {
            now = time;
        }
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    List<Instant> waits() {
        return waits;
    }
}
