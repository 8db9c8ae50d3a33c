package org.parkwatch.deploy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the pipeline reaches and uses the Kafka cluster: bootstrap servers, application id, local state, processing
 * guarantee and parallelism, plus Kafka client settings passed through verbatim from {@code parkwatch.kafka.*}
 * (for example {@code parkwatch.kafka.security.protocol=SSL}).
 *
 * @param clientOverrides Kafka client settings from {@code parkwatch.kafka.*}, prefix removed
 */
public record KafkaConnection(String bootstrapServers, String applicationId, Path stateDir,
                              String processingGuarantee, int replicationFactor, int numStreamThreads,
                              int numStandbyReplicas, Duration commitInterval, Map<String, String> clientOverrides) {

    public static final String BOOTSTRAP_SERVERS = "parkwatch.bootstrap.servers";
    public static final String APPLICATION_ID = "parkwatch.application.id";
    public static final String STATE_DIR = "parkwatch.state.dir";
    public static final String PROCESSING_GUARANTEE = "parkwatch.processing.guarantee";
    public static final String REPLICATION_FACTOR = "parkwatch.replication.factor";
    public static final String NUM_STREAM_THREADS = "parkwatch.num.stream.threads";
    public static final String NUM_STANDBY_REPLICAS = "parkwatch.num.standby.replicas";
    public static final String COMMIT_INTERVAL_MS = "parkwatch.commit.interval.ms";
    /** Keys under this prefix are handed to every Kafka client with the prefix removed. */
    public static final String CLIENT_PREFIX = "parkwatch.kafka.";

    /** Client keys ParkWatch sets from its own typed keys; passing them through as well would be ambiguous. */
    private static final Set<String> MANAGED_CLIENT_KEYS = Set.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, StreamsConfig.APPLICATION_ID_CONFIG,
            StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.REPLICATION_FACTOR_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);

    public KafkaConnection {
        clientOverrides = Map.copyOf(clientOverrides);
    }

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port...].")
                .define(APPLICATION_ID, Type.STRING, "parkwatch", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Kafka Streams application id: the consumer group, and the prefix of every internal topic. "
                                + "Changing it starts the pipeline afresh from empty state.")
                .define(STATE_DIR, Type.STRING, "./data/streams", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Directory of the local RocksDB state; keep it on a persistent volume so restarts do not "
                                + "restore every store from its changelog.")
                .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                        ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.MEDIUM,
                        "exactly_once_v2 (each input counted once in the ledger and totals, even across crashes) "
                                + "or at_least_once (duplicates possible after a crash).")
                .define(REPLICATION_FACTOR, Type.INT, 1, Range.atLeast(1), Importance.HIGH,
                        "Replication factor of internal topics and of the topics ParkWatch creates; 3 in production.")
                .define(NUM_STREAM_THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
                        "Stream threads of this instance.")
                .define(NUM_STANDBY_REPLICAS, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                        "Warm copies of each store kept on other instances, for fast fail-over.")
                .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
                        "How often progress is committed; with exactly_once_v2 this bounds how long results stay "
                                + "invisible to read_committed consumers.");
    }

    public static KafkaConnection from(Map<String, ?> values) {
        Map<String, Object> parsed = definition().parse(values);
        return new KafkaConnection((String) parsed.get(BOOTSTRAP_SERVERS), (String) parsed.get(APPLICATION_ID),
                Path.of((String) parsed.get(STATE_DIR)), (String) parsed.get(PROCESSING_GUARANTEE),
                (Integer) parsed.get(REPLICATION_FACTOR), (Integer) parsed.get(NUM_STREAM_THREADS),
                (Integer) parsed.get(NUM_STANDBY_REPLICAS), Duration.ofMillis((Long) parsed.get(COMMIT_INTERVAL_MS)),
                clientOverridesIn(values));
    }

    public static KafkaConnection defaults() {
        return from(Map.of());
    }

    /** Settings every Kafka client of ParkWatch starts from: bootstrap servers and the pass-through settings. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(clientOverrides);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Pass-through values may hold credentials (sasl.jaas.config), so only their keys are shown. */
    @Override
    public String toString() {
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId
                + ", stateDir=" + stateDir + ", processingGuarantee=" + processingGuarantee + ", replicationFactor="
                + replicationFactor + ", numStreamThreads=" + numStreamThreads + ", numStandbyReplicas="
                + numStandbyReplicas + ", commitInterval=" + commitInterval + ", clientOverrides="
                + clientOverrides.keySet() + "]";
    }

    private static Map<String, String> clientOverridesIn(Map<String, ?> values) {
        Map<String, String> overrides = new TreeMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!e.getKey().startsWith(CLIENT_PREFIX)) {
                continue;
            }
            String clientKey = e.getKey().substring(CLIENT_PREFIX.length());
            if (clientKey.isEmpty() || MANAGED_CLIENT_KEYS.contains(clientKey)) {
                throw new ConfigException(e.getKey(), e.getValue(), "not a pass-through Kafka setting: "
                        + (clientKey.isEmpty() ? "no client key after the prefix" : "use the parkwatch.* key for it"));
            }
            overrides.put(clientKey, String.valueOf(e.getValue()));
        }
        return overrides;
    }
}
