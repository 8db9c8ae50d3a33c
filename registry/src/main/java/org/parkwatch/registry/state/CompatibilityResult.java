package org.parkwatch.registry.state;

import java.util.List;

/** The verdict of a compatibility check: compatible when no incompatibility was found. */
public record CompatibilityResult(List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    public static CompatibilityResult compatible() {
        return new CompatibilityResult(List.of());
    }

    public boolean isCompatible() {
        return messages.isEmpty();
    }
}
