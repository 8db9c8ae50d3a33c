package org.parkwatch.registry.state;

import java.util.Locale;

/** The compatibility rules a subject's new schemas must satisfy, named as in Confluent Schema Registry. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Whether the new schema, as reader, must read data written with the earlier schemas. */
    public boolean checksBackward() {
        return backward;
    }

    /** Whether the earlier schemas, as readers, must read data written with the new schema. */
    public boolean checksForward() {
        return forward;
    }

    /** Whether every earlier live version is checked rather than only the latest. */
    public boolean isTransitive() {
        return transitive;
    }

    /**
     * Parses a level name case-insensitively, as clients send both {@code full} and {@code FULL}.
     *
     * @throws RegistryException with {@link ErrorCode#INVALID_COMPATIBILITY_LEVEL} for an unknown or missing name
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        throw new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level. Valid values are none, backward, forward, full, "
                        + "backward_transitive, forward_transitive, and full_transitive");
    }
}
