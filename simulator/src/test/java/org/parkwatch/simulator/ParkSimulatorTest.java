package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Enterprise;

class ParkSimulatorTest {

    private static final SimulatorTopics TOPICS =
            new SimulatorTopics("t.meter", "t.fuel", "t.wastewater", "t.output", "t.enterprise");
    private static final ParkModel PARK = ParkModel.generate(ParkSettings.defaults(3).withEnterpriseCount(5));
    private static final EventGenerator GENERATOR = new EventGenerator(PARK, GeneratorSettings.defaults(3));

    private final MockProducer<String, SpecificRecord> producer =
            new MockProducer<>(true, null, new StringSerializer(), new AvroBinarySerializer());
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private ParkSimulator simulator(SimulationClock clock) {
        return new ParkSimulator(GENERATOR, producer, TOPICS, clock,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldBackfillTheExpectedNumberOfEventsToEachTopic() {
        // 6 hours across the start of April in Shanghai (2024-03-31T16:00Z).
        RunPlan plan = RunPlan.backfill(Instant.parse("2024-03-31T12:00:00Z"), Instant.parse("2024-03-31T18:00:00Z"));

        SimulationResult result = simulator(new FakeClock(Instant.parse("2025-01-01T00:00:00Z"))).run(plan);

        // The park of seed 3: meters 3+3+3+2+3 = 14, units 2+1+3+1+2 = 9, outlets 1+1+1+2+2 = 7.
        assertThat(PARK.enterprises().stream().mapToInt(e -> e.meters().size()).sum()).isEqualTo(14);
        assertThat(PARK.enterprises().stream().mapToInt(e -> e.combustionUnits().size()).sum()).isEqualTo(9);
        assertThat(PARK.enterprises().stream().mapToInt(e -> e.outlets().size()).sum()).isEqualTo(7);
        Map<String, Long> perTopic = producer.history().stream()
                .collect(Collectors.groupingBy(ProducerRecord::topic, Collectors.counting()));
        // 14 meters x 24 quarter hours; 9 units x 6 hours; 7 outlets x 6 hours; 5 March reports; 5 enterprises.
        assertThat(perTopic).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t.meter", 336L, "t.fuel", 54L, "t.wastewater", 42L, "t.output", 5L, "t.enterprise", 5L));
        assertThat(result.eventsSent()).isEqualTo(442);
        assertThat(result.tally().totalEventCount()).isEqualTo(442);
        assertThat(result.eventTimeReached()).isEqualTo(Instant.parse("2024-03-31T18:00:00Z"));
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void shouldKeyByEnterpriseAndStampEachRecordWithItsEventTime() {
        Instant from = Instant.parse("2024-06-01T00:00:00Z");
        simulator(new FakeClock(from)).run(RunPlan.asFastAsPossible(from).withDuration(Duration.ofHours(2)));

        assertThat(producer.history()).allSatisfy(record -> assertThat(record.key()).isEqualTo(
                record.value() instanceof Enterprise e ? e.getEnterpriseId() : record.value().get(1)));
        ProducerRecord<String, SpecificRecord> firstMeter = producer.history().stream()
                .filter(r -> r.topic().equals("t.meter")).findFirst().orElseThrow();
        assertThat(firstMeter.key()).isEqualTo("E0001");
        assertThat(firstMeter.timestamp()).isEqualTo(Instant.parse("2024-06-01T00:15:00Z").toEpochMilli());
        ProducerRecord<String, SpecificRecord> firstEnterprise = producer.history().get(0);
        assertThat(firstEnterprise.topic()).isEqualTo("t.enterprise");
        assertThat(firstEnterprise.timestamp()).isEqualTo(from.toEpochMilli());
    }

    @Test
    void shouldStopAfterTheRequestedNumberOfEvents() {
        Instant from = Instant.parse("2024-06-01T00:00:00Z");

        SimulationResult result = simulator(new FakeClock(from))
                .run(RunPlan.asFastAsPossible(from).withMaxEvents(1_000));

        // 1 000 interval events plus the 5 Enterprise records.
        assertThat(producer.history()).hasSize(1_005);
        assertThat(result.eventsSent()).isEqualTo(1_005);
    }

    @Test
    void shouldSendEachIntervalOnlyOnceItHasEndedInRealTime() {
        Instant now = Instant.parse("2024-06-01T00:07:00Z");
        FakeClock clock = new FakeClock(now);
        List<Instant> sentAt = new ArrayList<>();
        MockProducer<String, SpecificRecord> watching = new MockProducer<>(true, null, new StringSerializer(),
                new AvroBinarySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record,
                                                            Callback callback) {
                assertThat(Instant.ofEpochMilli(record.timestamp())).isBeforeOrEqualTo(clock.now());
                sentAt.add(clock.now());
                return super.send(record, callback);
            }
        };
        ParkSimulator simulator = new ParkSimulator(GENERATOR, watching, TOPICS, clock,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        simulator.run(RunPlan.realTime(now).withDuration(Duration.ofHours(1)));

        // Quarter hours ending 00:15, 00:30, 00:45, 01:00, then the hour's tail up to 01:07.
        assertThat(clock.waits()).contains(Instant.parse("2024-06-01T00:15:00Z"),
                Instant.parse("2024-06-01T00:30:00Z"), Instant.parse("2024-06-01T00:45:00Z"),
                Instant.parse("2024-06-01T01:00:00Z"), Instant.parse("2024-06-01T01:07:00Z"));
        assertThat(clock.now()).isEqualTo(Instant.parse("2024-06-01T01:07:00Z"));
        // 5 Enterprise records, 14 meters x 4 quarter hours, 9 units and 7 outlets x 1 hour.
        assertThat(sentAt).hasSize(5 + 56 + 9 + 7);
    }

    @Test
    void shouldHoldTheRateLimit() {
        Instant from = Instant.parse("2024-06-01T00:00:00Z");
        FakeClock clock = new FakeClock(from);

        simulator(clock).run(RunPlan.asFastAsPossible(from).withMaxEvents(1_000).withRate(100)
                .withEnterprises(false));

        // The n-th event is due (n - 1) / 100 s after the first: the 1 000th at 9.99 s.
        assertThat(clock.now()).isEqualTo(from.plusMillis(9_990));
        assertThat(producer.history()).hasSize(1_000);
    }

    @Test
    void shouldStopWhenAskedToAndSayItStoppedEarly() {
        Instant from = Instant.parse("2024-06-01T00:00:00Z");
        ParkSimulator simulator = simulator(new FakeClock(from));
        simulator.stop();

        SimulationResult result = simulator.run(RunPlan.asFastAsPossible(from));

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.eventsSent()).isEqualTo(5);
    }

    @Test
    void shouldPrintAProgressLineAtTheEndOfABackfill() {
        Instant from = Instant.parse("2024-03-31T12:00:00Z");

        simulator(new FakeClock(from)).run(RunPlan.backfill(from, from.plus(Duration.ofHours(1))));

        String out = progress.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("simulate: ").contains(" events | ", " events/s | ",
                "event time 2024-03-31T13:00:00Z", "100.0%", "ETA 0:00:00");
    }
}
