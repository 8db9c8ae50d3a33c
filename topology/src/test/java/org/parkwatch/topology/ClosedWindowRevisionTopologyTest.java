package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.parkwatch.topology.PipelineFixture.electricity;
import static org.parkwatch.topology.PipelineFixture.local;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.IntensityStatus;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.ingest.PlausibilityBounds;

/**
 * A window published as final takes activity that arrives after it closed (an input resuming after an outage, a
 * lagging partition) as a revision: the final figure moves by exactly that activity and keeps everything it held,
 * and its intensity stays the quotient of the same covered hours. Values worked out by hand: electricity at
 * 0.55 tCO2/MWh (EAST 2023), raw coal at NCV 20.908 GJ/t x 0.02637 tC/GJ x 0.94 x 44/12, COD as m3 x mg/L x 1e-3 kg.
 */
class ClosedWindowRevisionTopologyTest {

    /** 10 t of raw coal: 10 x 20.908 x 0.02637 x 0.94 x 44/12 t = 19.002988488 t CO2 (scope 1). */
    private static final long COAL_10T_CO2_MG = 19_002_988_488L;
    /** 1 000 kWh x 0.55 tCO2/MWh = 0.55 t (scope 2, location). */
    private static final long MWH_CO2_MG = 550_000_000L;

    private static Map<String, EmissionTotals> last(List<EmissionTotals> published) {
        Map<String, EmissionTotals> last = new LinkedHashMap<>();
        published.forEach(t -> last.put(t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart(), t));
        return last;
    }

    private static Map<String, IntensitySnapshot> lastIntensity(List<IntensitySnapshot> published) {
        Map<String, IntensitySnapshot> last = new LinkedHashMap<>();
        published.forEach(s -> last.put(s.getSubjectId() + ":" + s.getWindow() + ":" + s.getWindowStart(), s));
        return last;
    }

