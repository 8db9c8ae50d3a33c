package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.deploy.replay.DeadLetterReplayer;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.topology.Topics;

/**
 * {@code replay-dead-letters} on a real broker, registry and pipeline: a fuel event refused for a missing factor is
 * accounted once the factor is published and it is replayed, with the amount the formula gives; a second run
 * replays nothing; an event of an enterprise not yet registered, replayed too early, becomes a new dead letter, and
 * that one is accounted when replayed after the registration; a run that crashed mid-batch left nothing counted as
 * replayed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeadLetterReplayIT {

    private static final String DIESEL = "fuel." + FuelType.DIESEL;

    private static KafkaStack kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parkwatch.bootstrap.servers", kafka.bootstrapServers());
        settings.put("parkwatch.schema.registry.url", kafka.registryUrl());
        settings.put("parkwatch.application.id", "parkwatch-replay");
        settings.put("parkwatch.state.dir", stateDir.toString());
        settings.put("parkwatch.topic.partitions", "1");
        settings.put("parkwatch.api.auth.required", "false");
        settings.put("parkwatch.api.port", "0");
        return settings;
    }

    private static CommandRun replayDeadLetters(Map<String, String> settings, String... options) {
        return CommandRun.of("replay-dead-letters", settings, options);
    }

    private static void fuel(Topics topics, String eventId, String enterpriseId, Instant end) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topics.fuelConsumption(), enterpriseId, FuelConsumption.newBuilder()
                    .setEventId(eventId).setEnterpriseId(enterpriseId).setUnitId(enterpriseId + "-B1")
                    .setFuel(FuelType.DIESEL).setQuantity(2).setUnit("t").setIntervalStart(end.minusSeconds(3600))
                    .setIntervalEnd(end).setFlag(DataFlag.N).build())).get();
        }
    }

    private static Enterprise enterprise(String id) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId("park-a").setName(id).setSector("chemicals")
                .setGridRegion(GridRegion.EAST).setOutlets(List.of())
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }

    private static Map<Pollutant, Long> ledgerOf(Topics topics, String eventId) {
        Map<Pollutant, Long> amounts = new HashMap<>();
        kafka.readLedgerToEnd(topics.emissionsLedger()).stream()
                .filter(e -> e.getEventId().equals(eventId))
                .forEach(e -> amounts.merge(e.getPollutant(), e.getAmountMg(), Long::sum));
        return amounts;
    }

    private static long ledgerEntries(Topics topics, String eventId) {
        return kafka.readLedgerToEnd(topics.emissionsLedger()).stream()
                .filter(e -> e.getEventId().equals(eventId) && e.getScope() == EmissionScope.SCOPE1).count();
    }

    private static List<DeadLetter> letters(Topics topics, RejectReason reason, String eventId) {
        return kafka.readToEnd(topics.deadLetters(), DeadLetter.class).stream()
                .filter(l -> l.getReason() == reason && eventId.equals(l.getEventId())).toList();
    }

    private static long endOffset(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    @Test
    void shouldAccountEachRefusedEventOnceItsCauseIsFixedAndNeverReplayALetterTwice() throws Exception {
        Map<String, String> settings = settings();
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(config.topicLayout().roles());
        }
        List<FactorVersion> factors = DefaultFactors.load();
        FactorVersion diesel = factors.stream().filter(f -> f.factorKey().equals(DIESEL)).findFirst().orElseThrow();
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishFactors(topics.emissionFactors(),
                    factors.stream().filter(f -> !f.factorKey().equals(DIESEL)).toList());
            loader.publishEnterprises(topics.enterprises(), List.of(enterprise("E1")));
        }
        Instant end = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String today = Instant.now().minus(1, ChronoUnit.DAYS).toString().substring(0, 10);
        String[] window = {"--from", today, "--to", Instant.now().plus(1, ChronoUnit.DAYS).toString()};

        try (PipelineRunner runner = PipelineRunner.start(config, new SimpleMeterRegistry())) {
            runner.awaitRunning(Duration.ofSeconds(90));
            fuel(topics, "f-1", "E1", end);
            fuel(topics, "f-2", "E2", end);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    letters(topics, RejectReason.FACTOR_MISSING, "f-1").size() == 1
                            && letters(topics, RejectReason.UNKNOWN_ENTERPRISE, "f-2").size() == 1);

            // The diesel factor is published; an event sent now is accounted, so the pipeline has it.
            try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
                loader.publishFactors(topics.emissionFactors(), List.of(diesel));
            }
            fuel(topics, "f-probe", "E1", end);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledgerEntries(topics, "f-probe") == 1);

            CommandRun dryRun = replayDeadLetters(settings, concat(window, "--reason", "FACTOR_MISSING", "--dry-run"));
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("would replay park.dead-letters/0@")
                    .contains("FACTOR_MISSING park.fuel-consumption: would replay 1, skipped as already replayed 0, "
                            + "not replayable 0");
            assertThat(endOffset(config.topicLayout().deadLetterReplays())).isZero();

            // A run that crashed mid-batch: its replay of f-1 and the record of it were sent, never committed.
            try (KafkaProducer<byte[], byte[]> crashed = crashedRun(config, topics, "f-1")) {
                CommandRun first = replayDeadLetters(settings, concat(window, "--reason", "FACTOR_MISSING"));
                assertThat(first.exitCode()).as(first.err()).isZero();
                assertThat(first.out()).contains("FACTOR_MISSING park.fuel-consumption: replayed 1, skipped as "
                        + "already replayed 0, not replayable 0");
            }
            // DIESEL, default parameters (NCV 42.652 GJ/t, CC 0.0202 tC/GJ, OF 0.98, 1457.1 kgce/t, S 0.001 %, D 1.0):
            //   CO2 = 2 t x 42.652 x 0.0202 x 0.98 x 44/12 = 1.688677984 tC x 44/12 = 6.191819274666... t
            //       = 6 191 819 274.67 mg -> 6 191 819 275 mg
            //   SO2 = 2 x 2 t x 0.001 % x 1.0 x (1 - 0) = 0.00004 t = 40 000 mg
            //   energy = 2 t x 1457.1 kgce/t = 2914.2 kgce = 2 914 200 000 mg
            Map<Pollutant, Long> expected = Map.of(Pollutant.CO2, 6_191_819_275L, Pollutant.SO2, 40_000L,
                    Pollutant.ENERGY, 2_914_200_000L);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledgerOf(topics, "f-1").equals(expected));

            long fuelRecords = endOffset(topics.fuelConsumption());
            CommandRun second = replayDeadLetters(settings, concat(window, "--reason", "FACTOR_MISSING"));
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("FACTOR_MISSING park.fuel-consumption: replayed 0, skipped as already "
                    + "replayed 1, not replayable 0");
            assertThat(endOffset(topics.fuelConsumption())).isEqualTo(fuelRecords);

            // E2 is not registered yet: its replay is refused again, a new letter at a new offset.
            CommandRun early = replayDeadLetters(settings, concat(window, "--reason", "UNKNOWN_ENTERPRISE"));
            assertThat(early.out()).contains("UNKNOWN_ENTERPRISE park.fuel-consumption: replayed 1");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> letters(topics, RejectReason.UNKNOWN_ENTERPRISE, "f-2").size() == 2);

            try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
                loader.publishEnterprises(topics.enterprises(), List.of(enterprise("E2")));
            }
            fuel(topics, "f-probe-2", "E2", end);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledgerEntries(topics, "f-probe-2") == 1);

            CommandRun registered = replayDeadLetters(settings, concat(window, "--reason", "UNKNOWN_ENTERPRISE"));
            assertThat(registered.out()).contains("UNKNOWN_ENTERPRISE park.fuel-consumption: replayed 1, skipped as "
                    + "already replayed 1, not replayable 0");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledgerOf(topics, "f-2").equals(expected));
            assertThat(ledgerEntries(topics, "f-1")).isEqualTo(1);
            assertThat(letters(topics, RejectReason.UNKNOWN_ENTERPRISE, "f-2")).hasSize(2);
        }
    }

    /**
     * A producer of the command's transactional id that sent the replay of the letter of {@code eventId} and the
     * record of it, then stopped without committing, as a run killed mid-batch leaves them.
     */
    private static KafkaProducer<byte[], byte[]> crashedRun(ParkWatchConfig config, Topics topics, String eventId)
            throws Exception {
        Map<String, Object> props = new HashMap<>(config.kafka().clientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, DeadLetterReplayer.transactionalId(config.kafka()));
        var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topics.deadLetters(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            var reader = new SpecificAvroDeserializer<>(kafka.registryClient(), DeadLetter.class);
            while (consumer.position(partition) < end) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    DeadLetter letter = reader.deserialize(record.topic(), record.value());
                    if (eventId.equals(letter.getEventId())) {
                        byte[] mark = (letter.getReason() + " " + letter.getSourceTopic() + "/"
                                + letter.getSourcePartition() + "@" + letter.getSourceOffset())
                                .getBytes(StandardCharsets.UTF_8);
                        producer.send(new ProducerRecord<>(letter.getSourceTopic(), letter.getSourcePartition(),
                                null, bytes(letter.getOriginalKey()), bytes(letter.getOriginalValue()),
                                List.of(new RecordHeader("parkwatch.replay-of", mark)))).get();
                        producer.send(new ProducerRecord<>(config.topicLayout().deadLetterReplays(),
                                (topics.deadLetters() + "/0@" + record.offset()).getBytes(StandardCharsets.UTF_8),
                                mark)).get();
                        return producer;
                    }
                }
            }
        }
        throw new IllegalStateException("no dead letter of " + eventId);
    }

    @Test
    void shouldStopWithStatus3NamingTheRegistryWhenItCannotBeReached() {
        Map<String, String> settings = settings();
        settings.put("parkwatch.schema.registry.url", "http://127.0.0.1:1");
        settings.put("parkwatch.connect.timeout.ms", "2000");

        CommandRun run = replayDeadLetters(settings, "--reason", "FACTOR_MISSING", "--from", "2026-01-01", "--to",
                "2026-02-01");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Cannot reach the Schema Registry at http://127.0.0.1:1");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
