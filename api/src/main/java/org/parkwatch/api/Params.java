package org.parkwatch.api;

import java.util.List;

import io.javalin.http.Context;

/** Reads and checks query parameters, turning every malformed one into a 400 that names it. */
final class Params {

    private Params() {
    }

    static PageRequest page(Context ctx) {
        return new PageRequest(integer(ctx, "page", 0), integer(ctx, "size", PageRequest.DEFAULT_SIZE));
    }

    static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required");
        }
        return value;
    }

    /** The named constant of {@code allowed}, or {@code fallback} when the parameter is absent. */
    static <E extends Enum<E>> E oneOf(Context ctx, String name, List<E> allowed, E fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw ApiException.badRequest("query parameter '" + name + "' is required, one of " + allowed);
            }
            return fallback;
        }
        return allowed.stream().filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("unknown " + name + " '" + value + "', expected one of "
                        + allowed));
    }

    private static int integer(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' is not a whole number: " + value);
        }
    }
}
