package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
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
import org.parkwatch.avro.OutputReport;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.topology.Topics;

/**
 * The schema registry goes down while the pipeline runs, and records arrive whose schema id the pipeline has not
 * fetched yet (here: the first meter readings and the first output report it sees). None may become a dead
 * letter: they wait for the registry, the stream thread failing and being replaced while the outage lasts, and
 * are accounted once, promptly, when it is back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RegistryOutageIT {

    private static final int READINGS = 10;

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
    void shouldAccountRecordsThatArriveWhileTheRegistryIsDownOnceItIsBackWithoutAnyDeadLetter() throws Exception {
        ParkWatchConfig config = kafka.parkWithOneEnterprise("parkwatch-registry-outage", stateDir);
        Topics topics = config.topicLayout().topics();
        // The producer learns the ids of its schemas now; the pipeline will have to ask for them later.
        kafka.registryClient().register(topics.meterReadings() + "-value", MeterReading.getClassSchema());
        kafka.registryClient().register(topics.outputReports() + "-value", OutputReport.getClassSchema());
        int registryPort = kafka.registryPort();

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters)) {
            runner.awaitRunning(Duration.ofSeconds(90));

            kafka.stopRegistry();
            Instant end = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
                for (int i = 0; i < READINGS; i++) {
                    producer.send(new ProducerRecord<>(topics.meterReadings(), "E1", reading("m-" + i,
                            end.plus(i, ChronoUnit.MINUTES)))).get();
                }
                producer.send(new ProducerRecord<>(topics.outputReports(), "E1", OutputReport.newBuilder()
                        .setEventId("r-1").setEnterpriseId("E1").setPeriodStart(end.minus(1, ChronoUnit.DAYS))
                        .setPeriodEnd(end).setAddedValue(100.0).setReportedAt(end).build())).get();
            }
            // Longer than the pipeline waits within one step: its stream thread fails and is replaced meanwhile.
            Thread.sleep(15_000);
            assertThat(runner.streams().state()).isNotIn(KafkaStreams.State.ERROR,
                    KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING);
            assertThat(counter(meters, "parkwatch.input.rejected")).isZero();

            kafka.restartRegistry(registryPort);
            Instant back = Instant.now();
            // each reading: CO2 location-based, CO2 market-based and energy
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    counter(meters, "parkwatch.input.accepted") >= READINGS + 1);
            Duration recovery = Duration.between(back, Instant.now());
            assertThat(recovery).isLessThan(Duration.ofSeconds(30));

            List<EmissionEntry> ledger = kafka.readCommittedLedger(topics.emissionsLedger());
            assertThat(ledger).hasSize(3 * READINGS);
            assertThat(ledger).extracting(EmissionEntry::getEventId).containsOnly(
                    java.util.stream.IntStream.range(0, READINGS).mapToObj(i -> "m-" + i).toArray(String[]::new));
            assertThat(kafka.readCommitted(topics.deadLetters(), DeadLetter.class)).isEmpty();
            assertThat(counter(meters, "parkwatch.input.rejected")).isZero();
            assertThat(runner.isRunning()).isTrue();
        }
    }

    private static double counter(SimpleMeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static MeterReading reading(String eventId, Instant end) {
        return MeterReading.newBuilder().setEventId(eventId).setEnterpriseId("E1").setMeterId("E1-M1")
                .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(100).setUnit("kWh")
                .setIntervalStart(end.minusSeconds(60)).setIntervalEnd(end).setFlag(DataFlag.N)
                .setSteamEnthalpyKjPerKg(null).setSource("avro").build();
    }
}
