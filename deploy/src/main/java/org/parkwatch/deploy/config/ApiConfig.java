package org.parkwatch.deploy.config;

import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.parkwatch.api.ApiTls;

/**
 * The HTTP query API: where it listens, the address other instances reach it at, its bearer token, and the browser
 * origins allowed to call it.
 *
 * @param authToken      bearer token callers must present; empty turns authentication off
 * @param corsOrigins    origins allowed cross-origin requests; empty allows none
 * @param authRequired   whether the pipeline process refuses to serve the API without a token
 * @param advertisedHost host name or address other instances reach this API at, without port; empty when not
 *                       advertised
 * @param tlsKeyStore    key store of the API's certificate; empty for plain HTTP
 * @param tlsTrustStore  certificates trusted when forwarding to other instances; empty for the JDK's roots
 */
public record ApiConfig(String host, int port, Password authToken, List<String> corsOrigins, boolean authRequired,
                        String advertisedHost, String tlsKeyStore, Password tlsKeyStorePassword,
                        String tlsKeyStoreType, String tlsTrustStore, Password tlsTrustStorePassword) {

    public static final String HOST = "parkwatch.api.host";
    public static final String PORT = "parkwatch.api.port";
    public static final String AUTH_TOKEN = "parkwatch.api.auth.token";
    public static final String CORS_ORIGINS = "parkwatch.api.cors.origins";
    public static final String AUTH_REQUIRED = "parkwatch.api.auth.required";
    public static final String ADVERTISED_HOST = "parkwatch.api.advertised.host";
    public static final String TLS_KEYSTORE_LOCATION = "parkwatch.api.tls.keystore.location";
    public static final String TLS_KEYSTORE_PASSWORD = "parkwatch.api.tls.keystore.password";
    public static final String TLS_KEYSTORE_TYPE = "parkwatch.api.tls.keystore.type";
    public static final String TLS_TRUSTSTORE_LOCATION = "parkwatch.api.tls.truststore.location";
    public static final String TLS_TRUSTSTORE_PASSWORD = "parkwatch.api.tls.truststore.password";

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
                                + "another instance holds is forwarded there. Empty for a single instance.")
                .define(TLS_KEYSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                        "Key store (PKCS12 or JKS) of the API's certificate and key: the API then serves HTTPS only, "
                                + "and forwards to other instances over HTTPS. Empty for plain HTTP.")
                .define(TLS_KEYSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                        "Password of the API's key store.")
                .define(TLS_KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"),
                        Importance.LOW, "Type of the API's key store, and of its trust store.")
                .define(TLS_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.LOW,
                        "Certificates trusted when this instance forwards a query to another over HTTPS (their "
                                + "certificates must name their advertised host); empty for the JDK's trusted roots.")
                .define(TLS_TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.LOW,
                        "Password of the API's trust store.");
    }

    @SuppressWarnings("unchecked")
    public static ApiConfig from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        return new ApiConfig((String) p.get(HOST), (Integer) p.get(PORT), (Password) p.get(AUTH_TOKEN),
                (List<String>) p.get(CORS_ORIGINS), (Boolean) p.get(AUTH_REQUIRED), (String) p.get(ADVERTISED_HOST),
                (String) p.get(TLS_KEYSTORE_LOCATION), (Password) p.get(TLS_KEYSTORE_PASSWORD),
                (String) p.get(TLS_KEYSTORE_TYPE), (String) p.get(TLS_TRUSTSTORE_LOCATION),
                (Password) p.get(TLS_TRUSTSTORE_PASSWORD));
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

    /** HTTPS settings, when a key store is configured. */
    public Optional<ApiTls> tls() {
        if (tlsKeyStore.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ApiTls(Path.of(tlsKeyStore), tlsKeyStorePassword.value(), tlsKeyStoreType,
                tlsTrustStore.isEmpty() ? Optional.empty() : Optional.of(Path.of(tlsTrustStore)),
                tlsTrustStorePassword.value()));
    }

    /** The token callers must present, when authentication is on. */
    public Optional<String> requiredToken() {
        String token = authToken.value();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
