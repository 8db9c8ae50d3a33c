package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.gateway.GatewaySettings;
import org.parkwatch.gateway.GatewayTopics;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;
import org.parkwatch.simulator.hj212.DeviceFleet;
import org.parkwatch.simulator.hj212.DeviceFleetRunner;
import org.parkwatch.simulator.hj212.FaultPlan;
import org.parkwatch.simulator.hj212.LineFault;
import org.parkwatch.simulator.hj212.SimulatedCems;
import org.parkwatch.simulator.hj212.SimulatedDevice;

/**
 * The simulated park against a real broker, one for the class: its Avro events in the Confluent wire format, and its
 * HJ 212 data loggers against the real gateway.
 */
class ParkSimulatorIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int DEVICE_HOURS = 8;
    private static final GatewayTopics DEVICE_TOPICS = new GatewayTopics("dev-it.hj212-packets", "dev-it.devices",
            "dev-it.wastewater-samples", "dev-it.flue-gas-samples", "dev-it.dead-letters");

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

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

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, 3, (short) 1)).toList()).all().get();
            awaitLeaders(admin, names);
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

    /**
     * Simulated loggers and CEMS against the real gateway, every hour meeting a fault: each hour not lost is accounted
     * exactly once (a sample on the wastewater or flue-gas topic), each bad CRC, wrong password and truncated frame
     * is a dead letter with its reason, and each late hour arrives as a backfill.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAccountEveryHourNotLostOnceAndLeaveADeadLetterPerLineFault() throws Exception {
        ParkModel park = ParkModel.generate(ParkSettings.defaults(11).withEnterpriseCount(2));
        DeviceFleet fleet = DeviceFleet.of(park, 2, 11);
        FaultPlan faults = new FaultPlan(11, 1.0);
        Instant currentHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = currentHour.minus(Duration.ofHours(DEVICE_HOURS));
        // What the plan gives, counted here from the plan itself.
        Map<LineFault, Integer> expected = new EnumMap<>(LineFault.class);
        int waterLost = 0;
        for (SimulatedDevice device : fleet.devices()) {
            for (Instant hour = from; hour.isBefore(currentHour); hour = hour.plus(Duration.ofHours(1))) {
                expected.merge(faults.of(device, hour), 1, Integer::sum);
                waterLost += faults.of(device, hour) == LineFault.MISSING_HOUR ? 1 : 0;
            }
        }
        // The CEMS of the same enterprises' stacks draw their faults from the same plan.
        for (SimulatedCems cems : fleet.cems()) {
            for (Instant hour = from; hour.isBefore(currentHour); hour = hour.plus(Duration.ofHours(1))) {
                expected.merge(faults.of(cems.index(), hour), 1, Integer::sum);
            }
        }
        assertThat(fleet.cems()).isNotEmpty();
        int waterHours = fleet.devices().size() * DEVICE_HOURS;
        int hours = (fleet.devices().size() + fleet.cems().size()) * DEVICE_HOURS;
        int lost = expected.getOrDefault(LineFault.MISSING_HOUR, 0);
        int deadLetters = expected.getOrDefault(LineFault.BAD_CRC, 0)
                + expected.getOrDefault(LineFault.WRONG_PASSWORD, 0)
                + expected.getOrDefault(LineFault.GARBLED_FRAME, 0);
        assertThat(expected.get(LineFault.NONE)).isNull();

        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            List<String> deviceTopics = List.of(DEVICE_TOPICS.rawPackets(), DEVICE_TOPICS.devices(),
                    DEVICE_TOPICS.wastewaterSamples(), DEVICE_TOPICS.flueGasSamples(), DEVICE_TOPICS.deadLetters());
            admin.createTopics(deviceTopics.stream().map(n -> new NewTopic(n, 1, (short) 1)).toList()).all().get();
            awaitLeaders(admin, deviceTopics);
        }
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>(registry,
                SerdeSettings.forValue());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(client, new StringSerializer(),
                values)) {
            for (Map.Entry<String, Device> device : fleet.records().entrySet()) {
                producer.send(new ProducerRecord<>(DEVICE_TOPICS.devices(), device.getKey(),
                        device.getValue())).get();
            }
        }
        GatewaySettings settings = new GatewaySettings("127.0.0.1", 0, Duration.ofMinutes(5), ZONE,
                Duration.ofSeconds(30), DEVICE_TOPICS);
        try (Hj212Gateway gateway = Hj212Gateway.start(settings, client, values,
                new SpecificAvroDeserializer<>(registry, Device.class), new SimpleMeterRegistry());
             DeviceFleetRunner runner = DeviceFleetRunner.start(fleet,
                     new EventGenerator(park, GeneratorSettings.defaults(11)), ZONE,
                     new DeviceFleetRunner.Settings(new InetSocketAddress("127.0.0.1", gateway.port()),
                             Duration.ofSeconds(5), 3, faults), Optional.of(from))) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> runner.tally().hoursDelivered() == hours - lost);
            assertThat(runner.tally().refusalsHeard()).isEqualTo(expected.getOrDefault(LineFault.BAD_CRC, 0)
                    + expected.getOrDefault(LineFault.WRONG_PASSWORD, 0));
        }

        List<WastewaterSample> samples = new ArrayList<>();
        read(DEVICE_TOPICS.wastewaterSamples(), waterHours - waterLost).forEach(r -> samples.add(
                new SpecificAvroDeserializer<>(registry, WastewaterSample.class)
                        .deserialize(r.topic(), r.value())));
        assertThat(samples).extracting(WastewaterSample::getEventId).doesNotHaveDuplicates()
                .hasSize(waterHours - waterLost);
        List<FlueGasSample> flueGas = new ArrayList<>();
        int cemsHours = hours - lost - (waterHours - waterLost);
        read(DEVICE_TOPICS.flueGasSamples(), cemsHours).forEach(r -> flueGas.add(
                new SpecificAvroDeserializer<>(registry, FlueGasSample.class).deserialize(r.topic(), r.value())));
        assertThat(flueGas).extracting(FlueGasSample::getEventId).doesNotHaveDuplicates().hasSize(cemsHours);
        assertThat(flueGas).extracting(FlueGasSample::getStackId).allMatch(fleet.stackIds()::contains);
        List<DeadLetter> letters = new ArrayList<>();
        read(DEVICE_TOPICS.deadLetters(), deadLetters).forEach(r -> letters.add(
                new SpecificAvroDeserializer<>(registry, DeadLetter.class).deserialize(r.topic(), r.value())));
        assertThat(letters).extracting(DeadLetter::getReason).containsExactlyInAnyOrderElementsOf(
                reasons(expected));
        long backfills = read(DEVICE_TOPICS.rawPackets(), 1).stream()
                .filter(r -> new String(r.value(), StandardCharsets.US_ASCII).contains(";RF=1;")).count();
        assertThat(backfills).isEqualTo((long) expected.getOrDefault(LineFault.LATE_RESEND, 0));
    }

    private static List<RejectReason> reasons(Map<LineFault, Integer> expected) {
        List<RejectReason> reasons = new ArrayList<>();
        reasons.addAll(java.util.Collections.nCopies(expected.getOrDefault(LineFault.BAD_CRC, 0),
                RejectReason.HJ212_BAD_CRC));
        reasons.addAll(java.util.Collections.nCopies(expected.getOrDefault(LineFault.WRONG_PASSWORD, 0),
                RejectReason.HJ212_BAD_PASSWORD));
        reasons.addAll(java.util.Collections.nCopies(expected.getOrDefault(LineFault.GARBLED_FRAME, 0),
                RejectReason.HJ212_BAD_LENGTH));
        return reasons;
    }

    /**
     * Waits until every partition of the topics has a leader in the broker's metadata. A producer sending the moment
     * a topic is created can meet partitions without one yet, and an idempotent producer's retries then sometimes
     * loop on OutOfOrderSequence until the test times out (seen on a busy machine).
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            boolean ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (ready) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("partitions of " + topics + " have no leader after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Every record of the topic, once at least {@code atLeast} are there. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // Assigned, not subscribed: no consumer group to join, so no rebalance delay.
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // Read until the topic's end: past the least expected, and one more empty poll for anything beyond it.
            boolean quiet = false;
            while (System.nanoTime() < deadline && (records.size() < atLeast || !quiet)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(records::add);
                quiet = polled.isEmpty();
            }
            return records;
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