    @Test
    void shouldKeepTheCoveredEmissionsOfAParkDayRevisedAfterItClosed() {
        try (PipelineFixture p = new PipelineFixture()) {
            p.standardFactors();
            p.enterprise("E1", "park-1", GridRegion.EAST);
            p.enterprise("E2", "park-1", GridRegion.EAST);
            Instant reported = Instant.parse("2023-03-03T00:00:00Z");
            // 24 (10^4 RMB) per local day for each enterprise: 1 per hour
            for (String e : List.of("E1", "E2")) {
                p.iav("iav-" + e + "-1", e, "2023-03-01T00:00", "2023-03-02T00:00", 24, reported);
                p.iav("iav-" + e + "-2", e, "2023-03-02T00:00", "2023-03-03T00:00", 24, reported);
            }
            p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
            // the meter input moves past 1 March's end plus the 2 h grace: the day closes at both levels
            p.meter("E1", electricity("m-2", "E1", "2023-03-02T03:00", "2023-03-02T04:00", 1000, "kWh").build());
            p.publishTotals();
            String parkDay = "park-1:DAY:" + local("2023-03-01T00:00");
            assertThat(last(p.parkTotals.readValuesToList()).get(parkDay).getClosed()).isTrue();

            // E2's fuel for 1 March comes on a topic of its own, not late for it, after the day closed
            p.fuels.pipeInput(new TestRecord<>("E2", FuelConsumption.newBuilder().setEventId("f-1")
                    .setEnterpriseId("E2").setUnitId("B1").setFuel(FuelType.RAW_COAL).setQuantity(10).setUnit("t")
                    .setIntervalStart(local("2023-03-01T11:00")).setIntervalEnd(local("2023-03-01T12:00")).build(),
                    PipelineFixture.NOW));
            p.publishTotals();

            EmissionTotals day = last(p.parkTotals.readValuesToList()).get(parkDay);
            assertThat(day.getClosed()).isTrue();
            assertThat(day.getTotals().getCo2Scope1Mg()).isEqualTo(COAL_10T_CO2_MG);
            assertThat(day.getTotals().getCo2Scope2LocationMg()).isEqualTo(MWH_CO2_MG);

            IntensitySnapshot intensity = lastIntensity(p.parkIntensity.readValuesToList()).get(parkDay);
            // every hour of both enterprises covered: IAV 48, every emission covered
            assertThat(intensity.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
            assertThat(intensity.getAddedValue()).isCloseTo(48.0, within(1e-9));
            assertThat(intensity.getCoveredTotals()).isEqualTo(day.getTotals());
            // (19.002988488 + 0.55) t / 48 = 0.40735392683 t per 10^4 RMB
            assertThat(intensity.getCo2LocationTPer10kRmb()).isCloseTo(19.552988488 / 48, within(1e-12));

            // the enterprise's own day, published final for the first time by the revision
            String enterpriseDay = "E2:DAY:" + local("2023-03-01T00:00");
            IntensitySnapshot e2 = lastIntensity(p.enterpriseIntensity.readValuesToList()).get(enterpriseDay);
            assertThat(e2.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
            assertThat(e2.getCo2LocationTPer10kRmb()).isCloseTo(19.002988488 / 24, within(1e-12));
            assertThat(last(p.enterpriseTotals.readValuesToList()).get(enterpriseDay).getClosed()).isTrue();
        }
    }

    @Test
    void shouldNeverReopenAClosedWindowWhenAnIdleInputResumesBehindTheOthers() {
        AccountingSettings settings = new AccountingSettings(PipelineFixture.SHANGHAI, Duration.ofHours(2),
                Duration.ofDays(7), Duration.ofMillis(200), Duration.ofSeconds(5), PlausibilityBounds.defaults(),
                Duration.ofDays(400));
        try (PipelineFixture p = new PipelineFixture(settings)) {
            p.standardFactors();
            p.enterprise("E1", "park-1", GridRegion.EAST);
            sample(p, "w-0", "2023-03-01T09:00", 10);
            for (int h = 9; h <= 14; h++) {
                String start = String.format("2023-03-01T%02d:00", h);
                String end = String.format("2023-03-01T%02d:00", h + 1);
                p.meter("E1", electricity("m-" + h, "E1", start, end, 1000, "kWh").build());
            }
            p.publishTotals();
            // the wastewater relay is silent past the idle timeout: meters alone close 10:00-11:00 (11:00 + 2 h)
            p.driver.advanceWallClockTime(Duration.ofSeconds(6));
            String hour10 = "E1:HOUR:" + local("2023-03-01T10:00");
            assertThat(last(p.enterpriseTotals.readValuesToList()).get(hour10).getClosed()).isTrue();

            // the relay resumes: two outlets' samples of 10:00-11:00, 1.5 s apart
            sample(p, "w-W1", "2023-03-01T10:00", 100);
            p.driver.advanceWallClockTime(Duration.ofMillis(1500));
            sample(p, "w-W2", "2023-03-01T10:00", 200);
            p.driver.advanceWallClockTime(Duration.ofSeconds(1));
            // and moves on, with the meters, far enough for every window of the morning to close again
            sample(p, "w-late", "2023-03-01T16:00", 10);
            p.meter("E1", electricity("m-16", "E1", "2023-03-01T16:00", "2023-03-01T17:00", 1000, "kWh").build());
            p.driver.advanceWallClockTime(Duration.ofSeconds(1));

            List<EmissionTotals> published = p.enterpriseTotals.readValuesToList();
            assertThat(published.stream().filter(t -> hour10.equals(t.getSubjectId() + ":" + t.getWindow() + ":"
                    + t.getWindowStart()))).as("never published open again once final").allSatisfy(
                            t -> assertThat(t.getClosed()).isTrue()).isNotEmpty();
            EmissionTotals hour = last(published).get(hour10);
            // meter 0.55 t CO2; COD (100 + 200) m3 x 50 mg/L x 1e-3 = 15 kg
            assertThat(hour.getTotals().getCo2Scope2LocationMg()).isEqualTo(MWH_CO2_MG);
            assertThat(hour.getTotals().getCodMg()).isEqualTo(15_000_000L);
            EmissionTotals parkHour = last(p.parkTotals.readValuesToList()).get("park-1:HOUR:" + local("2023-03-01T10:00"));
            assertThat(parkHour.getTotals()).isEqualTo(hour.getTotals());
        }
    }

    private static void sample(PipelineFixture p, String id, String localStart, double m3) {
        Instant start = local(localStart);
        p.wastewater.pipeInput(new TestRecord<>("E1", WastewaterSample.newBuilder().setEventId(id)
                .setEnterpriseId("E1").setOutletId("W1").setVolumeM3(m3).setCodMgPerL(50.0)
                .setAmmoniaNitrogenMgPerL(5.0).setIntervalStart(start).setIntervalEnd(start.plus(Duration.ofHours(1)))
                .build(), PipelineFixture.NOW));
    }

    @SuppressWarnings("unused")
    private static final WindowKind HOUR = WindowKind.HOUR;
}
