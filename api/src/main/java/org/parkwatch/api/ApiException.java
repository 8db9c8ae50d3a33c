package org.parkwatch.api;

import io.javalin.http.HttpStatus;

/** A request the API refuses, with the HTTP status and the message the caller sees in the JSON error body. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    static ApiException unavailable(String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message);
    }
}
