package org.parkwatch.ingest;

import java.util.Objects;

/** A quantity expressed in a canonical unit. */
public record CanonicalQuantity(double value, CanonicalUnit unit) {

    public CanonicalQuantity {
        Objects.requireNonNull(unit, "unit");
    }
}
