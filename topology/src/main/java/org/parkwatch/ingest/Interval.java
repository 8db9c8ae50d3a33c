package org.parkwatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A metered interval, start inclusive and end exclusive; the end is the event time. */
public record Interval(Instant start, Instant end) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("interval end " + end + " is not after its start " + start);
        }
    }

    /** The length of the interval. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** The length of the interval in hours, with millisecond resolution. */
    public double hours() {
        return duration().toMillis() / 3_600_000.0;
    }
}
