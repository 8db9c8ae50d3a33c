package org.parkwatch.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.avro.Enterprise;
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
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/** A real broker and schema registry for an end-to-end test, with a producer and a reader speaking Avro. */
final class KafkaStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private final RestSchemaRegistryClient registryClient;

    private KafkaStack(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
        this.registryClient = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
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
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
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

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
