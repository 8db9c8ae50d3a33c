package org.parkwatch.registry;

import java.util.Optional;

import io.javalin.Javalin;
import org.parkwatch.registry.auth.RegistryUsers;
import org.parkwatch.registry.http.RegistryRoutes;
import org.parkwatch.registry.log.KafkaSchemaLog;

/**
 * A Confluent-compatible Schema Registry: Confluent's REST API over HTTP, with its schemas kept in a compacted
 * Kafka topic so ids survive restarts and instances sharing the topic agree.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private final KafkaSchemaLog log;
    private final Javalin http;
    private final String host;

    private final boolean tls;
    private final boolean authenticates;

    private SchemaRegistryServer(KafkaSchemaLog log, Javalin http, String host, RegistrySecurity security) {
        this.log = log;
        this.http = http;
        this.host = host;
        this.tls = security.tls().isPresent();
        this.authenticates = security.authenticates();
    }

    /** An open registry on plain HTTP: see {@link #start(RegistrySettings, RegistrySecurity)}. */
    public static SchemaRegistryServer start(RegistrySettings settings) {
        return start(settings, RegistrySecurity.open());
    }

    /**
     * Starts serving once the local state has caught up with the schema topic, creating the topic if absent.
     *
     * @throws IllegalArgumentException when the password file cannot be read or names an unknown role
     */
    public static SchemaRegistryServer start(RegistrySettings settings, RegistrySecurity security) {
        Optional<RegistryUsers> users = security.passwordFile().map(RegistryUsers::load);
        KafkaSchemaLog log = KafkaSchemaLog.open(settings.bootstrapServers(), settings.kafkaClientSettings(),
                settings.topic(), settings.replicationFactor(), settings.defaultCompatibility(), settings.timeout());
        try {
            Javalin http = Javalin.create(config -> {
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                // With a connector of our own, Javalin adds no plain HTTP one: TLS means TLS only.
                security.tls().ifPresent(tls -> config.jetty.addConnector((server, httpConfig) ->
                        TlsConnector.of(server, httpConfig, tls, settings.host(), settings.port())));
                RegistryRoutes.install(config.routes, log, users);
            }).start();
            return new SchemaRegistryServer(log, http, settings.host(), security);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Whether requests must authenticate. */
    public boolean authenticates() {
        return authenticates;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        // A wildcard listen address is not something a client can connect to; loopback always is.
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return (tls ? "https://" : "http://") + reachable + ":" + port();
    }

    /** The port actually listened on, also when 0 was asked for. */
    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            log.close();
        }
    }
}
