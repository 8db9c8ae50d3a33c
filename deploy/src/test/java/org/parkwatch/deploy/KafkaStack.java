package org.parkwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.LedgerRecord;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.topology.LedgerRecords;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/** A real broker and schema registry for an end-to-end test, with a producer and a reader speaking Avro. */
final class KafkaStack implements AutoCloseable {

    private EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private final RestSchemaRegistryClient registryClient;

    /** The controller port of a restartable broker, 0 for one that is not. */
    private final int controllerPort;

    private KafkaStack(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
        this(broker, registry, 0);
    }

    private KafkaStack(EmbeddedKafkaBroker broker, SchemaRegistryServer registry, int controllerPort) {
        this.controllerPort = controllerPort;
        this.broker = broker;
        this.registry = registry;
        this.registryClient = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
    }

    /**
     * A stack whose broker can be restarted on the same ports and log directory ({@link #restartBroker()}), its
     * topics, offsets and transactions kept; the directory is removed on close.
     */
    static KafkaStack startRestartable() {
        try {
            Path dir = Files.createTempDirectory("parkwatch-kafka-");
            BrokerSettings settings = BrokerSettings.persistent(freePort(), freePort(), dir);
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
            return new KafkaStack(broker, SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(),
                    0)), settings.controllerPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker (as a controlled shutdown) and starts it again on its ports and log directory. */
    void restartBroker() {
        BrokerSettings same = BrokerSettings.persistent(Integer.parseInt(broker.bootstrapServers().split(":")[1]),
                controllerPort, broker.dataDir());
        broker.close();
        broker = EmbeddedKafkaBroker.start(same);
    }

    static KafkaStack start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        return new KafkaStack(broker, SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0)));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    /** The producers' and readers' registry client, whose cache outlives a registry outage. */
    RestSchemaRegistryClient registryClient() {
        return registryClient;
    }

    /** Stops the schema registry; the broker, and the schemas in its topic, stay. */
    void stopRegistry() {
        registry.close();
    }

    /** Starts the registry again on the port it had, with the schemas (and ids) it had. */
    void restartRegistry(int port) {
        registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), port));
    }

    int registryPort() {
        return registry.port();
    }

    KafkaProducer<String, SpecificRecord> producer() {
        return producer(Map.of());
    }

    /** A producer with some settings of its own. */
    KafkaProducer<String, SpecificRecord> producer(Map<String, Object> more) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(more);
        return new KafkaProducer<>(props, new StringSerializer(),
                new SpecificAvroSerializer<>(registryClient, SerdeSettings.forValue()));
    }

    /**
     * A pipeline's configuration on this stack (one partition a topic, API without authentication), its topics
     * made and the default factors and one enterprise, E1 of park-a without outlets, published.
     */
    ParkWatchConfig parkWithOneEnterprise(String applicationId, Path stateDir) {
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.bootstrap.servers", bootstrapServers(),
                "parkwatch.schema.registry.url", registryUrl(),
                "parkwatch.application.id", applicationId,
                "parkwatch.state.dir", stateDir.toString(),
                "parkwatch.topic.partitions", "1",
                "parkwatch.api.auth.required", "false"));
        var topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishFactors(topics.emissionFactors(), DefaultFactors.load());
            loader.publishEnterprises(topics.enterprises(), List.of(Enterprise.newBuilder().setEnterpriseId("E1")
                    .setParkId("park-a").setName("E1").setSector("chemicals").setGridRegion(GridRegion.EAST)
                    .setOutlets(List.of()).setPermittedLoads(new PermittedLoads(null, null, null)).build()));
        }
        return config;
    }

    <T extends SpecificRecord> List<T> readCommitted(String topic, Class<T> type) {
        return TopicReader.readCommitted(broker.bootstrapServers(), registryClient, topic, type);
    }

    <T extends SpecificRecord> List<T> readToEnd(String topic, Class<T> type) {
        return TopicReader.readToEnd(broker.bootstrapServers(), registryClient, topic, type);
    }

    /** The ledger's committed entries, line by line, flattened from its records (one per accounting step). */
    List<EmissionEntry> readCommittedLedger(String ledgerTopic) {
        return LedgerRecords.entries(readCommitted(ledgerTopic, LedgerRecord.class));
    }

    /** As {@link #readCommittedLedger}, read uncommitted to the end. */
    List<EmissionEntry> readLedgerToEnd(String ledgerTopic) {
        return LedgerRecords.entries(readToEnd(ledgerTopic, LedgerRecord.class));
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
        if (controllerPort != 0) {
            try (var paths = Files.walk(broker.dataDir())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
