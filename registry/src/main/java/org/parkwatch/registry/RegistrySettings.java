package org.parkwatch.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.parkwatch.registry.state.CompatibilityLevel;

/**
 * How a registry instance listens and where it keeps its schemas.
 *
 * @param host                 address to listen on
 * @param port                 port to listen on; 0 picks a free one
 * @param bootstrapServers     Kafka bootstrap servers of the cluster holding the schema topic
 * @param topic                the compacted single-partition topic holding the registry's log
 * @param defaultCompatibility global compatibility until one is set through the API; instances sharing a topic
 *                             must agree on it, since every instance decides compatibility when reading the log
 * @param replicationFactor    replication factor used when the server creates the topic
 * @param timeout              how long start-up and each write may wait for Kafka
 * @param kafkaClientSettings  further settings of the registry's Kafka clients, such as {@code security.protocol}
 *                             and {@code sasl.jaas.config} for a secured cluster
 */
public record RegistrySettings(String host, int port, String bootstrapServers, String topic,
                               CompatibilityLevel defaultCompatibility, short replicationFactor,
                               Duration timeout, Map<String, String> kafkaClientSettings) {

    /** Settings whose Kafka clients need nothing but the bootstrap servers. */
    public RegistrySettings(String host, int port, String bootstrapServers, String topic,
                            CompatibilityLevel defaultCompatibility, short replicationFactor, Duration timeout) {
        this(host, port, bootstrapServers, topic, defaultCompatibility, replicationFactor, timeout, Map.of());
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_TOPIC = "_parkwatch_schemas";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RegistrySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
        Objects.requireNonNull(timeout, "timeout");
        kafkaClientSettings = Map.copyOf(kafkaClientSettings);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Loopback, topic {@value #DEFAULT_TOPIC}, BACKWARD by default, replication factor 1, 30 s timeout. */
    public static RegistrySettings of(String bootstrapServers, int port) {
        return new RegistrySettings(DEFAULT_HOST, port, bootstrapServers, DEFAULT_TOPIC,
                CompatibilityLevel.BACKWARD, (short) 1, DEFAULT_TIMEOUT);
    }

    public RegistrySettings withHost(String newHost) {
        return new RegistrySettings(newHost, port, bootstrapServers, topic, defaultCompatibility,
                replicationFactor, timeout, kafkaClientSettings);
    }

    public RegistrySettings withPort(int newPort) {
        return new RegistrySettings(host, newPort, bootstrapServers, topic, defaultCompatibility,
                replicationFactor, timeout, kafkaClientSettings);
    }

    public RegistrySettings withTopic(String newTopic) {
        return new RegistrySettings(host, port, bootstrapServers, newTopic, defaultCompatibility,
                replicationFactor, timeout, kafkaClientSettings);
    }

    public RegistrySettings withDefaultCompatibility(CompatibilityLevel level) {
        return new RegistrySettings(host, port, bootstrapServers, topic, level, replicationFactor, timeout,
                kafkaClientSettings);
    }

    public RegistrySettings withReplicationFactor(short newReplicationFactor) {
        return new RegistrySettings(host, port, bootstrapServers, topic, defaultCompatibility,
                newReplicationFactor, timeout, kafkaClientSettings);
    }

    /** The same registry, its Kafka clients configured with {@code settings} too (security, for instance). */
    public RegistrySettings withKafkaClientSettings(Map<String, String> settings) {
        return new RegistrySettings(host, port, bootstrapServers, topic, defaultCompatibility, replicationFactor,
                timeout, settings);
    }

    public RegistrySettings withTimeout(Duration newTimeout) {
        return new RegistrySettings(host, port, bootstrapServers, topic, defaultCompatibility,
                replicationFactor, newTimeout, kafkaClientSettings);
    }

    /** Kafka client settings may hold credentials (sasl.jaas.config), so only their keys are shown. */
    @Override
    public String toString() {
        return "RegistrySettings[host=" + host + ", port=" + port + ", bootstrapServers=" + bootstrapServers
                + ", topic=" + topic + ", defaultCompatibility=" + defaultCompatibility + ", replicationFactor="
                + replicationFactor + ", timeout=" + timeout + ", kafkaClientSettings=" + kafkaClientSettings.keySet()
                + "]";
    }
}
