package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;

/**
 * Totals equal the sum of the ledger entries of their window, to the milligram, whatever the arrival order: the
 * ledger is summed here independently, with windows cut by hand on the Shanghai calendar.
 */
class ReconciliationTopologyTest {

    @Test
    void shouldReconcileEveryWindowTotalWithItsLedgerEntriesExactly() {
        // grace of 6 h covers the 4 h of shuffled arrivals: every event is accepted
        AccountingSettings settings = new AccountingSettings(PipelineFixture.SHANGHAI, java.time.Duration.ofHours(6),
                java.time.Duration.ofDays(7), java.time.Duration.ofMillis(200), java.time.Duration.ofMinutes(5),
                org.parkwatch.ingest.PlausibilityBounds.defaults(), java.time.Duration.ofDays(400));
        try (PipelineFixture p = new PipelineFixture(settings)) {
            p.standardFactors();
            p.enterprise("E1", "park-1", GridRegion.EAST);
            p.enterprise("E2", "park-1", GridRegion.EAST);
            Random random = new Random(42);
            List<Runnable> sends = new ArrayList<>();
            Instant base = PipelineFixture.local("2023-03-01T22:00");
            for (int i = 0; i < 400; i++) {
                String enterprise = random.nextBoolean() ? "E1" : "E2";
                // 15-minute intervals over 4 hours, crossing local midnight
                Instant start = base.plus(15L * random.nextInt(16), ChronoUnit.MINUTES);
                Instant end = start.plus(15, ChronoUnit.MINUTES);
                String id = "ev-" + i;
                switch (random.nextInt(3)) {
                    case 0 -> {
                        MeterReading r = MeterReading.newBuilder().setEventId(id).setEnterpriseId(enterprise).setMeterId("M1")
                                .setCarrier(org.parkwatch.avro.EnergyCarrier.ELECTRICITY).setQuantity(1 + random.nextDouble() * 999)
                                .setUnit("kWh").setIntervalStart(start).setIntervalEnd(end).build();
                        sends.add(() -> p.meters.pipeInput(new TestRecord<>(enterprise, r, PipelineFixture.NOW)));
                    }
                    case 1 -> {
                        FuelConsumption f = FuelConsumption.newBuilder().setEventId(id).setEnterpriseId(enterprise)
                                .setUnitId("B1").setFuel(FuelType.RAW_COAL).setQuantity(random.nextDouble() * 3).setUnit("t")
                                .setSulfurPercent(random.nextBoolean() ? null : 0.5 + random.nextDouble())
                                .setDesulfurizationPercent(random.nextBoolean() ? null : 90.0)
                                .setIntervalStart(start).setIntervalEnd(end).build();
                        sends.add(() -> p.fuels.pipeInput(new TestRecord<>(enterprise, f, PipelineFixture.NOW)));
                    }
                    default -> {
                        boolean fault = random.nextInt(5) == 0;
                        WastewaterSample w = WastewaterSample.newBuilder().setEventId(id).setEnterpriseId(enterprise)
                                .setOutletId("W1").setVolumeM3(random.nextDouble() * 50)
                                .setCodMgPerL(fault ? null : 20 + random.nextDouble() * 200).setCodFlag(fault ? DataFlag.D : DataFlag.N)
                                .setAmmoniaNitrogenMgPerL(5 + random.nextDouble() * 20)
                                .setIntervalStart(start).setIntervalEnd(end).build();
                        sends.add(() -> p.wastewater.pipeInput(new TestRecord<>(enterprise, w, PipelineFixture.NOW)));
                    }
                }
            }
            Collections.shuffle(sends, random);
            sends.forEach(Runnable::run);
            p.publishTotals();

            List<EmissionEntry> ledger = p.ledger.readValuesToList();
            assertThat(p.deadLetters.readValuesToList()).extracting(d -> d.getReason() + ": " + d.getDetail()).isEmpty();
            assertThat(ledger).hasSizeGreaterThan(1000);
            Map<String, long[]> expected = new HashMap<>();
            for (EmissionEntry e : ledger) {
                ZonedDateTime last = e.getIntervalEnd().minusMillis(1).atZone(PipelineFixture.SHANGHAI);
                for (String subject : List.of("ENTERPRISE:" + e.getEnterpriseId(), "PARK:" + e.getParkId())) {
                    add(expected, subject + ":HOUR:" + last.truncatedTo(ChronoUnit.HOURS).toInstant(), e);
                    add(expected, subject + ":DAY:" + last.truncatedTo(ChronoUnit.DAYS).toInstant(), e);
                    add(expected, subject + ":MONTH_TO_DATE:" + last.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant(), e);
                    add(expected, subject + ":YEAR_TO_DATE:" + last.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).toInstant(), e);
                }
            }
            Map<String, long[]> actual = new HashMap<>();
            List<EmissionTotals> published = new ArrayList<>(p.enterpriseTotals.readValuesToList());
            published.addAll(p.parkTotals.readValuesToList());
            for (EmissionTotals t : published) {
                var a = t.getTotals();
                actual.put(t.getSubjectType() + ":" + t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart(),
                        new long[] {a.getCo2Scope1Mg(), a.getCo2Scope2LocationMg(), a.getCo2Scope2MarketMg(), a.getSo2Mg(),
                                a.getCodMg(), a.getNh3nMg(), a.getEnergyMgce(), a.getEntryCount()});
            }
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((key, sums) -> assertThat(actual.get(key)).as(key).containsExactly(sums));
            assertThat(published).extracting(EmissionTotals::getWindow).contains(WindowKind.DAY);
        }
    }

    private static void add(Map<String, long[]> sums, String key, EmissionEntry e) {
        long[] s = sums.computeIfAbsent(key, k -> new long[8]);
        int slot = switch (e.getPollutant()) {
            case CO2 -> switch (e.getScope()) {
                case SCOPE1 -> 0;
                case SCOPE2_LOCATION -> 1;
                default -> 2;
            };
            case SO2 -> 3;
            case COD -> 4;
            case NH3_N -> 5;
            default -> 6;
        };
        s[slot] += e.getAmountMg();
        s[7]++;
    }
}
