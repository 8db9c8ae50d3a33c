package org.parkwatch.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the API fails: a JSON body {@code {status, error, message}} whatever went wrong. An unexpected failure is
 * logged with its stack trace and answered with its exception's class name only: a stack trace or an exception's
 * message may name internals (hosts, store names, file paths) a caller has no business seeing.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** The largest request body accepted; the API reads none, so this only bounds what a client may send. */
    static final long MAX_REQUEST_BYTES = 16 * 1024;

    private ApiErrors() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            Map<String, Object> body = body(e.status(), e.getMessage());
            if (!e.unavailableInstances().isEmpty()) {
                body.put("unavailableInstances", e.unavailableInstances());
            }
            ctx.status(e.status()).json(body);
        });
        routes.exception(InvalidStateStoreException.class, (e, ctx) -> error(ctx,
                HttpStatus.SERVICE_UNAVAILABLE, "state stores cannot be queried now; retry shortly"));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
        });
    }

    /** Refuses, with 413, a request announcing a body larger than {@link #MAX_REQUEST_BYTES}. */
    static void refuseLargeBodies(Context ctx) {
        String length = ctx.header("Content-Length");
        long announced;
        try {
            announced = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length is not a number");
        }
        if (announced > MAX_REQUEST_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "request bodies are limited to "
                    + MAX_REQUEST_BYTES + " bytes; this API reads none");
        }
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(body(status, message));
    }

    private static Map<String, Object> body(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.getCode());
        body.put("error", status.getMessage());
        body.put("message", message);
        return body;
    }
}
