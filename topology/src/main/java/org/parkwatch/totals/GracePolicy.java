package org.parkwatch.totals;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether an activity is too late to be counted. The watermark is the latest activity time seen on the
 * activity's input. Within the grace period an activity lands in windows still open; older, but within the backfill
 * horizon, it lands in windows already published as final, which it revises (they are published again, closed,
 * with a revision number); older than the horizon it is refused (a LATE_EVENT dead letter, replayable once the
 * horizon is raised) rather than silently changing figures long signed off.
 */
public record GracePolicy(Duration grace, Duration backfillHorizon) {

    public GracePolicy {
        if (backfillHorizon.compareTo(grace) < 0) {
            throw new IllegalArgumentException("backfill horizon " + backfillHorizon + " is shorter than the grace"
                    + " period " + grace);
        }
    }

    /** A policy without backfill: activity older than the grace period is refused. */
    public GracePolicy(Duration grace) {
        this(grace, grace);
    }

    public boolean isTooLate(Instant activityTime, Instant watermark) {
        return watermark != null && activityTime.isBefore(watermark.minus(backfillHorizon));
    }
}
