package org.parkwatch.totals;

import java.time.Instant;

/** One window: [start, end) in UTC instants, on the boundaries of the park's local calendar. */
public record WindowSpan(WindowKind kind, Instant start, Instant end) {

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
