package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.topology.FactorRecordKey;
import org.parkwatch.topology.Topics;

/**
 * An agency publishes a broken factor (a negative grid factor) over the version in force: it must land on the
 * dead-letter topic with its reason and bytes, be counted, and leave the version in force pricing; and a new
 * instance that restores its reference tables from the topic must refuse it too.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReferenceDataDeadLetterIT {

    private static KafkaStack kafka;

    @TempDir
    static Path stateDir;
    @TempDir
    static Path freshStateDir;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static double invalidFactorsCounted(SimpleMeterRegistry meters) {
        Counter counter = meters.find("parkwatch.input.rejected").tag("input", "emission-factors")
                .tag("reason", RejectReason.INVALID_FACTOR.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static void meter(Topics topics, String eventId, Instant end) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topics.meterReadings(), "E1", MeterReading.newBuilder()
                    .setEventId(eventId).setEnterpriseId("E1").setMeterId("E1-M1")
                    .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(1).setUnit("MWh")
                    .setIntervalStart(end.minusSeconds(60)).setIntervalEnd(end).setFlag(DataFlag.N)
                    .setSteamEnthalpyKjPerKg(null).setSource("avro").build())).get();
        }
    }

    private static long locationMg(Topics topics, String eventId) {
        return kafka.readCommittedLedger(topics.emissionsLedger()).stream()
                .filter(e -> e.getEventId().equals(eventId) && e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .mapToLong(EmissionEntry::getAmountMg).sum();
    }

    @Test
    void shouldDeadLetterABrokenFactorAndKeepTheVersionInForceLiveAndAfterARestore() throws Exception {
        ParkWatchConfig config = kafka.parkWithOneEnterprise("parkwatch-reference-data", stateDir);
        Topics topics = config.topicLayout().topics();
        // E1 is in the EAST grid; the latest EAST version of the shipped defaults is in force today
        FactorVersion inForce = DefaultFactors.load().stream()
                .filter(f -> f.factorKey().equals("grid.location.EAST"))
                .max(Comparator.comparing(FactorVersion::validFrom)).orElseThrow();
        Instant validFrom = inForce.validFrom().truncatedTo(ChronoUnit.MILLIS);
        String key = FactorRecordKey.of(inForce.factorKey(), validFrom);
        EmissionFactor broken = EmissionFactor.newBuilder().setFactorKey(inForce.factorKey()).setValidFrom(validFrom)
                .setValue(-inForce.value()).setUnit(inForce.unit()).setParameters(new HashMap<>())
                .setSource("a sign slipped").setPublishedAt(Instant.now()).build();
        byte[] brokenBytes = new SpecificAvroSerializer<EmissionFactor>(kafka.registryClient(), SerdeSettings.forValue())
                .serialize(topics.emissionFactors(), broken);
        // 1 MWh x the factor in force (tCO2/MWh) = that many t = value x 10^9 mg, rounded half-even once
        long expectedMg = BigDecimal.valueOf(inForce.value()).movePointRight(9)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        Instant end = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters)) {
            runner.awaitRunning(Duration.ofSeconds(90));
            send(topics.emissionFactors(), key, brokenBytes);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> invalidFactorsCounted(meters) == 1.0);
            List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.getReason()).isEqualTo(RejectReason.INVALID_FACTOR);
                assertThat(letter.getDetail()).contains(key).contains(String.valueOf(-inForce.value()));
                assertThat(letter.getSourceTopic()).isEqualTo(topics.emissionFactors());
                assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(brokenBytes));
            });

            meter(topics, "m-live", end);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> locationMg(topics, "m-live") != 0);
            assertThat(locationMg(topics, "m-live")).isEqualTo(expectedMg);
        }

        // A new instance (no local state) fills its tables from the topic, broken record included: it is refused
        // on restore too, and reported by that instance.
        ParkWatchConfig fresh = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.application.id", "parkwatch-reference-data",
                "parkwatch.state.dir", freshStateDir.toString(),
                "parkwatch.topic.partitions", "1",
                "parkwatch.api.auth.required", "false"));
        SimpleMeterRegistry freshMeters = new SimpleMeterRegistry();
        try (PipelineRunner runner = PipelineRunner.start(fresh, freshMeters)) {
            runner.awaitRunning(Duration.ofSeconds(90));
            assertThat(invalidFactorsCounted(freshMeters)).isEqualTo(1.0);
            meter(topics, "m-restored", end.plusSeconds(60));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> locationMg(topics, "m-restored") != 0);
            assertThat(locationMg(topics, "m-restored")).isEqualTo(expectedMg);
        }
        // each instance that read the broken record reported it: the same record twice, recognisable by its offset
        List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
        assertThat(letters).hasSize(2).extracting(DeadLetter::getReason).containsOnly(RejectReason.INVALID_FACTOR);
        assertThat(letters).extracting(DeadLetter::getSourceOffset).containsOnly(letters.get(0).getSourceOffset());
    }
}
