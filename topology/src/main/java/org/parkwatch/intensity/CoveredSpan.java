package org.parkwatch.intensity;

import java.time.Duration;
import java.time.Instant;

/** A run of whole covered hours [start, end) whose IAV all comes from one report. */
public record CoveredSpan(Instant start, Instant end, String reportId, double iavPerHour) {

    public long hours() {
        return Duration.between(start, end).toHours();
    }

    /** IAV of the whole run, 10^4 RMB. */
    public double iav() {
        return hours() * iavPerHour;
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
