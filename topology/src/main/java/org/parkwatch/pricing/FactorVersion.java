package org.parkwatch.pricing;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One version of a factor: its value applies to activity whose event time is at or after {@code validFrom}, until
 * the next version of the same key. See {@link FactorKeys} for the keys, units and parameter names.
 *
 * @param value main value, in {@code unit}
 * @param parameters further named parameters, each name ending in its unit
 * @param source citation of the published source, with its confidence tag
 */
public record FactorVersion(String factorKey, Instant validFrom, double value, String unit,
        Map<String, Double> parameters, String source) {

    public FactorVersion {
        Objects.requireNonNull(factorKey, "factorKey");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("factor " + factorKey + " has a non-finite value " + value);
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** The named parameter, if this version has it. */
    public OptionalDouble parameter(String name) {
        Double p = parameters.get(name);
        return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /** The named parameter; throws {@link FactorMissingException} when this version lacks it. */
    public double requireParameter(String name) {
        Double p = parameters.get(name);
        if (p == null) {
            throw FactorMissingException.noParameter(this, name);
        }
        return p;
    }
}
