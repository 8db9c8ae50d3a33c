package org.parkwatch.alerting;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One value of a metric for a subject at an event time. An estimated value (a concentration filled in with a
 * discharge factor) is never judged: the lifecycle ignores it, as it ignores a value that is not a finite number.
 */
public record Observation(double value, Instant time, boolean estimated, Evidence evidence) {

    public Observation {
        Objects.requireNonNull(time, "time");
        evidence = evidence == null ? Evidence.none() : evidence;
    }

    public static Observation measured(double value, Instant time, Evidence evidence) {
        return new Observation(value, time, false, evidence);
    }

    /**
     * The concentration-ratio observation of one wastewater sample: concentration over the outlet's limit, carrying
     * whether the concentration was estimated; empty when the outlet has no usable limit.
     */
    public static Optional<Observation> concentrationRatio(double concentrationMgPerL, Double outletLimitMgPerL,
                                                           boolean estimated, Instant time, Evidence evidence) {
        var ratio = Metrics.concentrationRatio(concentrationMgPerL, outletLimitMgPerL);
        return ratio.isPresent()
                ? Optional.of(new Observation(ratio.getAsDouble(), time, estimated, evidence))
                : Optional.empty();
    }

    /** Whether the lifecycle judges this observation: measured and a finite number. */
    public boolean judgeable() {
        return !estimated && Double.isFinite(value);
    }
}
