package org.parkwatch.registry.state;

import org.apache.avro.Schema;

/** Parses schema text the way the registry compares schemas: by Avro's canonical {@code toString} form. */
public final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * Parses Avro schema text with a fresh parser, so named types of one schema never leak into another.
     *
     * @throws RegistryException with {@link ErrorCode#INVALID_SCHEMA} when the text is empty or not valid Avro
     */
    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // Avro reports some malformed schemas (an unknown type name) with a NullPointerException.
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }
}
