package org.parkwatch.pricing;

import java.time.Instant;
import java.util.Objects;

/** No version of a factor (or of one of its parameters) applies to an activity, so it cannot be priced. */
public final class FactorMissingException extends RuntimeException {

    private final String factorKey;

    private FactorMissingException(String factorKey, String message) {
        super(message);
        this.factorKey = Objects.requireNonNull(factorKey, "factorKey");
    }

    /** No version of {@code factorKey} is valid at {@code activityTime}. */
    public static FactorMissingException noVersion(String factorKey, Instant activityTime) {
        return new FactorMissingException(factorKey,
                "no version of factor " + factorKey + " is valid at " + activityTime);
    }

    /** The version that applies lacks the parameter {@code parameter}. */
    public static FactorMissingException noParameter(FactorVersion version, String parameter) {
        return new FactorMissingException(version.factorKey(), "factor " + version.factorKey() + " valid from "
                + version.validFrom() + " has no parameter " + parameter);
    }

    /** The key of the missing factor. */
    public String factorKey() {
        return factorKey;
    }
}
