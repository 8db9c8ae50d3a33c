package org.parkwatch.pricing;

import java.time.Instant;
import java.util.Optional;

/** Finds the version of a factor that applies at an activity's event time. */
public interface FactorLookup {

    /** The version of {@code factorKey} with the greatest validFrom at or before {@code activityTime}. */
    Optional<FactorVersion> at(String factorKey, Instant activityTime);

    /** As {@link #at}, but throws {@link FactorMissingException} when no version applies. */
    default FactorVersion require(String factorKey, Instant activityTime) {
        return at(factorKey, activityTime)
                .orElseThrow(() -> FactorMissingException.noVersion(factorKey, activityTime));
    }
}
