package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.electricity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.RejectReason;

/** Every class of bad input ends on the dead-letter topic with its reason and original bytes; the stream goes on. */
class RejectionTopologyTest {

    private PipelineFixture p;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    static Stream<Arguments> badReadings() {
        return Stream.of(
                bad(RejectReason.MISSING_FIELD, "E1", r -> r.setEventId("")),
                bad(RejectReason.KEY_MISMATCH, "E2", r -> r),
                bad(RejectReason.UNKNOWN_ENTERPRISE, "E9", r -> r.setEnterpriseId("E9")),
                bad(RejectReason.UNKNOWN_UNIT, "E1", r -> r.setUnit("furlong")),
                bad(RejectReason.NEGATIVE_QUANTITY, "E1", r -> r.setQuantity(-5)),
                bad(RejectReason.NON_FINITE_QUANTITY, "E1", r -> r.setQuantity(Double.NaN)),
                // a trillion kWh in one hour is more than China's grid delivers in a day
                bad(RejectReason.IMPLAUSIBLE_QUANTITY, "E1", r -> r.setQuantity(1e12)),
                bad(RejectReason.INVALID_INTERVAL, "E1", r -> r.setIntervalEnd(r.getIntervalStart().minusSeconds(60))),
                // the fixture's wall clock is 2023-06-01T00:00Z
                bad(RejectReason.FUTURE_EVENT_TIME, "E1", r -> r.setIntervalStart(PipelineFixture.NOW.plusSeconds(86_400))
                        .setIntervalEnd(PipelineFixture.NOW.plusSeconds(90_000))));
    }

