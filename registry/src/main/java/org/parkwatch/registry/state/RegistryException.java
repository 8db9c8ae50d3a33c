package org.parkwatch.registry.state;

/** A request the registry refuses, carrying the Confluent error code to answer with. */
public final class RegistryException extends RuntimeException {

    private final ErrorCode errorCode;

    public RegistryException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public RegistryException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
