package org.parkwatch.totals;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether an activity is too late to be counted. The watermark is the latest activity time seen; an
 * activity older than watermark minus grace would land in windows already published as final, so it is rejected
 * (to the dead-letter topic, for a restatement) rather than silently changing a final figure.
 */
public record GracePolicy(Duration grace) {

    public boolean isTooLate(Instant activityTime, Instant watermark) {
        return watermark != null && activityTime.isBefore(watermark.minus(grace));
    }
}
