package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.serde.registry.RegisteredSchema;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RegistryException;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/** The serdes and the REST client against a real broker and ParkWatch's Confluent-compatible registry. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SerdeRoundTripIT {

    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldRoundTripGeneratedRecordsThroughKafkaAndRegistry() throws Exception {
        String topic = "serde-it.reports-" + UUID.randomUUID();
        List<OutputReport> sent = List.of(report("e1", 2021), report("e2", null), report("e3", 2020));
        createTopic(topic);

        try (KafkaProducer<String, OutputReport> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000,
                "schema.registry.url", registry.url()))) {
            for (OutputReport report : sent) {
                producer.send(new ProducerRecord<>(topic, report.getEnterpriseId(), report));
            }
            producer.flush();
        }

        List<OutputReport> received = new ArrayList<>();
        try (KafkaConsumer<String, OutputReport> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "serde-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class,
                "schema.registry.url", registry.url(),
                "specific.avro.reader", "true"))) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, OutputReport> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
                return received.size() >= sent.size();
            });
        }

        assertThat(received).containsExactlyElementsOf(sent);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
        assertThat(client.latest(topic + "-value").schema()).isEqualTo(OutputReport.getClassSchema());
    }

    @Test
    void shouldSpeakConfluentRegistryApi() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
        String subject = "serde-it.probes-" + UUID.randomUUID() + "-value";
        Schema v1 = probe("{\"name\":\"id\",\"type\":\"string\"}");
        Schema v2 = probe("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"site\",\"type\":\"string\","
                + "\"default\":\"park\"}");
        Schema incompatible = probe("{\"name\":\"id\",\"type\":\"long\"}");

        int id1 = client.register(subject, v1);
        assertThat(client.isCompatible(subject, v2)).isTrue();
        assertThat(client.isCompatible(subject, incompatible)).isFalse();
        int id2 = client.register(subject, v2);

        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.register(subject, v1)).isEqualTo(id1);
        assertThat(new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url())).idOf(subject, v1))
                .isEqualTo(id1);
        assertThat(new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url())).schemaById(id2))
                .isEqualTo(v2);
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.version(subject, 1)).isEqualTo(new RegisteredSchema(subject, 1, id1, v1));
        assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, 2, id2, v2));
        assertThat(client.subjects()).contains(subject);

        assertThat(client.compatibility(subject)).isEqualTo("BACKWARD");
        client.setCompatibility(subject, "NONE");
        assertThat(client.compatibility(subject)).isEqualTo("NONE");
        assertThat(client.compatibility(null)).isEqualTo("BACKWARD");

        assertThat(catchThrowableOfType(RegistryException.class, () -> client.latest("nobody-" + UUID.randomUUID()))
                .errorCode()).isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(catchThrowableOfType(RegistryException.class, () -> client.schemaById(987_654)).errorCode())
                .isEqualTo(RegistryException.SCHEMA_NOT_FOUND);
        String strict = "serde-it.strict-" + subject;
        client.register(strict, v1);
        RegistryException refused = catchThrowableOfType(RegistryException.class,
                () -> client.register(strict, incompatible));
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(RegistryException.INCOMPATIBLE_SCHEMA);
    }

    private static void createTopic(String topic) throws Exception {
        // The embedded broker does not auto-create topics.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Schema probe(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"org.parkwatch.it\","
                + "\"fields\":[" + fields + "]}");
    }

    @Test
    void shouldAuthenticateToASecuredRegistryWithConfluentsBasicAuthKeys() throws Exception {
        java.nio.file.Path passwords = java.nio.file.Files.createTempFile("registry", ".password");
        java.nio.file.Files.write(passwords, List.of("release: release-secret,read-write",
                "pipeline: pipeline-secret,read-only"));
        String topic = "serde-it.secured-" + UUID.randomUUID();
        try (SchemaRegistryServer secured = SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers(), 0).withTopic("schemas-secured-" + UUID.randomUUID()),
                org.parkwatch.registry.RegistrySecurity.open().withPasswordFile(passwords))) {
            java.util.function.Function<String, Map<String, Object>> as = userInfo -> Map.of(
                    "schema.registry.url", secured.url(),
                    "basic.auth.credentials.source", "USER_INFO",
                    "basic.auth.user.info", userInfo);
            SpecificAvroSerializer<OutputReport> writer = new SpecificAvroSerializer<>();
            writer.configure(as.apply("release:release-secret"), false);
            byte[] bytes = writer.serialize(topic, report("e-secured", 2021));
            SpecificAvroDeserializer<OutputReport> reader = new SpecificAvroDeserializer<>();
            reader.configure(as.apply("pipeline:pipeline-secret"), false);
            assertThat(reader.deserialize(topic, bytes).getEventId()).isEqualTo("e-secured");

            // the read-only user may not register a schema; nobody without credentials may read
            SpecificAvroSerializer<OutputReport> readOnlyWriter = new SpecificAvroSerializer<>();
            readOnlyWriter.configure(as.apply("pipeline:pipeline-secret"), false);
            RegistryException refused = (RegistryException) catchThrowableOfType(
                    org.apache.kafka.common.errors.SerializationException.class,
                    () -> readOnlyWriter.serialize(topic + "-other", report("e-2", 2021))).getCause();
            assertThat(refused.httpStatus()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo(40301);
            RegistryException anonymous = catchThrowableOfType(RegistryException.class, () -> new RestSchemaRegistryClient(
                    RegistryClientSettings.forUrls(secured.url())).subjects());
            assertThat(anonymous.httpStatus()).isEqualTo(401);
            assertThat(anonymous.errorCode()).isEqualTo(401);
        } finally {
            java.nio.file.Files.deleteIfExists(passwords);
        }
    }

    static OutputReport report(String eventId, Integer baseYear) {
        return OutputReport.newBuilder()
                .setEventId(eventId)
                .setEnterpriseId("ent-7")
                .setPeriodStart(Instant.parse("2026-01-01T00:00:00Z"))
                .setPeriodEnd(Instant.parse("2026-02-01T00:00:00Z"))
                .setAddedValue(1234.5)
                .setPriceBaseYear(baseYear)
                .setReportedAt(Instant.parse("2026-02-03T08:30:00.123Z"))
                .build();
    }
}
