package org.parkwatch.topology;

import java.time.Instant;

import org.parkwatch.alerting.Observation;
import org.parkwatch.alerting.Subject;
import org.parkwatch.avro.WindowKind;

/**
 * A value of a metric for a subject over a window, on its way to the alert lifecycle. SAMPLE observations (one
 * wastewater sample) share one lifecycle per rule and outlet, so consecutive samples count together.
 * {@code windowClosed} marks the last value of a window: alerts about that window are then resolved, since a
 * year-to-date ratio never falls by itself. A closed window published again ({@code revision} above 0: activity
 * accounted after it closed, new added value) is judged against the verdict its final value had.
 */
record AlertObservation(String metric, WindowKind window, Instant windowStart, Instant windowEnd, Subject subject,
                        Observation observation, boolean windowClosed, int revision) {

    AlertObservation(String metric, WindowKind window, Instant windowStart, Instant windowEnd, Subject subject,
                     Observation observation) {
        this(metric, window, windowStart, windowEnd, subject, observation, false, 0);
    }

    /** Whether this is a closed window's figure published again after it changed. */
    boolean revisesClosedWindow() {
        return windowClosed && revision > 0;
    }

    /** The window instance the lifecycle is keyed by: none for SAMPLE rules. */
    Instant lifecycleWindowStart() {
        return window == WindowKind.SAMPLE ? null : windowStart;
    }
}
