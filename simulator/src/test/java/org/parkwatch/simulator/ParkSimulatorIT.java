package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;

class ParkSimulatorIT {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldBackfillIntoKafkaInTheConfluentWireFormatWhatItsTallySays() throws Exception {
        String prefix = "sim-it-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatorTopics topics = new SimulatorTopics(prefix + ".meter-readings", prefix + ".fuel-consumption",
                prefix + ".wastewater-samples", prefix + ".output-reports", prefix + ".enterprises");
        List<String> names = List.of(topics.meter(), topics.fuel(), topics.wastewater(), topics.output(),
                topics.enterprise());
        ParkModel park = ParkModel.generate(ParkSettings.defaults(4).withEnterpriseCount(3));
        EventGenerator generator = new EventGenerator(park, GeneratorSettings.defaults(4));
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                admin.createTopics(names.stream().map(n -> new NewTopic(n, 3, (short) 1)).toList()).all().get();
            }
            Properties producerConfig = new Properties();
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            SimulationResult result;
            // Four hours across the start of April in Shanghai (2024-03-31T16:00Z).
            RunPlan plan = RunPlan.backfill(Instant.parse("2024-03-31T14:00:00Z"),
                    Instant.parse("2024-03-31T18:00:00Z")).withProgress(false);
            try (ParkSimulator simulator = ParkSimulator.withKafka(generator, topics, producerConfig,
                    new SpecificAvroSerializer<>(registry, SerdeSettings.forValue()))) {
                result = simulator.run(plan);
            }

            int meters = park.enterprises().stream().mapToInt(e -> e.meters().size()).sum();
            int hourlySources = park.enterprises().stream()
                    .mapToInt(e -> e.combustionUnits().size() + e.outlets().size()).sum();
            // 16 quarter hours per meter, 4 hours per unit and outlet, 3 March reports, 3 Enterprise records.
            long expected = 16L * meters + 4L * hourlySources + 3 + 3;
            assertThat(result.eventsSent()).isEqualTo(expected);

            // The deserializer reads into one generated class, so each topic gets its own.
            Map<String, Deserializer<? extends SpecificRecord>> readers = Map.of(
                    topics.meter(), new SpecificAvroDeserializer<>(registry, MeterReading.class),
                    topics.fuel(), new SpecificAvroDeserializer<>(registry, FuelConsumption.class),
                    topics.wastewater(), new SpecificAvroDeserializer<>(registry, WastewaterSample.class),
                    topics.output(), new SpecificAvroDeserializer<>(registry, OutputReport.class),
                    topics.enterprise(), new SpecificAvroDeserializer<>(registry, Enterprise.class));
            List<Received> consumed = consumeAll(broker.bootstrapServers(), names, expected).stream()
                    .map(r -> new Received(r.key(), r.timestamp(),
                            readers.get(r.topic()).deserialize(r.topic(), r.value())))
                    .toList();

            assertThat(consumed).hasSize((int) expected);
            assertThat(registry.subjects()).containsExactlyInAnyOrderElementsOf(
                    names.stream().map(n -> n + "-value").toList());
            for (EnterpriseSpec enterprise : park.enterprises()) {
                double electricityKwh = consumed.stream()
                        .filter(r -> r.key().equals(enterprise.enterpriseId()))
                        .flatMap(r -> r.value() instanceof MeterReading m
                                && m.getCarrier() == EnergyCarrier.ELECTRICITY ? Stream.of(m) : Stream.empty())
                        .mapToDouble(m -> m.getQuantity() * switch (m.getUnit()) {
                            case "kWh" -> 1;
                            case "MWh" -> 1_000;
                            case "10^4 kWh" -> 10_000;
                            default -> throw new AssertionError(m.getUnit());
                        })
                        .sum();
                assertThat(electricityKwh).isPositive().isCloseTo(
                        result.tally().energy(enterprise.enterpriseId(), EnergyCarrier.ELECTRICITY),
                        within(1e-6));
            }
            assertThat(consumed).allSatisfy(r -> assertThat(r.timestamp())
                    .isBetween(plan.from().toEpochMilli(), plan.to().toEpochMilli()));
        }
    }

    private record Received(String key, long timestamp, SpecificRecord value) {
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(String bootstrap, List<String> topics,
                                                                   long expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sim-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> consumed = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
                return consumed.size() >= expected;
            });
        }
        return consumed;
    }
}
