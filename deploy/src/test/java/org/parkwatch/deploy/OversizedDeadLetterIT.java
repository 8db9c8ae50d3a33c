package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.topology.Topics;

/**
 * An input record as large as the broker accepts by default (1 MiB) that is not Avro: its dead letter carries all
 * its bytes and more, beyond the 1 MiB a producer and a topic allow by default. It must still be written, with
 * the original bytes, and the stream must go on.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OversizedDeadLetterIT {

    // The largest value one record of the default limits carries (1 048 576 bytes a request, 1 048 588 a batch,
    // less about 125 bytes of batch and record overheads); its dead letter adds a few hundred bytes more.
    private static final int NEAR_ONE_MIB = 1_048_450;

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

    @Test
    void shouldWriteTheDeadLetterOfANearOneMebibyteRecordWithItsBytesAndGoOn() throws Exception {
        ParkWatchConfig config = kafka.parkWithOneEnterprise("parkwatch-oversized", stateDir);
        Topics topics = config.topicLayout().topics();
        byte[] huge = new byte[NEAR_ONE_MIB];
        Arrays.fill(huge, (byte) 'x'); // no magic byte: not Confluent wire format

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters)) {
            runner.awaitRunning(Duration.ofSeconds(90));
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.meterReadings(), "E1", huge)).get();
            }
            Instant end = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
                producer.send(new ProducerRecord<>(topics.meterReadings(), "E1", MeterReading.newBuilder()
                        .setEventId("m-after").setEnterpriseId("E1").setMeterId("E1-M1")
                        .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(100).setUnit("kWh")
                        .setIntervalStart(end.minusSeconds(60)).setIntervalEnd(end).setFlag(DataFlag.N)
                        .setSteamEnthalpyKjPerKg(null).setSource("avro").build())).get();
            }

            // the reading after it is accounted: the stream went on
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    meters.find("parkwatch.input.accepted").counters().stream().mapToDouble(c -> c.count()).sum() >= 1);
            List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.getReason()).isEqualTo(RejectReason.MALFORMED_BYTES);
                assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(huge));
                assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap("E1".getBytes(StandardCharsets.UTF_8)));
            });
            assertThat(kafka.readCommittedLedger(topics.emissionsLedger()))
                    .extracting(EmissionEntry::getEventId).containsOnly("m-after");
            assertThat(runner.isRunning()).isTrue();
        }
    }
}
