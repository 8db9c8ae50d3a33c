package org.parkwatch.serde.registry;

/**
 * An error answered by the schema registry, carrying the HTTP status and the Confluent error code of the body
 * (for example 404 / {@value #SCHEMA_NOT_FOUND}).
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The subject does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** The subject has no such version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** No schema with that id, or the schema is not registered under the subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** The subject has no compatibility level of its own. */
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** The schema is incompatible with earlier versions of the subject (HTTP 409 carries code 409). */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** The schema does not parse. */
    public static final int INVALID_SCHEMA = 42201;

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message) {
        super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
