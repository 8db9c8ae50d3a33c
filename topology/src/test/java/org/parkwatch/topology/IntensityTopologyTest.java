package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.parkwatch.topology.PipelineFixture.electricity;
import static org.parkwatch.topology.PipelineFixture.local;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.IntensityStatus;
import org.parkwatch.avro.WindowKind;

/**
 * Intensities per unit of industrial added value, against values worked out by hand. The readings price CO2 at
 * 0.55 t/MWh (location) and energy at 0.1229 kgce/kWh, so 1 000 kWh = 0.55 tCO2 and 0.1229 tce.
 */
class IntensityTopologyTest {

    private static final Instant REPORTED = Instant.parse("2023-04-01T00:00:00Z");
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

    private void reading(String id, String enterprise, String localStart, String localEnd) {
        p.meter(enterprise, electricity(id, enterprise, localStart, localEnd, 1000, "kWh").build());
    }

    private Map<String, IntensitySnapshot> latest(List<IntensitySnapshot> snapshots) {
        Map<String, IntensitySnapshot> latest = new LinkedHashMap<>();
        snapshots.forEach(s -> latest.put(s.getSubjectId() + ":" + s.getWindow() + ":" + s.getWindowStart(), s));
        return latest;
    }

    private IntensitySnapshot enterprise(String id, WindowKind window, String localStart) {
        return latest(p.enterpriseIntensity.readValuesToList()).get(id + ":" + window + ":" + local(localStart));
    }

    @Test
    void shouldDivideAFullyCoveredWindowByTheIavOfItsElapsedHours() {
        // 24 (10^4 RMB) over the local day of 1 March: 1 per hour
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, REPORTED);
        reading("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00");
        p.publishTotals();

        Map<String, IntensitySnapshot> all = latest(p.enterpriseIntensity.readValuesToList());
        IntensitySnapshot hour = all.get("E1:HOUR:" + local("2023-03-01T10:00"));
        // hour 10:00: 0.55 t / (1 h x 1) = 0.55 tCO2 per 10^4 RMB; 0.1229 tce / 1 = 0.1229
        assertThat(hour.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
        assertThat(hour.getAddedValue()).isCloseTo(1.0, within(1e-9));
        assertThat(hour.getCo2LocationTPer10kRmb()).isCloseTo(0.55, within(1e-9));
        assertThat(hour.getEnergyTcePer10kRmb()).isCloseTo(0.1229, within(1e-9));
        // day so far: hours 00:00-10:59 elapsed, all covered: IAV 11, 0.55 t / 11 = 0.05
        IntensitySnapshot day = all.get("E1:DAY:" + local("2023-03-01T00:00"));
        assertThat(day.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
        assertThat(day.getAddedValue()).isCloseTo(11.0, within(1e-9));
        assertThat(day.getCo2LocationTPer10kRmb()).isCloseTo(0.05, within(1e-9));
        assertThat(day.getIavReportIds()).containsExactly("iav-1");
    }

    @Test
    void shouldDivideOnlyTheCoveredPartOfAPartlyCoveredDay() {
        // the report covers 00:00-12:00 only: 12 over 12 hours, 1 per hour
        p.iav("iav-am", "E1", "2023-03-01T00:00", "2023-03-01T12:00", 12, REPORTED);
        reading("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00");
        reading("m-2", "E1", "2023-03-01T13:00", "2023-03-01T14:00");
        p.publishTotals();

        IntensitySnapshot day = enterprise("E1", WindowKind.DAY, "2023-03-01T00:00");
        // elapsed 00:00-13:59 (14 hours), covered 00:00-11:59 (12 hours): IAV 12;
        // numerator only the 10:00 reading (0.55 t): 0.55 / 12 = 0.0458333...; the 13:00 reading is in no covered hour
        assertThat(day.getStatus()).isEqualTo(IntensityStatus.PARTIAL);
        assertThat(day.getAddedValue()).isCloseTo(12.0, within(1e-9));
        assertThat(day.getCo2LocationTPer10kRmb()).isCloseTo(0.55 / 12, within(1e-9));
        assertThat(day.getTotals().getCo2Scope2LocationMg()).isEqualTo(1_100_000_000L);
        assertThat(day.getCoveredTotals().getCo2Scope2LocationMg()).isEqualTo(550_000_000L);
        assertThat(day.getCoveredMillis()).isEqualTo(12 * 3_600_000L);
    }

    @Test
    void shouldUseTheRevisedIavWhenALaterReportRevisesTheSamePeriod() {
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, REPORTED);
        p.iav("iav-1b", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 48, REPORTED.plusSeconds(86_400));
        reading("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00");
        p.publishTotals();

        // revised: 48 over 24 hours = 2 per hour; 0.55 t / 2 = 0.275
        IntensitySnapshot hour = enterprise("E1", WindowKind.HOUR, "2023-03-01T10:00");
        assertThat(hour.getCo2LocationTPer10kRmb()).isCloseTo(0.275, within(1e-9));
        assertThat(hour.getIavReportIds()).containsExactly("iav-1b");
    }

