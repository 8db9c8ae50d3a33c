package org.parkwatch.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry could not answer for a schema id: unreachable, an error of its own (5xx), or any answer
 * other than a definitive "unknown schema id" (40403). Nothing is known to be wrong with the record: retrying
 * once the registry is back will read it, so it must not be treated as bad input.
 */
public class SchemaRegistryUnavailableException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
