package org.parkwatch.registry;

import io.javalin.Javalin;
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

    private SchemaRegistryServer(KafkaSchemaLog log, Javalin http, String host) {
        this.log = log;
        this.http = http;
        this.host = host;
    }

    /** Starts serving once the local state has caught up with the schema topic, creating the topic if absent. */
    public static SchemaRegistryServer start(RegistrySettings settings) {
        KafkaSchemaLog log = KafkaSchemaLog.open(settings.bootstrapServers(), settings.topic(),
                settings.replicationFactor(), settings.defaultCompatibility(), settings.timeout());
        try {
            Javalin http = Javalin.create(config -> {
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                RegistryRoutes.install(config.routes, log);
            }).start();
            return new SchemaRegistryServer(log, http, settings.host());
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        // A wildcard listen address is not something a client can connect to; loopback always is.
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + reachable + ":" + port();
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
