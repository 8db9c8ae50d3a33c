package org.parkwatch.registry.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a candidate schema may follow earlier ones under a compatibility level, using Avro's own
 * reader/writer resolution rules ({@link SchemaCompatibility}).
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Checks {@code candidate} against {@code previous}, oldest first. Non-transitive levels look at the last
     * element only; transitive ones at every element.
     */
    public static CompatibilityResult check(CompatibilityLevel level, Schema candidate, List<Schema> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return CompatibilityResult.compatible();
        }
        List<Schema> checked = level.isTransitive() ? previous : List.of(previous.get(previous.size() - 1));
        List<String> messages = new ArrayList<>();
        for (Schema earlier : checked) {
            if (level.checksBackward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
                        "the new schema cannot read data written with an earlier schema", messages);
            }
            if (level.checksForward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
                        "an earlier schema cannot read data written with the new schema", messages);
            }
        }
        return new CompatibilityResult(messages);
    }

    private static void describe(SchemaPairCompatibility pair, String direction, List<String> messages) {
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add(incompatibility.getType() + " at '" + incompatibility.getLocation() + "': "
                    + incompatibility.getMessage() + " (" + direction + ")");
        }
    }
}
