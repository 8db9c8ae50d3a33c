package org.parkwatch.restatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.RestatedPeriod;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.Interval;
import org.parkwatch.pricing.FactorHistory;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.topology.LedgerRepricer;
import org.parkwatch.topology.LedgerWriting;
import org.parkwatch.totals.WindowCalendar;

/**
 * The plan of a restatement, from the ledger alone. By hand, 10 t of raw coal with NCV 20.908 GJ/t, CC 0.02637
 * tC/GJ, OF 0.94: CO2 = 10 x 20.908 x 0.02637 x 0.94 x 44/12 = 19.002988488 t = 19 002 988 488 mg. The default is
 * corrected to NCV 20.0 GJ/t (same validFrom): 10 x 20.0 x 0.02637 x 0.94 x 44/12 = 18.17772 t = 18 177 720 000 mg.
 * SO2 (2 x 10 t x 1.0 % x 0.8 = 0.16 t) and energy (10 t x 714.3 kgce/t = 7.143 tce) use no NCV: their amounts stay,
 * but their lines are restated too, since they cite the superseded version.
 */
class RestaterTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String COAL = "fuel.RAW_COAL";
    private static final Instant VALID_FROM = local("2022-01-01T00:00");
    private static final Enterprise E1 = Enterprise.newBuilder().setEnterpriseId("E1").setParkId("park-1")
            .setName("E1").setSector("chemicals").setGridRegion(GridRegion.EAST).setOutlets(List.of())
            .setPermittedLoads(new PermittedLoads(null, null, null)).build();

    private static Instant local(String iso) {
        return LocalDateTime.parse(iso).atZone(SHANGHAI).toInstant();
    }

    private static FactorVersion coal(double ncv) {
        return new FactorVersion(COAL, VALID_FROM, 1.9003, "tCO2/t", Map.of("ncvGjPerUnit", ncv,
                "carbonContentTcPerGj", 0.02637, "oxidationRate", 0.94, "kgcePerUnit", 714.3,
                "sulfurPercentDefault", 1.0, "sulfurConversion", 0.8), "test factor");
    }

    private static List<EmissionEntry> burnt(String eventId, String localEnd, double tonnes) {
        Instant end = local(localEnd);
        FuelActivity fuel = new FuelActivity(eventId, "E1", "B1", FuelType.RAW_COAL, tonnes, CanonicalUnit.TONNE,
                new Interval(end.minusSeconds(3600), end), DataFlag.N, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty());
        return LedgerWriting.entries(FactorHistory.of(List.of(coal(20.908))), fuel, E1, "park.fuel-consumption");
    }

    private static Restater.Request request(Instant from, Instant to) {
        return new Restater.Request("r-1", COAL, from, to, "operator", Instant.parse("2026-02-01T00:00:00Z"));
    }

    private static final FactorHistory CORRECTED = FactorHistory.of(List.of(coal(20.0)));

    @Test
    void shouldReverseAndRestateOnlyTheLinesTheCorrectedVersionMoves() {
        EffectiveLedger ledger = new EffectiveLedger();
        burnt("f-1", "2023-03-01T11:00", 10).forEach(ledger::add);

        Restater.Plan plan = new Restater(new LedgerRepricer()).plan(ledger, CORRECTED, request(null, null));

        LedgerCorrection correction = plan.corrections().get(0);
        assertThat(plan.corrections()).hasSize(1);
        // every line citing the superseded version is reversed and restated: CO2 moves, SO2 and energy keep their
        // amounts but now cite the version in force, so no line in force cites a superseded version
        assertThat(correction.getEntries()).extracting(e -> e.getCorrection().getKind(), EmissionEntry::getAmountMg,
                        EmissionEntry::getPollutant)
                .containsExactly(tuple(CorrectionKind.REVERSAL, -19_002_988_488L, Pollutant.CO2),
                        tuple(CorrectionKind.REVERSAL, -160_000_000L, Pollutant.SO2),
                        tuple(CorrectionKind.REVERSAL, -7_143_000_000L, Pollutant.ENERGY),
                        tuple(CorrectionKind.RESTATED, 18_177_720_000L, Pollutant.CO2),
                        tuple(CorrectionKind.RESTATED, 160_000_000L, Pollutant.SO2),
                        tuple(CorrectionKind.RESTATED, 7_143_000_000L, Pollutant.ENERGY));
        assertThat(correction.getEntries()).allSatisfy(e -> {
            assertThat(e.getCorrection().getCorrectsEntryId()).isEqualTo("f-1:" + e.getPollutant() + ":"
                    + e.getScope());
            assertThat(e.getCorrection().getRestatementId()).isEqualTo("r-1");
        });
        assertThat(correction.getEntries()).filteredOn(e -> e.getCorrection().getKind() == CorrectionKind.RESTATED)
                .allSatisfy(e -> assertThat(e.getFactors()).singleElement()
                        .satisfies(f -> assertThat(f.getParameters()).containsEntry("ncvGjPerUnit", 20.0)));
        // a corrected value under the same validFrom is a version of its own: the correction id says which
        assertThat(correction.getCorrectionId()).startsWith("f-1|" + COAL + "@" + VALID_FROM.toEpochMilli() + "#");
        assertThat(plan.entriesReversed()).isEqualTo(3);
    }

    @Test
    void shouldFindNothingDueOnceCorrectedWhetherTheCorrectionIsInTheLedgerOrOnItsWay() {
        EffectiveLedger ledger = new EffectiveLedger();
        List<EmissionEntry> lines = burnt("f-1", "2023-03-01T11:00", 10);
        lines.forEach(ledger::add);
        Restater restater = new Restater(new LedgerRepricer());
        LedgerCorrection first = restater.plan(ledger, CORRECTED, request(null, null)).corrections().get(0);

        // planning added it to this ledger as on its way: a second plan finds nothing
        Restater.Plan again = restater.plan(ledger, CORRECTED, request(null, null));
        assertThat(again.corrections()).isEmpty();
        assertThat(again.upToDate()).isEqualTo(1);

        // a ledger read afresh, the correction accounted (its entries in the ledger): nothing either
        EffectiveLedger read = new EffectiveLedger();
        lines.forEach(read::add);
        first.getEntries().forEach(read::add);
        assertThat(restater.plan(read, CORRECTED, request(null, null)).corrections()).isEmpty();
        assertThat(read.events()).singleElement().satisfies(event -> assertThat(event)
                .filteredOn(e -> e.getPollutant() == Pollutant.CO2).singleElement()
                .satisfies(co2 -> assertThat(co2.getAmountMg()).isEqualTo(18_177_720_000L)));
    }

    @Test
    void shouldLeaveActivityOutsideThePeriodAsked() {
        EffectiveLedger ledger = new EffectiveLedger();
        burnt("feb", "2023-02-28T23:00", 10).forEach(ledger::add);
        burnt("mar", "2023-03-01T01:00", 10).forEach(ledger::add);

        Restater.Plan plan = new Restater(new LedgerRepricer()).plan(ledger, CORRECTED,
                request(local("2023-03-01T00:00"), local("2023-04-01T00:00")));

        assertThat(plan.corrections()).extracting(LedgerCorrection::getEventId).containsExactly("mar");
    }

    @Test
    void shouldLeaveAnEventItCannotRebuildAloneAndSayWhy() {
        EffectiveLedger ledger = new EffectiveLedger();
        burnt("f-1", "2023-03-01T11:00", 10).stream()
                .map(e -> EmissionEntry.newBuilder(e).setFormula(e.getFormula() + " (edited)").build())
                .forEach(ledger::add);

        Restater.Plan plan = new Restater(new LedgerRepricer()).plan(ledger, CORRECTED, request(null, null));

        assertThat(plan.corrections()).isEmpty();
        assertThat(plan.notRestated()).containsOnlyKeys("f-1");
    }

    @Test
    void shouldRecordEachMonthMovedWithItsTotalsBeforeAndAfter() {
        WindowCalendar calendar = new WindowCalendar(SHANGHAI);
        EffectiveLedger ledger = new EffectiveLedger();
        burnt("f-1", "2023-03-01T11:00", 10).forEach(ledger::add);
        burnt("f-2", "2023-03-02T11:00", 10).forEach(ledger::add);
        MonthTotals before = MonthTotals.of(ledger, calendar);

        Restater.Plan plan = new Restater(new LedgerRepricer()).plan(ledger, CORRECTED, request(null, null));
        Restatement record = RestatementRecord.of(plan, before, calendar);

        assertThat(record.getEventsRestated()).isEqualTo(2);
        assertThat(record.getEntriesRestated()).isEqualTo(6);
        assertThat(record.getVersionsInForce()).singleElement()
                .satisfies(v -> assertThat(v.getParameters()).containsEntry("ncvGjPerUnit", 20.0));
        assertThat(record.getPeriods()).extracting(RestatedPeriod::getSubjectType, RestatedPeriod::getSubjectId)
                .containsExactly(tuple(SubjectType.ENTERPRISE, "E1"),
                        tuple(SubjectType.PARK, "park-1"));
        RestatedPeriod march = record.getPeriods().get(1);
        assertThat(march.getWindowStart()).isEqualTo(local("2023-03-01T00:00"));
        assertThat(march.getBefore().getCo2Scope1Mg()).isEqualTo(2 * 19_002_988_488L);
        assertThat(march.getAfter().getCo2Scope1Mg()).isEqualTo(2 * 18_177_720_000L);
        // SO2 and energy do not move; entry counts stay those of the entries in force (3 per event)
        assertThat(march.getAfter().getSo2Mg()).isEqualTo(march.getBefore().getSo2Mg()).isEqualTo(2 * 160_000_000L);
        assertThat(march.getAfter().getEnergyMgce()).isEqualTo(2 * 7_143_000_000L);
        assertThat(march.getAfter().getEntryCount()).isEqualTo(6);
    }
}
