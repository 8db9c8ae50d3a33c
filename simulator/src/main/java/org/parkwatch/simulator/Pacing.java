package org.parkwatch.simulator;

/** How event time advances during a run. */
public enum Pacing {
    /** Event time follows the wall clock: each interval's events are sent once the interval has ended. */
    WALL_CLOCK,
    /** Event time advances as fast as events can be sent (or at the plan's rate limit). */
    ACCELERATED
}
