package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.electricity;
import static org.parkwatch.topology.PipelineFixture.local;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;

class AccountingTopologyTest {

    private PipelineFixture p;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
        p.enterprise("E2", "park-1", GridRegion.EAST);
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    private Map<String, Long> amountsByEntry() {
        return p.ledger.readValuesToList().stream()
                .collect(Collectors.toMap(e -> e.getPollutant() + ":" + e.getScope(), EmissionEntry::getAmountMg));
    }

    @Test
    void shouldPriceElectricityInMwhWithTheGridFactorOfTheEnterprisesRegion() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());

        // 2 MWh = 2 000 kWh.
        // location: 2 MWh x 0.5500 tCO2/MWh (EAST, 2023) = 1.1 t = 1 100 000 000 mg
        // market:   2 MWh x 0.6096 tCO2/MWh (residual)   = 1.2192 t = 1 219 200 000 mg
        // energy:   2 000 kWh x 0.1229 kgce/kWh          = 245.8 kgce = 245 800 000 mgce
        assertThat(amountsByEntry()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CO2:SCOPE2_LOCATION", 1_100_000_000L,
                "CO2:SCOPE2_MARKET", 1_219_200_000L,
                "ENERGY:NONE", 245_800_000L));
        assertThat(p.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldWriteLedgerEntriesAnAgencyCanRecompute() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());

        EmissionEntry location = p.ledger.readValuesToList().stream()
                .filter(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION).findFirst().orElseThrow();
        assertThat(location.getEntryId()).isEqualTo("m-1:CO2:SCOPE2_LOCATION");
        assertThat(location.getEnterpriseId()).isEqualTo("E1");
        assertThat(location.getParkId()).isEqualTo("park-1");
        assertThat(location.getActivityQuantity()).isEqualTo(2000.0);
        assertThat(location.getActivityUnit()).isEqualTo("kWh");
        assertThat(location.getFactors()).singleElement().satisfies(f -> {
            assertThat(f.getFactorKey()).isEqualTo("grid.location.EAST");
            assertThat(f.getValidFrom()).isEqualTo(local("2023-01-01T00:00"));
            assertThat(f.getValue()).isEqualTo(0.5500);
        });
        assertThat(location.getAmount()).isEqualTo(1.1);
        assertThat(location.getDisplayUnit()).isEqualTo("t");
    }

    @Test
    void shouldPriceCoalIntoScope1So2WithDefaultSulfurAndEnergy() {
        p.fuels.pipeInput(new TestRecord<>("E1", FuelConsumption.newBuilder().setEventId("f-1").setEnterpriseId("E1")
                .setUnitId("B1").setFuel(FuelType.RAW_COAL).setQuantity(10_000).setUnit("kg")
                .setIntervalStart(local("2023-03-01T10:00")).setIntervalEnd(local("2023-03-01T11:00")).build(),
                PipelineFixture.NOW));

        // 10 000 kg = 10 t raw coal.
        // CO2 = 10 t x 20.908 GJ/t x 0.02637 tC/GJ x 0.94 x 44/12 = 19.002988488 t = 19 002 988 488 mg
        // SO2 = 2 x 10 t x 1 % (default S) x 0.8 (D, coal) x (1 - 0) = 0.16 t = 160 000 000 mg
        // energy = 10 t x 714.3 kgce/t = 7 143 kgce = 7 143 000 000 mgce
        assertThat(amountsByEntry()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CO2:SCOPE1", 19_002_988_488L,
                "SO2:NONE", 160_000_000L,
                "ENERGY:NONE", 7_143_000_000L));
    }

    @Test
    void shouldEstimateAnAbsentAmmoniaNitrogenValueWithTheOutletDischargeFactor() {
        p.wastewater.pipeInput(new TestRecord<>("E1", WastewaterSample.newBuilder().setEventId("w-1")
                .setEnterpriseId("E1").setOutletId("W1").setVolumeM3(1000).setCodMgPerL(120.0)
                .setAmmoniaNitrogenMgPerL(null).setAmmoniaNitrogenFlag(DataFlag.D)
                .setIntervalStart(local("2023-03-01T10:00")).setIntervalEnd(local("2023-03-01T11:00")).build(),
                PipelineFixture.NOW));

        List<EmissionEntry> entries = p.ledger.readValuesToList();
        // COD measured: 1 000 m3 x 120 mg/L x 1e-3 = 120 kg = 120 000 000 mg
        // NH3-N estimated with outlet W1's discharge factor: 1 000 m3 x 10 mg/L x 1e-3 = 10 kg = 10 000 000 mg
        assertThat(entries).extracting(EmissionEntry::getPollutant, EmissionEntry::getAmountMg, EmissionEntry::getEstimated)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Pollutant.COD, 120_000_000L, false),
                        org.assertj.core.groups.Tuple.tuple(Pollutant.NH3_N, 10_000_000L, true));
        assertThat(entries.stream().filter(EmissionEntry::getEstimated).findFirst().orElseThrow().getEstimationReason())
                .isNotBlank();
    }

    @Test
    void shouldPriceEachSideOfAFactorChangeWithItsOwnVersion() {
        // The reading 23:00-24:00 on 31 Dec 2022 belongs to 2022 (its last millisecond is 23:59:59.999).
        p.meter("E1", electricity("m-dec", "E1", "2022-12-31T23:00", "2023-01-01T00:00", 1000, "kWh").build());
        p.meter("E1", electricity("m-jan", "E1", "2023-01-01T00:00", "2023-01-01T01:00", 1000, "kWh").build());

        Map<String, Long> location = p.ledger.readValuesToList().stream()
                .filter(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .collect(Collectors.toMap(EmissionEntry::getEventId, EmissionEntry::getAmountMg));
        // 1 MWh x 0.5617 (2022) = 561 700 000 mg; 1 MWh x 0.5500 (2023) = 550 000 000 mg
        assertThat(location).containsExactlyInAnyOrderEntriesOf(Map.of("m-dec", 561_700_000L, "m-jan", 550_000_000L));
    }

    @Test
    void shouldPriceALateArrivingActivityWithTheFactorOfItsOwnTime() {
        p.meter("E1", electricity("m-jan", "E1", "2023-01-01T00:00", "2023-01-01T01:00", 1000, "kWh").build());
        // arrives second, but happened first, within the 2 h grace period
        p.meter("E1", electricity("m-dec", "E1", "2022-12-31T23:00", "2023-01-01T00:00", 1000, "kWh").build());

        assertThat(p.ledger.readValuesToList().stream().filter(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .map(e -> e.getEventId() + "=" + e.getAmountMg()))
                .containsExactly("m-jan=550000000", "m-dec=561700000");
    }

    @Test
    void shouldApplyAFactorPublishedLaterWithAnEarlierValidFromToActivityArrivingAfterIt() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        // A corrected factor for March onwards is published after the first reading was priced.
        p.factor("grid.location.EAST", "2023-03-01T00:00", 0.5400, "tCO2/MWh", Map.of());
        p.meter("E1", electricity("m-2", "E1", "2023-03-01T11:00", "2023-03-01T12:00", 1000, "kWh").build());

        assertThat(p.ledger.readValuesToList().stream().filter(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .map(e -> e.getEventId() + "=" + e.getAmountMg()))
                // already priced: 1 MWh x 0.55; priced after publication: 1 MWh x 0.54
                .containsExactly("m-1=550000000", "m-2=540000000");
    }

    @Test
    void shouldAccountAnEnterpriseFromTheMomentItIsRegisteredAndPriceItInTheRegionItMovesTo() {
        p.meter("E9", electricity("m-1", "E9", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.enterprise("E9", "P1", GridRegion.EAST);
        p.meter("E9", electricity("m-2", "E9", "2023-03-01T11:00", "2023-03-01T12:00", 1000, "kWh").build());
        // the register is corrected: E9 draws from the southern grid
        p.factor("grid.location.SOUTH", "2023-01-01T00:00", 0.5000, "tCO2/MWh", Map.of());
        p.enterprise("E9", "P1", GridRegion.SOUTH);
        p.meter("E9", electricity("m-3", "E9", "2023-03-01T12:00", "2023-03-01T13:00", 1000, "kWh").build());

        assertThat(p.deadLetters.readValuesToList()).singleElement()
                .satisfies(l -> assertThat(l.getReason()).isEqualTo(RejectReason.UNKNOWN_ENTERPRISE))
                .satisfies(l -> assertThat(l.getEventId()).isEqualTo("m-1"));
        assertThat(p.ledger.readValuesToList().stream().filter(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .map(e -> e.getEventId() + "=" + e.getAmountMg()))
                // 1 MWh x 0.55 (EAST, 2023); 1 MWh x 0.50 (SOUTH)
                .containsExactly("m-2=550000000", "m-3=500000000");
    }

    @Test
    void shouldJudgeLatenessPerInputSoATopicRunningAheadDoesNotMakeAnotherLate() {
        // a backfill: the meter topic is read a day ahead of the wastewater topic
        p.meter("E1", electricity("m-1", "E1", "2023-03-02T10:00", "2023-03-02T11:00", 1000, "kWh").build());
        p.wastewater.pipeInput(new TestRecord<>("E1", WastewaterSample.newBuilder().setEventId("w-1")
                .setEnterpriseId("E1").setOutletId("W1").setVolumeM3(100).setCodMgPerL(50.0)
                .setAmmoniaNitrogenMgPerL(5.0)
                .setIntervalStart(local("2023-03-01T10:00")).setIntervalEnd(local("2023-03-01T11:00")).build(),
                PipelineFixture.NOW));
        p.publishTotals();

        assertThat(p.deadLetters.isEmpty()).isTrue();
        // the day of 1 March stays open: the wastewater input has not passed it yet
        assertThat(p.enterpriseTotals.readValuesToList()).filteredOn(t -> t.getWindow() == WindowKind.DAY)
                .filteredOn(t -> t.getWindowStart().equals(local("2023-03-01T00:00")))
                .allSatisfy(t -> assertThat(t.getClosed()).isFalse())
                // 100 m3 x 50 mg/L x 1e-3 = 5 kg COD
                .anySatisfy(t -> assertThat(t.getTotals().getCodMg()).isEqualTo(5_000_000L));
    }

    @Test
    void shouldDropAResentEventAndCountIt() {
        var reading = electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build();
        p.meter("E1", reading);
        p.meter("E1", reading);

        assertThat(p.ledger.readValuesToList()).hasSize(3);
        assertThat(p.deadLetters.isEmpty()).isTrue();
        assertThat(p.metrics.counter("parkwatch.input.duplicates", "input", "meter").count()).isEqualTo(1.0);
    }

    @Test
    void shouldDropAResendOnAnInputBackfilledMoreThanTheDedupWindowBehindAnother() {
        p.close();
        p = PipelineFixture.withoutRecordCache();
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
        // the meter topic is read 19 days ahead of the fuel topic, more than the 7-day dedup window: resends are
        // recognised by the ledger index, for its whole retention whichever input runs ahead
        p.meter("E1", electricity("m-1", "E1", "2023-03-20T10:00", "2023-03-20T11:00", 1000, "kWh").build());
        FuelConsumption coal = FuelConsumption.newBuilder().setEventId("f-1").setEnterpriseId("E1").setUnitId("B1")
                .setFuel(FuelType.RAW_COAL).setQuantity(1).setUnit("t")
                .setIntervalStart(local("2023-03-01T10:00")).setIntervalEnd(local("2023-03-01T11:00")).build();
        p.fuels.pipeInput(new TestRecord<>("E1", coal, PipelineFixture.NOW));
        p.fuels.pipeInput(new TestRecord<>("E1", coal, PipelineFixture.NOW));

        // coal prices into CO2, SO2 and energy entries, once
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).filteredOn("f-1"::equals).hasSize(3);
        assertThat(p.metrics.counter("parkwatch.input.duplicates", "input", "fuel").count()).isEqualTo(1.0);
    }

    @Test
    void shouldStillDropAResendOfAnEventIndexedByStateVersion2() {
        // what state version 2 wrote in the ledger index when it accounted m-1: one EmissionEntry per entry
        EmissionEntry entry = EmissionEntry.newBuilder().setEntryId("m-1:CO2:SCOPE2_LOCATION").setEventId("m-1")
                .setInputTopic("park.meter-readings").setEnterpriseId("E1").setParkId("park-1").setSourceId("M1")
                .setPollutant(Pollutant.CO2).setScope(EmissionScope.SCOPE2_LOCATION)
                .setAmountMg(550_000_000L).setAmount(0.55).setDisplayUnit("t").setActivityQuantity(1000)
                .setActivityUnit("kWh").setIntervalStart(local("2023-03-01T10:00"))
                .setIntervalEnd(local("2023-03-01T11:00")).setFormula("AD x EF").setInputs(Map.of())
                .setFactors(List.of()).build();
        byte[] version2 = new InternalAvroSerde<EmissionEntry>(EmissionEntry.getClassSchema()).serializer()
                .serialize("ledger-entries-changelog", entry);
        org.apache.kafka.streams.state.WindowStore<String, IndexedLedgerEvent> index =
                p.driver.getWindowStore(StoreNames.LEDGER_ENTRIES);
        index.put("E1", new LedgerIndexSerde().deserializer().deserialize("ledger-entries-changelog", version2),
                local("2023-03-01T11:00").toEpochMilli() - 1);

        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());

        assertThat(p.ledger.isEmpty()).isTrue();
        assertThat(p.metrics.counter("parkwatch.input.duplicates", "input", "meter").count()).isEqualTo(1.0);
    }

    @Test
    void shouldCountAnActivityInTheLocalDayOfItsLastMillisecond() {
        // 23:00-24:00 local on 1 March belongs to 1 March; 00:00-01:00 on 2 March to 2 March (Shanghai, UTC+8).
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T23:00", "2023-03-02T00:00", 1000, "kWh").build());
        p.meter("E1", electricity("m-2", "E1", "2023-03-02T00:00", "2023-03-02T01:00", 2000, "kWh").build());
        p.publishTotals();

        Map<String, Long> dayLocation = latestByKey(p.enterpriseTotals.readRecordsToList().stream()
                .map(TestRecord::getValue).filter(t -> t.getWindow() == WindowKind.DAY).toList()).values().stream()
                .collect(Collectors.toMap(t -> t.getWindowStart().toString(), t -> t.getTotals().getCo2Scope2LocationMg()));
        assertThat(dayLocation).containsExactlyInAnyOrderEntriesOf(Map.of(
                "2023-02-28T16:00:00Z", 550_000_000L,     // local day 1 March: 1 MWh x 0.55
                "2023-03-01T16:00:00Z", 1_100_000_000L)); // local day 2 March: 2 MWh x 0.55
    }

    @Test
    void shouldSumTheEnterprisesOfAParkIntoItsTotals() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.meter("E2", electricity("m-2", "E2", "2023-03-01T10:00", "2023-03-01T11:00", 3000, "kWh").build());
        p.publishTotals();

        EmissionTotals parkHour = latestByKey(p.parkTotals.readValuesToList()).values().stream()
                .filter(t -> t.getWindow() == WindowKind.HOUR).findFirst().orElseThrow();
        assertThat(parkHour.getSubjectId()).isEqualTo("park-1");
        // (1 + 3) MWh x 0.55 = 2.2 t; (1 000 + 3 000) kWh x 0.1229 = 491.6 kgce
        assertThat(parkHour.getTotals().getCo2Scope2LocationMg()).isEqualTo(2_200_000_000L);
        assertThat(parkHour.getTotals().getEnergyMgce()).isEqualTo(491_600_000L);
        assertThat(parkHour.getTotals().getEntryCount()).isEqualTo(6);
        assertThat(parkHour.getFactorVersions()).containsExactly("grid.location.EAST@2022-12-31T16:00:00.000Z",
                "grid.market.residual@2021-12-31T16:00:00.000Z", "tce.electricity@2021-12-31T16:00:00.000Z");
    }

    @Test
    void shouldPublishAFinalRecordOnceTheWatermarkPassesTheWindowEndPlusGrace() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.publishTotals();
        p.enterpriseTotals.readValuesToList();
        // watermark moves to 13:00:59.999 local, past 11:00 + 2 h grace: the 10:00 hour closes
        p.meter("E1", electricity("m-2", "E1", "2023-03-01T13:00", "2023-03-01T13:01", 10, "kWh").build());
        p.publishTotals();

        List<EmissionTotals> hours = p.enterpriseTotals.readValuesToList().stream()
                .filter(t -> t.getWindow() == WindowKind.HOUR).toList();
        assertThat(hours).filteredOn(EmissionTotals::getClosed).singleElement().satisfies(t -> {
            assertThat(t.getWindowStart()).isEqualTo(local("2023-03-01T10:00"));
            assertThat(t.getTotals().getCo2Scope2LocationMg()).isEqualTo(550_000_000L);
        });
    }

    private static Map<String, EmissionTotals> latestByKey(List<EmissionTotals> records) {
        Map<String, EmissionTotals> latest = new java.util.LinkedHashMap<>();
        for (EmissionTotals t : records) {
            latest.put(t.getSubjectType() + ":" + t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart(), t);
        }
        return latest;
    }
}
