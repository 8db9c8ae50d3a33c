package org.parkwatch.serde;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be read as Confluent wire-format Avro, with the {@link Problem} that tells a
 * deserialization handler where to route it.
 */
public class WireFormatException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Why the record could not be read. */
    public enum Problem {
        /** No magic byte, shorter than the header, or an Avro body that does not decode with its writer schema. */
        MALFORMED_BYTES,
        /** The schema id in the header is not known to the registry. */
        UNKNOWN_SCHEMA_ID
    }

    private final Problem problem;

    public WireFormatException(Problem problem, String message) {
        super(problem + ": " + message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public WireFormatException(Problem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
