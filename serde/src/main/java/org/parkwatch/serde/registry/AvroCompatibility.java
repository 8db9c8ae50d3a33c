package org.parkwatch.serde.registry;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Decides whether a candidate schema may follow a subject's versions under one of Confluent's levels. */
final class AvroCompatibility {

    static final String DEFAULT_LEVEL = "BACKWARD";
    static final List<String> LEVELS = List.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    private AvroCompatibility() {
    }

    /** Whether the candidate is compatible with the existing versions, oldest first, under the level. */
    static boolean isCompatible(String level, Schema candidate, List<Schema> existing) {
        String normalized = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(normalized)) {
            throw new IllegalArgumentException("unknown compatibility level " + level);
        }
        if (existing.isEmpty() || normalized.equals("NONE")) {
            return true;
        }
        List<Schema> checked = normalized.endsWith("_TRANSITIVE") ? existing
                : List.of(existing.get(existing.size() - 1));
        boolean backward = normalized.startsWith("BACKWARD") || normalized.startsWith("FULL");
        boolean forward = normalized.startsWith("FORWARD") || normalized.startsWith("FULL");
        for (Schema previous : checked) {
            // Backward: consumers on the new schema read data written with the old one; forward: the reverse.
            if (backward && !canRead(candidate, previous)) {
                return false;
            }
            if (forward && !canRead(previous, candidate)) {
                return false;
            }
        }
        return true;
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
