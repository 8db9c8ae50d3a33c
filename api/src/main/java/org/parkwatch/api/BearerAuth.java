package org.parkwatch.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

/** Refuses a request without the configured bearer token with 401; health, metrics and the page stay open. */
final class BearerAuth implements Handler {

    private final byte[] token;

    BearerAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return; // CORS preflight requests carry no credentials by design.
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        // Constant-time comparison: the time taken does not reveal how much of the token was right.
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"parkwatch\"");
            throw new ApiException(HttpStatus.UNAUTHORIZED, presented == null
                    ? "a bearer token is required (Authorization: Bearer <token>)" : "the bearer token is not valid");
        }
    }
}
