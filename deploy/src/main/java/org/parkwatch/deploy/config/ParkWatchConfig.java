package org.parkwatch.deploy.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.parkwatch.topology.AccountingSettings;

/**
 * The whole ParkWatch configuration, one typed part per concern. {@link ConfigLoader} builds it from defaults, a
 * properties file, the environment and the command line.
 */
public record ParkWatchConfig(KafkaConnection kafka, RegistryConnection registry, TopicLayout topicLayout,
                              AccountingSettings accounting, StorageConfig storage, ApiConfig api,
                              StartupConfig startup, GatewayConfig gateway, AclConfig acls,
                              RestatementConfig restatement) {

    /** The pass-through key that sets Kafka Streams' application.server verbatim, as before the advertised host. */
    private static final String EXPLICIT_APPLICATION_SERVER =
            KafkaConnection.CLIENT_PREFIX + StreamsConfig.APPLICATION_SERVER_CONFIG;

    /**
     * Checks that the address other instances reach this API at is set one way only, or the same way twice.
     *
     * @throws ConfigException when {@code parkwatch.kafka.application.server} disagrees with
     *                         {@link ApiConfig#ADVERTISED_HOST} and {@link ApiConfig#PORT}, or is not host:port
     */
    public ParkWatchConfig {
        applicationServer(kafka, api);
    }

    /** The keys of one concern, under a title for documentation. */
    public record Section(String title, ConfigDef definition) {
    }

    /** Every section, in the order the documentation lists them. */
    public static List<Section> sections() {
        return List.of(
                new Section("Kafka", KafkaConnection.definition()),
                new Section("Start-up", StartupConfig.definition()),
                new Section("Schema Registry", RegistryConnection.definition()),
                new Section("Topics", TopicLayout.definition()),
                new Section("Accounting", AccountingConfig.definition()),
                new Section("Storage", StorageConfig.definition()),
                new Section("Query API", ApiConfig.definition()),
                new Section("HJ 212 gateway", GatewayConfig.definition()),
                new Section("Kafka ACLs", AclConfig.definition()),
                new Section("Restatement", RestatementConfig.definition()));
    }

    /** Whether {@code key} is a defined key or a Kafka client pass-through key. */
    public static boolean isKnownKey(String key) {
        if (key.startsWith(KafkaConnection.CLIENT_PREFIX)) {
            return true;
        }
        for (Section section : sections()) {
            if (section.definition().configKeys().containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses every part from one map of values; keys it does not define are ignored here (the loader rejects them).
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key of an invalid value
     */
    public static ParkWatchConfig from(Map<String, ?> values) {
        return new ParkWatchConfig(KafkaConnection.from(values), RegistryConnection.from(values),
                TopicLayout.from(values), AccountingConfig.from(values), StorageConfig.from(values),
                ApiConfig.from(values), StartupConfig.from(values), GatewayConfig.from(values),
                AclConfig.from(values), RestatementConfig.from(values));
    }

    /**
     * Kafka Streams' {@code application.server}: the host:port other instances reach this instance's API at, from
     * {@link ApiConfig#ADVERTISED_HOST} and the API port, or as set verbatim under
     * {@code parkwatch.kafka.application.server}; empty for a single instance.
     */
    public Optional<String> applicationServer() {
        return applicationServer(kafka, api);
    }

    private static Optional<String> applicationServer(KafkaConnection kafka, ApiConfig api) {
        Optional<String> advertised = api.advertisedAddress();
        Optional<String> explicit = Optional.ofNullable(
                kafka.clientOverrides().get(StreamsConfig.APPLICATION_SERVER_CONFIG)).filter(s -> !s.isBlank());
        explicit.ifPresent(ParkWatchConfig::requireHostAndPort);
        if (advertised.isPresent() && explicit.isPresent() && !advertised.equals(explicit)) {
            throw new ConfigException(EXPLICIT_APPLICATION_SERVER + "=" + explicit.get() + " disagrees with " + ApiConfig.ADVERTISED_HOST + " and " + ApiConfig.PORT + ", which make "
                    + advertised.get() + "; set " + ApiConfig.ADVERTISED_HOST + " alone");
        }
        return advertised.or(() -> explicit);
    }

    private static void requireHostAndPort(String endpoint) {
        HostInfo host;
        try {
            host = HostInfo.buildFromEndpoint(endpoint);
        } catch (ConfigException | IllegalArgumentException e) {
            host = null;
        }
        if (host == null || host.host().isEmpty() || host.port() < 1 || host.port() > 65_535) {
            throw new ConfigException(EXPLICIT_APPLICATION_SERVER, endpoint,
                    "expected host:port, the address other instances reach this API at");
        }
    }

    public static ParkWatchConfig defaults() {
        return from(Map.of());
    }
}
