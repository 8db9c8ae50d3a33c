package org.parkwatch.api;

import java.util.List;

import io.javalin.http.HttpStatus;

/** A request the API refuses, with the HTTP status and the message the caller sees in the JSON error body. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;
    private final transient List<String> unavailableInstances;

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    private ApiException(HttpStatus status, String message, List<String> unavailableInstances) {
        super(message);
        this.status = status;
        this.unavailableInstances = List.copyOf(unavailableInstances);
    }

    public HttpStatus status() {
        return status;
    }

    /** The other instances (host:port) whose part of the answer is missing; empty when none is to blame. */
    public List<String> unavailableInstances() {
        return unavailableInstances;
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

    /** 503: the answer would lack the part these instances hold, so none is given rather than an incomplete one. */
    static ApiException incomplete(List<String> instances, String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message, instances);
    }
}
