package org.parkwatch.deploy.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The HTTP query API: where it listens, the address other instances reach it at, its bearer token, and the browser
 * origins allowed to call it.
 *
 * @param authToken      bearer token callers must present; empty turns authentication off
 * @param corsOrigins    origins allowed cross-origin requests; empty allows none
 * @param authRequired   whether the pipeline process refuses to serve the API without a token
 * @param advertisedHost host name or address other instances reach this API at, without port; empty when not
 *                       advertised
 */
public record ApiConfig(String host, int port, Password authToken, List<String> corsOrigins, boolean authRequired,
                        String advertisedHost) {

    public static final String HOST = "parkwatch.api.host";
    public static final String PORT = "parkwatch.api.port";
    public static final String AUTH_TOKEN = "parkwatch.api.auth.token";
    public static final String CORS_ORIGINS = "parkwatch.api.cors.origins";
    public static final String AUTH_REQUIRED = "parkwatch.api.auth.required";
    public static final String ADVERTISED_HOST = "parkwatch.api.advertised.host";

    public ApiConfig {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Address the API listens on; 127.0.0.1 keeps it local, 0.0.0.0 opens it to the network.")
                .define(PORT, Type.INT, 8080, Range.between(0, 65_535), Importance.HIGH,
                        "Port the API listens on; 0 picks a free one.")
                .define(AUTH_TOKEN, Type.PASSWORD, "", Importance.HIGH,
                        "Bearer token required on every request except health; empty turns authentication off, "
                                + "acceptable only on a loopback address.")
                .define(CORS_ORIGINS, Type.LIST, List.of(), ConfigDef.ValidList.anyNonDuplicateValues(true, false),
                        Importance.LOW, "Browser origins allowed to call the API, comma-separated; empty for none.")
                .define(AUTH_REQUIRED, Type.BOOLEAN, true, Importance.HIGH,
                        "Whether the pipeline refuses to start its API without " + AUTH_TOKEN + ": authentication is "
                                + "on by default; the local stack sets this to false.")
                .define(ADVERTISED_HOST, Type.STRING, "", Validators.hostName(), Importance.MEDIUM,
                        "Host name or address (no port) at which the other instances of the pipeline reach this "
                                + "instance's API; with several instances set it on each, and Kafka Streams' "
                                + "application.server becomes this host and " + PORT + ", so a query for a key "
                                + "another instance holds is forwarded there. Empty for a single instance.");
    }

    @SuppressWarnings("unchecked")
    public static ApiConfig from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        return new ApiConfig((String) p.get(HOST), (Integer) p.get(PORT), (Password) p.get(AUTH_TOKEN),
                (List<String>) p.get(CORS_ORIGINS), (Boolean) p.get(AUTH_REQUIRED), (String) p.get(ADVERTISED_HOST));
    }

    public static ApiConfig defaults() {
        return from(Map.of());
    }

    /** Why the API must not start as configured: a token is required and none is set. */
    public Optional<String> misconfiguration() {
        return authRequired && requiredToken().isEmpty()
                ? Optional.of("The API needs a bearer token: set " + AUTH_TOKEN + " (or " + AUTH_REQUIRED
                        + "=false to serve without authentication, for local use only)")
                : Optional.empty();
    }

    /**
     * The address other instances reach this API at, as Kafka Streams' {@code application.server} (host:port),
     * when {@link #ADVERTISED_HOST} is set.
     *
     * @throws ConfigException when the port is 0: a port picked at start-up cannot be advertised beforehand
     */
    public Optional<String> advertisedAddress() {
        if (advertisedHost.isEmpty()) {
            return Optional.empty();
        }
        if (port == 0) {
            throw new ConfigException(ADVERTISED_HOST, advertisedHost, "needs a fixed " + PORT
                    + ": other instances cannot reach a port picked at start-up");
        }
        return Optional.of(advertisedHost + ":" + port);
    }

    /** The token callers must present, when authentication is on. */
    public Optional<String> requiredToken() {
        String token = authToken.value();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
