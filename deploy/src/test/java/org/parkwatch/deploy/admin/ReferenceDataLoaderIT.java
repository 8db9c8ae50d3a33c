package org.parkwatch.deploy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.TopicLayout;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.Topics;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReferenceDataLoaderIT {

    private static final Instant FIRST_RUN = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant SECOND_RUN = Instant.parse("2025-03-02T08:00:00Z");
    // Illustrative factor values: what is tested is how versions are published, not the values themselves.
    private static final FactorVersion EAST_2022 = new FactorVersion("grid.location.EAST",
            Instant.parse("2021-12-31T16:00:00Z"), 0.5703, "tCO2/MWh", Map.of(), "test fixture [D]");
    private static final FactorVersion EAST_2023 = new FactorVersion("grid.location.EAST",
            Instant.parse("2022-12-31T16:00:00Z"), 0.5500, "tCO2/MWh", Map.of(), "test fixture [D]");
    private static final FactorVersion COAL = new FactorVersion("fuel.RAW_COAL",
            Instant.parse("2020-12-31T16:00:00Z"), 1.0, "t", Map.of("ncvGjPerT", 20.908,
            "carbonContentTcPerGj", 0.02618, "oxidationRate", 0.94), "test fixture [D]");

    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registryServer;
    private static SchemaRegistryClient registry;

    @BeforeAll
    static void startBrokerAndRegistry() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        registryServer = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0));
        registry = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registryServer.url()));
    }

    @AfterAll
    static void stop() {
        if (registryServer != null) {
            registryServer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldWriteEveryFactorVersionOnceAndNothingTheSecondTime() {
        Topics topics = createTopics();

        PublishSummary first;
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            first = loader.publishFactors(topics.emissionFactors(), List.of(EAST_2022, EAST_2023, COAL));
        }
        PublishSummary second;
        try (ReferenceDataLoader loader = loader(SECOND_RUN)) {
            second = loader.publishFactors(topics.emissionFactors(), List.of(EAST_2022, EAST_2023, COAL));
        }

        List<String> keys = List.of("fuel.RAW_COAL@2020-12-31T16:00:00.000Z",
                "grid.location.EAST@2021-12-31T16:00:00.000Z", "grid.location.EAST@2022-12-31T16:00:00.000Z");
        assertThat(first.written()).containsExactlyElementsOf(keys);
        assertThat(first.unchanged()).isEmpty();
        assertThat(second.written()).isEmpty();
        assertThat(second.unchanged()).containsExactlyElementsOf(keys);
        List<ConsumerRecord<String, EmissionFactor>> records = readAll(topics.emissionFactors());
        assertThat(records).hasSize(3);
        for (ConsumerRecord<String, EmissionFactor> record : records) {
            assertThat(record.timestamp()).isEqualTo(record.value().getValidFrom().toEpochMilli());
            assertThat(record.value().getPublishedAt()).isEqualTo(FIRST_RUN);
        }
        EmissionFactor coal = records.stream().filter(r -> r.key().startsWith("fuel.RAW_COAL@")).findFirst()
                .orElseThrow().value();
        assertThat(coal.getParameters()).containsOnly(Map.entry("ncvGjPerT", 20.908),
                Map.entry("carbonContentTcPerGj", 0.02618), Map.entry("oxidationRate", 0.94));
    }

    @Test
    void shouldRewriteOnlyTheVersionWhoseContentChanged() {
        Topics topics = createTopics();
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            loader.publishFactors(topics.emissionFactors(), List.of(EAST_2022, EAST_2023));
        }
        FactorVersion corrected = new FactorVersion(EAST_2023.factorKey(), EAST_2023.validFrom(), 0.5366,
                EAST_2023.unit(), Map.of(), "test fixture, corrected [D]");

        PublishSummary second;
        try (ReferenceDataLoader loader = loader(SECOND_RUN)) {
            second = loader.publishFactors(topics.emissionFactors(), List.of(EAST_2022, corrected));
        }

        assertThat(second.written()).containsExactly("grid.location.EAST@2022-12-31T16:00:00.000Z");
        assertThat(second.unchanged()).containsExactly("grid.location.EAST@2021-12-31T16:00:00.000Z");
        List<ConsumerRecord<String, EmissionFactor>> records = readAll(topics.emissionFactors());
        assertThat(records).hasSize(3);
        List<Double> east2023Values = records.stream()
                .filter(r -> r.key().equals("grid.location.EAST@2022-12-31T16:00:00.000Z"))
                .map(r -> r.value().getValue()).toList();
        assertThat(east2023Values).containsExactly(0.5500, 0.5366);
    }

    @Test
    void shouldPublishDefaultRulesOnlyWhereTheTopicHasNoRuleOfThatIdYet() {
        Topics topics = createTopics();
        int defaults = org.parkwatch.alerting.DefaultRules.load().size();
        PublishSummary first;
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            first = loader.publishDefaultThresholdRules(topics.thresholdRules());
        }
        assertThat(first.written()).hasSize(defaults);
        // an agency tightens one default rule; publishing the defaults again must not undo that
        String tightened = first.written().get(0);
        org.parkwatch.avro.ThresholdRule own = org.parkwatch.alerting.DefaultRules.load().stream()
                .filter(r -> r.ruleId().equals(tightened)).findFirst().orElseThrow()
                .withLevels(java.util.OptionalDouble.empty(), 0.5, 0.4).toAvro();
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            loader.publishThresholdRules(topics.thresholdRules(), List.of(own));
        }
        PublishSummary second;
        try (ReferenceDataLoader loader = loader(SECOND_RUN)) {
            second = loader.publishDefaultThresholdRules(topics.thresholdRules());
        }
        assertThat(second.written()).isEmpty();
        assertThat(second.unchanged()).hasSize(defaults).contains(tightened);
    }

    @Test
    void shouldPublishTheDefaultFactorSetIdempotently() {
        Topics topics = createTopics();
        Set<String> versions = DefaultFactors.load().stream()
                .map(f -> f.factorKey() + "@" + f.validFrom()).collect(Collectors.toSet());

        PublishSummary first;
        PublishSummary second;
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            first = loader.publishDefaultFactors(topics.emissionFactors());
            second = loader.publishDefaultFactors(topics.emissionFactors());
        }

        assertThat(versions).isNotEmpty();
        assertThat(first.written()).hasSize(versions.size());
        assertThat(second.written()).isEmpty();
        assertThat(second.unchanged()).hasSize(versions.size());
        assertThat(readAll(topics.emissionFactors())).hasSize(versions.size());
    }

    @Test
    void shouldPublishOtherReferenceRecordsIdempotently() {
        Topics topics = createTopics();
        ThresholdRule cod = rule("cod-limit", 1, 500.0);
        ThresholdRule so2 = rule("so2-intensity", 1, 2.0);

        PublishSummary first;
        PublishSummary second;
        PublishSummary third;
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            first = loader.publish(topics.thresholdRules(), Map.of("cod-limit", cod, "so2-intensity", so2));
            second = loader.publish(topics.thresholdRules(), Map.of("cod-limit", cod, "so2-intensity", so2));
            third = loader.publishThresholdRules(topics.thresholdRules(), List.of(rule("cod-limit", 2, 400.0), so2));
        }

        assertThat(first.written()).containsExactly("cod-limit", "so2-intensity");
        assertThat(second.written()).isEmpty();
        assertThat(second.unchanged()).containsExactly("cod-limit", "so2-intensity");
        assertThat(third.written()).containsExactly("cod-limit");
        assertThat(third.unchanged()).containsExactly("so2-intensity");
    }

    @Test
    void shouldRefuseToPublishToATopicThatDoesNotExist() {
        String missing = "missing-" + UUID.randomUUID();
        try (ReferenceDataLoader loader = loader(FIRST_RUN)) {
            assertThatThrownBy(() -> loader.publishFactors(missing, List.of(COAL)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(missing);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names()).succeedsWithin(Duration.ofSeconds(30))
                    .satisfies(names -> assertThat(names).doesNotContain(missing));
        }
    }

    private static ThresholdRule rule(String id, int version, double limit) {
        return ThresholdRule.newBuilder().setRuleId(id).setVersion(version).setScopeType(SubjectType.PARK)
                .setScopeId("*").setMetric("cod.concentration").setWindow(WindowKind.SAMPLE)
                .setLimit(limit).setClearLevel(limit * 0.9).setUnit("mg/L").setSource("test fixture [D]").build();
    }

    private static Topics createTopics() {
        TopicLayout layout = new TopicLayout("r" + UUID.randomUUID().toString().substring(0, 8), 2,
                Duration.ofDays(7), Duration.ofDays(30));
        try (TopicAdmin admin = TopicAdmin.connect(connection(), layout)) {
            admin.ensureTopics(layout.topics());
        }
        return layout.topics();
    }

    private static ReferenceDataLoader loader(Instant now) {
        return new ReferenceDataLoader(connection(), registry, SerdeSettings.forValue(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static KafkaConnection connection() {
        return KafkaConnection.from(Map.of(KafkaConnection.BOOTSTRAP_SERVERS, broker.bootstrapServers()));
    }

    /** Every record of the topic, in offset order within each partition, partitions one after the other. */
    private static List<ConsumerRecord<String, EmissionFactor>> readAll(String topic) {
        List<ConsumerRecord<String, EmissionFactor>> records = new ArrayList<>();
        try (KafkaConsumer<String, EmissionFactor> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "enable.auto.commit", false),
                new StringDeserializer(), new SpecificAvroDeserializer<>(registry, EmissionFactor.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }
}