    @Test
    void shouldPublishPendingWithoutAnyIntensityWhereNoIavCoversTheWindow() {
        reading("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00");
        p.publishTotals();

        IntensitySnapshot hour = enterprise("E1", WindowKind.HOUR, "2023-03-01T10:00");
        assertThat(hour.getStatus()).isEqualTo(IntensityStatus.PENDING);
        assertThat(hour.getAddedValue()).isNull();
        assertThat(hour.getCo2LocationTPer10kRmb()).isNull();
        assertThat(hour.getEnergyTcePer10kRmb()).isNull();
        assertThat(hour.getTotals().getCo2Scope2LocationMg()).isEqualTo(550_000_000L);
        // CO2 per tce needs no IAV: 0.55 t / 0.1229 tce
        assertThat(hour.getCo2TPerTce()).isCloseTo(0.55 / 0.1229, within(1e-9));
    }

    @Test
    void shouldRecomputeTheNumeratorWhenTheReportArrivesAfterTheActivity() {
        reading("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00");
        p.publishTotals();
        p.enterpriseIntensity.readValuesToList();
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, REPORTED);
        p.publishTotals();

        IntensitySnapshot hour = enterprise("E1", WindowKind.HOUR, "2023-03-01T10:00");
        assertThat(hour.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
        assertThat(hour.getCo2LocationTPer10kRmb()).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void shouldSumCoveredEmissionsAndIavOfTheParksEnterprises() {
        p.iav("iav-e1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, REPORTED);
        reading("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00");
        reading("m-2", "E2", "2023-03-01T10:00", "2023-03-01T11:00");
        p.publishTotals();

        IntensitySnapshot parkHour = latest(p.parkIntensity.readValuesToList())
                .get("park-1:HOUR:" + local("2023-03-01T10:00"));
        // E1: 0.55 t over IAV 1; E2 has no IAV: its 0.55 t stays out of the numerator, and the park is PARTIAL
        assertThat(parkHour.getStatus()).isEqualTo(IntensityStatus.PARTIAL);
        assertThat(parkHour.getAddedValue()).isCloseTo(1.0, within(1e-9));
        assertThat(parkHour.getCo2LocationTPer10kRmb()).isCloseTo(0.55, within(1e-9));
        assertThat(parkHour.getTotals().getCo2Scope2LocationMg()).isEqualTo(1_100_000_000L);
    }

    @Test
    void shouldReviseClosedMonthsOfEnterpriseAndParkWhenTheMonthlyReportComesAfterTheMonth() {
        reading("m-feb", "E1", "2023-02-10T10:00", "2023-02-10T11:00");
        // a reading in March moves every watermark past the end of February plus the grace period
        reading("m-mar", "E1", "2023-03-05T10:00", "2023-03-05T11:00");
        p.publishTotals();
        p.publishTotals();
        p.enterpriseIntensity.readValuesToList();
        p.parkIntensity.readValuesToList();
        // February's report arrives in March: 672 (10^4 RMB) over 28 days x 24 h = 1 per hour
        p.iav("iav-feb", "E1", "2023-02-01T00:00", "2023-03-01T00:00", 672, REPORTED);
        p.publishTotals();

        // February: 0.55 t over 672 h x 1 = 0.55 / 672 tCO2 per 10^4 RMB, every hour covered
        IntensitySnapshot enterpriseFeb = latest(p.enterpriseIntensity.readValuesToList())
                .get("E1:MONTH_TO_DATE:" + local("2023-02-01T00:00"));
        assertThat(enterpriseFeb.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
        assertThat(enterpriseFeb.getCo2LocationTPer10kRmb()).isCloseTo(0.55 / 672, within(1e-12));
        IntensitySnapshot parkFeb = latest(p.parkIntensity.readValuesToList())
                .get("park-1:MONTH_TO_DATE:" + local("2023-02-01T00:00"));
        assertThat(parkFeb.getStatus()).isEqualTo(IntensityStatus.AVAILABLE);
        assertThat(parkFeb.getAddedValue()).isCloseTo(672.0, within(1e-9));
        assertThat(parkFeb.getCo2LocationTPer10kRmb()).isCloseTo(0.55 / 672, within(1e-12));
    }
}
