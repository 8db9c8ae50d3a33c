package org.parkwatch.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A half-open time range [from, to) given as ISO-8601 instants, e.g. 2026-05-01T00:00:00Z. */
record TimeRange(Instant from, Instant to) {

    TimeRange {
        if (from.isAfter(to)) {
            throw ApiException.badRequest("from " + from + " is after to " + to);
        }
    }

    /**
     * Parses {@code from} and {@code to}; a missing bound defaults to the last {@code defaultSpan} up to now.
     *
     * @throws ApiException 400 when a bound is not an ISO-8601 instant, when from is after to, or when the range is
     *                      longer than {@code maxSpan}
     */
    static TimeRange parse(String from, String to, Instant now, Duration defaultSpan, Duration maxSpan) {
        Instant end = to == null ? now : instant("to", to);
        Instant start = from == null ? end.minus(defaultSpan) : instant("from", from);
        TimeRange range = new TimeRange(start, end);
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ApiException.badRequest("time range longer than " + maxSpan.toDays() + " days");
        }
        return range;
    }

    static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " is not an ISO-8601 instant such as 2026-05-01T00:00:00Z: " + value);
        }
    }

    boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
