package org.parkwatch.deploy.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.parkwatch.topology.AccountingSettings;

/**
 * The whole ParkWatch configuration, one typed part per concern. {@link ConfigLoader} builds it from defaults, a
 * properties file, the environment and the command line.
 */
public record ParkWatchConfig(KafkaConnection kafka, RegistryConnection registry, TopicLayout topicLayout,
                              AccountingSettings accounting, StorageConfig storage, ApiConfig api) {

    /** The keys of one concern, under a title for documentation. */
    public record Section(String title, ConfigDef definition) {
    }

    /** Every section, in the order the documentation lists them. */
    public static List<Section> sections() {
        return List.of(
                new Section("Kafka", KafkaConnection.definition()),
                new Section("Schema Registry", RegistryConnection.definition()),
                new Section("Topics", TopicLayout.definition()),
                new Section("Accounting", AccountingConfig.definition()),
                new Section("Storage", StorageConfig.definition()),
                new Section("Query API", ApiConfig.definition()));
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
                ApiConfig.from(values));
    }

    public static ParkWatchConfig defaults() {
        return from(Map.of());
    }
}
