package org.parkwatch.registry.http;

import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.BasicAuthCredentials;
import org.parkwatch.registry.auth.RegistryOperations;
import org.parkwatch.registry.auth.RegistryRole;
import org.parkwatch.registry.auth.RegistryUsers;

/**
 * Refuses what Confluent's registry refuses, with its answers: no or wrong credentials get 401
 * {@code {"error_code":401,"message":"Unauthorized"}} and a {@code WWW-Authenticate: Basic} challenge (what its
 * Jetty basic authentication answers); a read-only user who writes gets 403 with error code 40301,
 * {@code User is denied operation Write on ...} (its security plugin's answer).
 */
final class BasicAuthentication implements Handler {

    static final String REALM = "SchemaRegistry";

    private final RegistryUsers users;

    BasicAuthentication(RegistryUsers users) {
        this.users = users;
    }

    @Override
    public void handle(Context ctx) {
        Optional<RegistryRole> role = credentials(ctx)
                .flatMap(c -> users.authenticate(c.getUsername(), c.getPassword()));
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            throw new AccessRefusedException(401, 401, "Unauthorized");
        }
        if (!RegistryOperations.allows(role.get(), ctx.method().name(), ctx.path())) {
            throw new AccessRefusedException(403, 40301, "User is denied operation Write on " + resource(ctx.path()));
        }
    }

    private static Optional<BasicAuthCredentials> credentials(Context ctx) {
        try {
            return Optional.ofNullable(ctx.basicAuthCredentials());
        } catch (RuntimeException malformed) {
            return Optional.empty(); // a header that is not valid basic authentication is no credential
        }
    }

    /** As Confluent names it: {@code Subject: <name>} for a subject's paths, the registry for the others. */
    private static String resource(String path) {
        String[] segments = path.replaceAll("^/+", "").split("/");
        boolean subjectPath = segments.length >= 2 && (segments[0].equals("subjects") || segments[0].equals("config"));
        return subjectPath ? "Subject: " + segments[1] : "SchemaRegistry";
    }

    /** A request refused before reaching its route. */
    static final class AccessRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final int status;
        final int errorCode;

        AccessRefusedException(int status, int errorCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }
    }
}
