package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.WindowKind;

/**
 * A dead letter replayed on purpose, marked with the header naming it, is accounted once the cause is fixed even
 * though its input has moved past the grace period; a replayed LATE_EVENT stays late.
 */
class DeadLetterReplayTopologyTest {

    // 1 t of diesel: 42.652 GJ/t x 0.0202 tC/GJ x 0.98 x 44/12 = 3.095 909 637 3 t CO2
    private static final long DIESEL_CO2_MG = 3_095_909_637L;
    // 1 t of raw coal: 20.908 GJ/t x 0.02637 tC/GJ x 0.94 x 44/12 = 1.900 298 848 8 t CO2
    private static final long COAL_CO2_MG = 1_900_298_849L;

    private PipelineFixture p;

    @BeforeEach
    void setUp() {
        // Without a backfill horizon beyond the grace period: the replay mark is what lets a record older than
        // the grace period in (with the default 40-day horizon, these records would be accounted marked or not).
        var d = AccountingSettings.defaults();
        p = new PipelineFixture(new AccountingSettings(d.zone(), d.grace(), d.dedupWindow(), d.publishInterval(),
                d.inputIdleTimeout(), d.bounds(), d.ledgerStoreRetention()));
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    @Test
    void shouldAccountAReplayedFactorMissingLetterInTheLedgerAndTheOpenMonthAndYearOnceItsInputHasMovedOn() {
        DeadLetter letter = factorMissingDieselThenFuelMovesOn();

        replay(letter, DeadLetterReplay.header(letter));
        p.publishTotals();

        assertThat(p.deadLetters.isEmpty()).isTrue();
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).contains("f-diesel");
        Map<WindowKind, EmissionTotals> latest = latestOpenWindowsOf1March();
        assertThat(latest.get(WindowKind.MONTH_TO_DATE).getTotals().getCo2Scope1Mg()).isEqualTo(COAL_CO2_MG + DIESEL_CO2_MG);
        assertThat(latest.get(WindowKind.YEAR_TO_DATE).getTotals().getCo2Scope1Mg()).isEqualTo(COAL_CO2_MG + DIESEL_CO2_MG);
        assertThat(p.metrics.counter("parkwatch.input.replayed", "input", "fuel", "reason", "FACTOR_MISSING").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldStillRefuseAnUnmarkedReplayAsLate() {
        DeadLetter letter = factorMissingDieselThenFuelMovesOn();

        replay(letter, null);

        assertThat(p.deadLetters.readValue().getReason()).isEqualTo(RejectReason.LATE_EVENT);
        assertThat(p.ledger.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepAReplayedLateEventLate() {
        DeadLetter missing = factorMissingDieselThenFuelMovesOn();
        replay(missing, null);
        DeadLetter late = p.deadLetters.readValue();
        assertThat(late.getReason()).isEqualTo(RejectReason.LATE_EVENT);

        replay(late, DeadLetterReplay.header(late));

        assertThat(p.deadLetters.readValue().getReason()).isEqualTo(RejectReason.LATE_EVENT);
        assertThat(p.ledger.isEmpty()).isTrue();
    }

    @Test
    void shouldStillDropAReplayOfAnEventAlreadyAccounted() {
        DeadLetter letter = factorMissingDieselThenFuelMovesOn();
        replay(letter, DeadLetterReplay.header(letter));
        replay(letter, DeadLetterReplay.header(letter));

        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId())
                .filteredOn("f-diesel"::equals).hasSize(3); // CO2, SO2 and energy, once
        assertThat(p.metrics.counter("parkwatch.input.duplicates", "input", "fuel").count()).isEqualTo(1.0);
    }

    /** Diesel on 1 March 10:00-11:00 without its factor, then coal at 20:00-21:00, then the diesel factor. */
    private DeadLetter factorMissingDieselThenFuelMovesOn() {
        p.fuels.pipeInput(new TestRecord<>("E1", fuel("f-diesel", FuelType.DIESEL, "2023-03-01T10:00",
                "2023-03-01T11:00"), PipelineFixture.NOW));
        DeadLetter letter = p.deadLetters.readValue();
        assertThat(letter.getReason()).isEqualTo(RejectReason.FACTOR_MISSING);
        // the fuel input moves on to 20:59:59.999: 10:59:59.999 is now more than the 2 h grace behind it
        p.fuels.pipeInput(new TestRecord<>("E1", fuel("f-coal", FuelType.RAW_COAL, "2023-03-01T20:00",
                "2023-03-01T21:00"), PipelineFixture.NOW));
        p.factor("fuel.DIESEL", "2022-01-01T00:00", 3.0959, "tCO2/t", Map.of(
                "ncvGjPerUnit", 42.652, "carbonContentTcPerGj", 0.0202, "oxidationRate", 0.98,
                "kgcePerUnit", 1457.1, "sulfurPercentDefault", 0.001, "sulfurConversion", 1.0));
        p.ledger.readValuesToList();
        return letter;
    }

    private void replay(DeadLetter letter, String header) {
        RecordHeaders headers = new RecordHeaders();
        if (header != null) {
            headers.add(DeadLetterReplay.HEADER, header.getBytes(StandardCharsets.UTF_8));
        }
        p.raw(p.topics.fuelConsumption()).pipeInput(new TestRecord<>(letter.getOriginalKey().array(),
                letter.getOriginalValue().array(), headers, PipelineFixture.NOW));
    }

    private Map<WindowKind, EmissionTotals> latestOpenWindowsOf1March() {
        List<EmissionTotals> published = p.enterpriseTotals.readValuesToList();
        Map<WindowKind, EmissionTotals> latest = new java.util.EnumMap<>(WindowKind.class);
        for (EmissionTotals t : published) {
            if (t.getWindow() == WindowKind.MONTH_TO_DATE && t.getWindowStart().equals(local("2023-03-01T00:00"))
                    || t.getWindow() == WindowKind.YEAR_TO_DATE && t.getWindowStart().equals(local("2023-01-01T00:00"))) {
                latest.put(t.getWindow(), t);
            }
        }
        return latest;
    }

    private static FuelConsumption fuel(String eventId, FuelType type, String localStart, String localEnd) {
        return FuelConsumption.newBuilder().setEventId(eventId).setEnterpriseId("E1").setUnitId("B1").setFuel(type)
                .setQuantity(1).setUnit("t").setIntervalStart(local(localStart)).setIntervalEnd(local(localEnd))
                .build();
    }
}