    private static Arguments bad(RejectReason reason, String key, UnaryOperator<MeterReading.Builder> spoil) {
        return Arguments.of(reason, key, spoil);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReadings")
    void shouldSendABadReadingToTheDeadLetterTopicWithItsOriginalBytes(RejectReason reason, String key,
                                                                       UnaryOperator<MeterReading.Builder> spoil) {
        MeterReading bad = spoil.apply(electricity("m-bad", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh")).build();
        byte[] original = p.serdes.meterReading().serializer().serialize(p.topics.meterReadings(), bad);
        p.raw(p.topics.meterReadings()).pipeInput(key.getBytes(StandardCharsets.UTF_8), original);
        p.meter("E1", electricity("m-good", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());

        DeadLetter letter = p.deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo(reason);
        assertThat(letter.getSourceTopic()).isEqualTo("park.meter-readings");
        assertThat(letter.getSourceOffset()).isZero();
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(original));
        assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.getDetail()).isNotBlank();
        assertThat(p.deadLetters.isEmpty()).isTrue();
        // the next, valid, reading is accounted: the stream did not stop
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).containsOnly("m-good");
        assertThat(p.metrics.counter("parkwatch.input.rejected", "input", "meter", "reason", reason.name()).count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldSendBytesThatAreNotAvroToTheDeadLetterTopic() {
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        p.raw(p.topics.meterReadings()).pipeInput("E1".getBytes(StandardCharsets.UTF_8), garbage);

        DeadLetter letter = p.deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo(RejectReason.MALFORMED_BYTES);
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
    }

    @Test
    void shouldSendAnUnknownSchemaIdToTheDeadLetterTopic() {
        // magic byte 0, schema id 4711 (never registered), then one byte of body
        byte[] unknownId = {0, 0, 0, 0x12, 0x67, 2};
        p.raw(p.topics.meterReadings()).pipeInput("E1".getBytes(StandardCharsets.UTF_8), unknownId);

        assertThat(p.deadLetters.readValue().getReason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldRejectActivityOlderThanTheBackfillHorizonAsLate() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T20:00", "2023-03-01T21:00", 1000, "kWh").build());
        // 41 days and 3 h behind the watermark (1 March 20:59:59.999); the default horizon is 40 days
        p.meter("E1", electricity("m-late", "E1", "2023-01-19T17:00", "2023-01-19T18:00", 1000, "kWh").build());

        assertThat(p.deadLetters.readValue()).satisfies(l -> {
            assertThat(l.getReason()).isEqualTo(RejectReason.LATE_EVENT);
            assertThat(l.getEventId()).isEqualTo("m-late");
        });
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).containsOnly("m-1");
    }

    @Test
    void shouldRejectAMissingFactorAndAccountTheSameEventOnceTheFactorIsPublished() {
        FuelConsumption diesel = FuelConsumption.newBuilder().setEventId("f-diesel").setEnterpriseId("E1")
                .setUnitId("G1").setFuel(FuelType.DIESEL).setQuantity(1).setUnit("t")
                .setIntervalStart(PipelineFixture.local("2023-03-01T10:00"))
                .setIntervalEnd(PipelineFixture.local("2023-03-01T11:00")).build();
        p.fuels.pipeInput(new TestRecord<>("E1", diesel, PipelineFixture.NOW));

        DeadLetter letter = p.deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo(RejectReason.FACTOR_MISSING);
        assertThat(letter.getDetail()).contains("fuel.DIESEL");
        assertThat(p.ledger.isEmpty()).isTrue();

        p.factor("fuel.DIESEL", "2022-01-01T00:00", 3.0959, "tCO2/t", Map.of(
                "ncvGjPerUnit", 42.652, "carbonContentTcPerGj", 0.0202, "oxidationRate", 0.98,
                "kgcePerUnit", 1457.1, "sulfurPercentDefault", 0.001, "sulfurConversion", 1.0));
        // replay of the dead letter's original bytes
        p.raw(p.topics.fuelConsumption()).pipeInput(letter.getOriginalKey().array(), letter.getOriginalValue().array());

        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).containsOnly("f-diesel");
        assertThat(p.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAFuelQuantityWhoseEmissionsOverflowTheLedgerInsteadOfStoppingTheStream() {
        // An operator lifted the bound on raw coal; 10^15 t in one hour would be about 1.9 x 10^24 mg of CO2
        // (10^15 x 20.908 GJ/t x 0.02637 tC/GJ x 0.94 x 44/12 t), beyond what a ledger entry can hold.
        p.close();
        var base = AccountingSettings.defaults();
        p = new PipelineFixture(new AccountingSettings(base.zone(), base.grace(), base.dedupWindow(),
                base.publishInterval(), base.inputIdleTimeout(),
                base.bounds().withFuelPerHour(FuelType.RAW_COAL, Double.POSITIVE_INFINITY), base.ledgerStoreRetention()));
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
        FuelConsumption absurd = FuelConsumption.newBuilder().setEventId("f-absurd").setEnterpriseId("E1")
                .setUnitId("B1").setFuel(FuelType.RAW_COAL).setQuantity(1e15).setUnit("t")
                .setIntervalStart(PipelineFixture.local("2023-03-01T10:00"))
                .setIntervalEnd(PipelineFixture.local("2023-03-01T11:00")).build();
        byte[] original = p.serdes.fuelConsumption().serializer().serialize(p.topics.fuelConsumption(), absurd);
        p.raw(p.topics.fuelConsumption()).pipeInput("E1".getBytes(StandardCharsets.UTF_8), original);
        p.meter("E1", electricity("m-good", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());

        DeadLetter letter = p.deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(letter.getEventId()).isEqualTo("f-absurd");
        assertThat(letter.getDetail()).contains("too large to account");
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(original));
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).containsOnly("m-good");
        assertThat(p.metrics.counter("parkwatch.input.rejected", "input", "fuel", "reason", "IMPLAUSIBLE_QUANTITY")
                .count()).isEqualTo(1.0);
    }

    @Test
    void shouldWriteTheDeadLetterOfARecordTooLargeToCarryWithoutItsBytesButWithWhereToReadThem() {
        // an input topic configured to take 5 MiB records, more than the 4 MiB a dead letter may have
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        p.raw(p.topics.meterReadings()).pipeInput("E1".getBytes(StandardCharsets.UTF_8), huge);
        p.meter("E1", electricity("m-good", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());

        DeadLetter letter = p.deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo(RejectReason.MALFORMED_BYTES);
        assertThat(letter.getOriginalValue()).isNull();
        assertThat(letter.getDetail()).contains("5242882 bytes").contains("park.meter-readings/0@0");
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).containsOnly("m-good");
    }
}
