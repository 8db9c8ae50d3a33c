package org.parkwatch.deploy.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.config.StorageConfig;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.ParkWatchTopology;
import org.parkwatch.topology.PipelineMetrics;
import org.parkwatch.topology.PipelineSerdes;
import org.parkwatch.topology.ProducedReferenceDeadLetters;
import org.parkwatch.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ParkWatch pipeline: the topology of {@link ParkWatchTopology#build} in a started Kafka Streams client,
 * with Kafka Streams' own metrics bound to the given meter registry, its state stores' included from the moment it
 * runs. Closing it stops the client.
 */
public final class PipelineRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    // A thread dying more often than this is a fault replacing threads cannot cure, e.g. a broken store.
    private static final int MAX_THREAD_REPLACEMENTS = 5;
    private static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    private final KafkaStreams streams;
    private final StreamsMeterBinding streamsMetrics;
    private final ProducedReferenceDeadLetters referenceDeadLetters;
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();

    private PipelineRunner(Topology topology, Properties props, MeterRegistry meters, Clock clock,
                           ProducedReferenceDeadLetters referenceDeadLetters) {
        this.referenceDeadLetters = referenceDeadLetters;
        LOG.info("Pipeline {} with state version {}", props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                ParkWatchTopology.STATE_VERSION);
        this.streams = new KafkaStreams(topology, props);
        this.streamsMetrics = StreamsMeterBinding.bind(streams, meters);
        streams.setUncaughtExceptionHandler(
                new BoundedThreadReplacement(MAX_THREAD_REPLACEMENTS, THREAD_REPLACEMENT_WINDOW, clock));
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Pipeline state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                // Tasks, and so their stores' RocksDB metrics, exist from here on; a scrape should show them now.
                streamsMetrics.rebindSoon();
                running.complete(null);
            } else if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.complete(newState);
            }
        });
    }

    /**
     * Builds the topology for {@code config} and starts it; the client then joins its group in the background.
     *
     * @throws StartupRefusedException when topics read together are missing or differ in partition count
     */
    public static PipelineRunner start(ParkWatchConfig config, MeterRegistry meters) {
        return start(config, meters, Clock.systemUTC());
    }

    /** As {@link #start(ParkWatchConfig, MeterRegistry)}, with the clock the topology reads wall-clock time from. */
    public static PipelineRunner start(ParkWatchConfig config, MeterRegistry meters, Clock clock) {
        SchemaRegistryClient registry = new RestSchemaRegistryClient(config.registry().clientSettings());
        PipelineSerdes serdes = PipelineSerdes.using(registry, config.registry().valueSerdeSettings());
        var referenceDeadLetters = new ProducedReferenceDeadLetters(
                deadLetterProducer(config.kafka(), serdes), config.topicLayout().topics().deadLetters());
        Topology topology;
        int inputPartitions;
        try {
            topology = ParkWatchTopology.build(config.topicLayout().topics(), serdes, config.accounting(), clock,
                    new PipelineMetrics(meters), referenceDeadLetters);
            inputPartitions = requireCoPartitioned(topology, config);
        } catch (RuntimeException e) {
            referenceDeadLetters.close();
            throw e;
        }
        Properties props = streamsProperties(config);
        // The partition count the inputs really have (not the one configured for topics setup creates), so a
        // record's placement is judged against the partitioner's choice on this cluster.
        props.put(ParkWatchTopology.INPUT_PARTITIONS_CONFIG, inputPartitions);
        PipelineRunner runner = new PipelineRunner(topology, props, meters, clock, referenceDeadLetters);
        try {
            runner.streams.start();
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /**
     * The producer of the dead letters of refused reference data, written outside the streams' transactions (the
     * global thread that refuses them has none): idempotent, acknowledged by every in-sync replica, and as large
     * as a dead letter may be.
     */
    private static Producer<String, DeadLetter> deadLetterProducer(KafkaConnection kafka, PipelineSerdes serdes) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.DEAD_LETTER_MAX_BYTES);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.applicationId() + "-reference-dead-letters");
        return new KafkaProducer<>(props, new StringSerializer(), serdes.deadLetter().serializer());
    }

    /**
     * Refuses to start when topics one sub-topology reads differ in partition count or are missing
     * ({@link CoPartitioning}).
     *
     * @return the partition count of the activity inputs (0 when their topics do not exist yet)
     * @throws StartupRefusedException naming each topic and its partition count
     */
    private static int requireCoPartitioned(Topology topology, ParkWatchConfig config) {
        List<SortedSet<String>> groups = CoPartitioning.groups(topology.describe(),
                config.topicLayout().topics().roles().keySet());
        Set<String> names = new TreeSet<>();
        groups.forEach(names::addAll);
        names.add(config.topicLayout().topics().meterReadings());
        Map<String, Integer> partitions = partitionCounts(names, config.kafka(), config.startup().connectTimeout());
        groups.forEach(group -> CoPartitioning.requireAgreement(group, partitions));
        return partitions.getOrDefault(config.topicLayout().topics().meterReadings(), 0);
    }

    /** Partition counts of the topics of {@code names} that exist. */
    private static Map<String, Integer> partitionCounts(Set<String> names, KafkaConnection kafka, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        Map<String, Integer> counts = new HashMap<>();
        try (Admin admin = Admin.create(props)) {
            for (Map.Entry<String, KafkaFuture<TopicDescription>> topic
                    : admin.describeTopics(names).topicNameValues().entrySet()) {
                try {
                    counts.put(topic.getKey(), topic.getValue().get(millis, TimeUnit.MILLISECONDS).partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new StartupRefusedException("Cannot describe topic " + topic.getKey() + " on "
                                + kafka.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new StartupRefusedException("Cannot describe topic " + topic.getKey() + " on "
                            + kafka.bootstrapServers() + " within " + timeout.toMillis() + " ms", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefusedException("Interrupted while describing topics " + names, e);
        }
        return counts;
    }

    /**
     * The Kafka Streams configuration of the pipeline, with {@code application.server} set to the address other
     * instances reach this instance's API at, when it is advertised.
     */
    public static Properties streamsProperties(ParkWatchConfig config) {
        Properties props = streamsProperties(config.kafka(), config.storage());
        config.applicationServer().ifPresent(address -> props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, address));
        // Lets the accounting step notice records a non-murmur2 producer put on another partition than their key's;
        // start() replaces it with the count the input topics have on the cluster.
        props.put(ParkWatchTopology.INPUT_PARTITIONS_CONFIG, config.topicLayout().partitions());
        return props;
    }

    /** The Kafka Streams configuration of the pipeline from its connection and storage settings alone. */
    public static Properties streamsProperties(KafkaConnection kafka, StorageConfig storage) {
        Properties props = new Properties();
        props.putAll(kafka.clientOverrides());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.applicationId());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, kafka.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, kafka.processingGuarantee());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, kafka.replicationFactor());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, kafka.numStreamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, kafka.numStandbyReplicas());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, kafka.commitInterval().toMillis());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, storage.recordCacheBytes());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        // Streams hands its whole configuration to the config setter, which reads its sizes from these keys.
        props.putAll(storage.rocksDbSettings());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // A dead letter carries a whole input record: let the producer send one as large as its topic takes.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Topics.DEAD_LETTER_MAX_BYTES);
        // Inputs and reference data are read as bytes and decoded by the topology, which routes bad ones to dead
        // letters; should Streams itself ever fail to deserialize a record, it must not stop every instance.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // A step that throws fails its task, and its record is read again from the last commit (a schema registry
        // outage does this on purpose); continuing would skip the record. Bad input never throws: dead letters.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        // Opt in now to the behaviour Kafka 5.0 makes the default: one processing handler for global tables too.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Whether the client is processing or rebalancing, that is, alive. */
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    /**
     * Waits until the client first reaches RUNNING.
     *
     * @throws IllegalStateException when the client stops first or is not running within {@code timeout}
     */
    public void awaitRunning(Duration timeout) {
        try {
            CompletableFuture.anyOf(running, stopped).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("pipeline not running after " + timeout + "; state " + streams.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pipeline to run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("pipeline failed to start", e.getCause());
        }
        if (!running.isDone()) {
            throw new IllegalStateException("pipeline stopped before running; state " + stopped.join());
        }
    }

    /** Completes with ERROR or NOT_RUNNING when the client stops, on failure or after {@link #close()}. */
    public CompletableFuture<KafkaStreams.State> stopped() {
        return stopped.copy();
    }

    /**
     * Stops the client, waiting up to 30 s for it to commit and release its tasks. It leaves the consumer group as
     * it goes: otherwise the group waits for its session to time out (45 s by default) before handing its tasks to
     * another instance, or back to this one when it restarts.
     */
    @Override
    public void close() {
        try {
            if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("Pipeline did not stop within {}", CLOSE_TIMEOUT);
            }
        } finally {
            streamsMetrics.close();
            referenceDeadLetters.close();
        }
    }
}
