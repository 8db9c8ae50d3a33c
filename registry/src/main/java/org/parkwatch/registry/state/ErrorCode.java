package org.parkwatch.registry.state;

/** Confluent Schema Registry error codes; the HTTP status is the code's first three digits. */
public enum ErrorCode {
    SUBJECT_NOT_FOUND(40401),
    VERSION_NOT_FOUND(40402),
    SCHEMA_NOT_FOUND(40403),
    SUBJECT_SOFT_DELETED(40404),
    SUBJECT_NOT_SOFT_DELETED(40405),
    VERSION_SOFT_DELETED(40406),
    VERSION_NOT_SOFT_DELETED(40407),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(40408),
    INCOMPATIBLE_SCHEMA(409),
    INVALID_SCHEMA(42201),
    INVALID_VERSION(42202),
    INVALID_COMPATIBILITY_LEVEL(42203),
    STORE_ERROR(50001);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The numeric code sent as {@code error_code}. */
    public int code() {
        return code;
    }

    /** The HTTP status that goes with the code. */
    public int httpStatus() {
        return code < 1000 ? code : code / 100;
    }
}
