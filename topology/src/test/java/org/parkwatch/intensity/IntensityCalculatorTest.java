package org.parkwatch.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.parkwatch.intensity.IavScheduleTest.local;
import static org.parkwatch.intensity.IavScheduleTest.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

class IntensityCalculatorTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final WindowSpan DAY =
            new WindowCalendar(ZoneId.of("Asia/Shanghai")).windowOf(WindowKind.DAY, local("2024-06-10T08:00"));

    /**
     * One hour of E1: scope 1 CO2 5 t, scope 2 location 2 t, scope 2 market 1.5 t, SO2 2.5 kg, COD 5 kg, NH3-N
     * 0.5 kg, energy 4 tce (1 t = 1e9 mg, 1 kg = 1e6 mg, 1 tce = 1e9 mgce).
     */
    private static final Amounts E1_HOUR =
            new Amounts(5_000_000_000L, 2_000_000_000L, 1_500_000_000L, 2_500_000L, 5_000_000L, 500_000L,
                    4_000_000_000L, 3, 0);

    // June 2024: 7200 over 720 h = 10 per hour
    private static final IavReport JUNE = report("r-june", "2024-06-01T00:00", "2024-07-01T00:00", 7200,
            "2024-07-05T09:00");

    private static Map<Instant, Amounts> hourly(Amounts each, int hours) {
        Map<Instant, Amounts> m = new TreeMap<>();
        for (int h = 0; h < hours; h++) {
            m.put(DAY.start().plus(Duration.ofHours(h)), each);
        }
        return m;
    }

    private static Amounts sum(Map<Instant, Amounts> hourly) {
        return hourly.values().stream().reduce(Amounts.ZERO, Amounts::plus);
    }

    private static Intensity intensityOf(IavSchedule s, Map<Instant, Amounts> hourly, Instant now) {
        CoveredFigures covered = HourlyCoverage.ofElapsed(s, DAY, now).figures(hourly);
        return IntensityCalculator.of(sum(hourly), covered);
    }

    @Test
    void shouldDivideAWholeDayByTheIavOfTheWholeDay() {
        Map<Instant, Amounts> day = hourly(E1_HOUR, 24);

        Intensity i = intensityOf(IavSchedule.empty().add(JUNE), day, local("2024-06-10T23:30"));

        // 24 h: CO2 scope 1 120 t, scope 2 loc 48 t, market 36 t, SO2 60 kg, COD 120 kg, NH3-N 12 kg, 96 tce;
        // IAV 24 x 10 = 240
        assertThat(i.status()).isEqualTo(Intensity.Status.AVAILABLE);
        assertThat(i.covered().coveredIav()).isCloseTo(240.0, within(1e-9));
        assertThat(i.co2LocationTPer10kRmb().getAsDouble()).isCloseTo(168.0 / 240, EXACT);  // 0.7
        assertThat(i.co2MarketTPer10kRmb().getAsDouble()).isCloseTo(156.0 / 240, EXACT);    // 0.65
        assertThat(i.so2KgPer10kRmb().getAsDouble()).isCloseTo(0.25, EXACT);
        assertThat(i.codKgPer10kRmb().getAsDouble()).isCloseTo(0.5, EXACT);
        assertThat(i.nh3nKgPer10kRmb().getAsDouble()).isCloseTo(0.05, EXACT);
        assertThat(i.energyTcePer10kRmb().getAsDouble()).isCloseTo(0.4, EXACT);
        assertThat(i.co2TPerTce().getAsDouble()).isCloseTo(168.0 / 96, EXACT);              // 1.75
        assertThat(i.totals()).isEqualTo(sum(day));
        assertThat(i.covered().iavReportIds()).containsExactly("r-june");
    }

    @Test
    void shouldDivideOnlyTheCoveredHoursOfAPartlyCoveredDay() {
        // IAV until 12:00 local: 60 over 12 h; event at 18:20: 19 elapsed hours, 12 covered
        IavSchedule s = IavSchedule.empty().add(report("r-am", "2024-06-10T00:00", "2024-06-10T12:00", 60,
                "2024-06-11T00:00"));
        Map<Instant, Amounts> soFar = hourly(E1_HOUR, 19);

        Intensity i = intensityOf(s, soFar, local("2024-06-10T18:20"));

        // numerator: 12 covered hours only: CO2 loc 12 x 7 = 84 t, COD 12 x 5 = 60 kg, energy 48 tce
        assertThat(i.status()).isEqualTo(Intensity.Status.PARTIAL);
        assertThat(i.covered().coveredHours()).isEqualTo(12);
        assertThat(i.covered().elapsedHours()).isEqualTo(19);
        assertThat(i.covered().coveredEmissions().codMg()).isEqualTo(60_000_000L);
        assertThat(i.co2LocationTPer10kRmb().getAsDouble()).isCloseTo(84.0 / 60, EXACT);   // 1.4
        assertThat(i.codKgPer10kRmb().getAsDouble()).isCloseTo(1.0, EXACT);
        assertThat(i.energyTcePer10kRmb().getAsDouble()).isCloseTo(0.8, EXACT);
        // totals hold all 19 hours: COD 95 kg
        assertThat(i.totals().codMg()).isEqualTo(95_000_000L);
        assertThat(i.co2TPerTce().getAsDouble()).isCloseTo(133.0 / 76, EXACT);             // 1.75
    }

    @Test
    void shouldUseTheRevisedIav() {
        // revision of June, reported later: 5760 over 720 h = 8 per hour; the day's IAV 192
        IavReport revision = report("r-june-rev", "2024-06-01T00:00", "2024-07-01T00:00", 5760,
                "2024-07-20T09:00");

        Intensity i = intensityOf(IavSchedule.empty().add(JUNE).add(revision), hourly(E1_HOUR, 24),
                local("2024-06-10T23:30"));

        assertThat(i.covered().coveredIav()).isCloseTo(192.0, within(1e-9));
        assertThat(i.codKgPer10kRmb().getAsDouble()).isCloseTo(120.0 / 192, EXACT);          // 0.625
        assertThat(i.co2LocationTPer10kRmb().getAsDouble()).isCloseTo(168.0 / 192, EXACT);   // 0.875
        assertThat(i.covered().iavReportIds()).containsExactly("r-june-rev");
    }

    @Test
    void shouldBePendingWithoutAnyValueWhenNoIavCoversTheWindow() {
        // a report of the next day does not cover this one
        IavSchedule s = IavSchedule.empty().add(report("r-next", "2024-06-11T00:00", "2024-06-12T00:00", 50,
                "2024-06-12T00:00"));
        Map<Instant, Amounts> day = hourly(E1_HOUR, 24);

        Intensity i = intensityOf(s, day, local("2024-06-10T23:30"));

        assertThat(i.status()).isEqualTo(Intensity.Status.PENDING);
        assertThat(i.co2LocationTPer10kRmb()).isEmpty();
        assertThat(i.co2MarketTPer10kRmb()).isEmpty();
        assertThat(i.so2KgPer10kRmb()).isEmpty();
        assertThat(i.codKgPer10kRmb()).isEmpty();
        assertThat(i.nh3nKgPer10kRmb()).isEmpty();
        assertThat(i.energyTcePer10kRmb()).isEmpty();
        assertThat(i.totals()).isEqualTo(sum(day));
        assertThat(i.covered().coveredEmissions()).isEqualTo(Amounts.ZERO);
        assertThat(i.covered().iavReportIds()).isEmpty();
    }

    @Test
    void shouldBePendingWhenTheCoveredIavIsZero() {
        IavSchedule s = IavSchedule.empty().add(report("r-zero", "2024-06-10T00:00", "2024-06-11T00:00", 0,
                "2024-06-11T00:00"));

        Intensity i = intensityOf(s, hourly(E1_HOUR, 24), local("2024-06-10T23:30"));

        assertThat(i.covered().coveredHours()).isEqualTo(24);
        assertThat(i.status()).isEqualTo(Intensity.Status.PENDING);
        assertThat(i.codKgPer10kRmb()).isEmpty();
    }

    @Test
    void shouldDivideAParkByTheIavOfItsCoveredEnterprisesOnly() {
        // E1 covered all day (IAV 240); E2 has emissions but no IAV: COD 30 kg, CO2 scope 1 72 t, 24 tce
        CoveredFigures e1 = HourlyCoverage.ofElapsed(IavSchedule.empty().add(JUNE), DAY, local("2024-06-10T23:30"))
                .figures(hourly(E1_HOUR, 24));
        CoveredFigures e2 = CoveredFigures.uncovered(24);
        Amounts e2Day = new Amounts(72_000_000_000L, 0, 0, 0, 30_000_000L, 0, 24_000_000_000L, 10, 0);
        Amounts parkTotals = sum(hourly(E1_HOUR, 24)).plus(e2Day);

        Intensity park = IntensityCalculator.of(parkTotals, e1.plus(e2));

        // covered 24 of 48 enterprise-hours; COD 120 kg / 240 (E2's 30 kg left out); CO2/tce over both:
        // (168 + 72) t / (96 + 24) tce = 2.0
        assertThat(park.status()).isEqualTo(Intensity.Status.PARTIAL);
        assertThat(park.covered().coveredHours()).isEqualTo(24);
        assertThat(park.covered().elapsedHours()).isEqualTo(48);
        assertThat(park.codKgPer10kRmb().getAsDouble()).isCloseTo(0.5, EXACT);
        assertThat(park.co2LocationTPer10kRmb().getAsDouble()).isCloseTo(0.7, EXACT);
        assertThat(park.totals().codMg()).isEqualTo(150_000_000L);
        assertThat(park.co2TPerTce().getAsDouble()).isCloseTo(2.0, EXACT);
    }

    @Test
    void shouldMakeAParkAvailableWhenEveryEnterpriseIsCovered() {
        // E2: 48 over its day = 2 per hour; park IAV 240 + 48 = 288, COD 120 + 24 x 1 kg = 144 kg -> 0.5
        IavReport e2Report = new IavReport("r-e2", "E2", local("2024-06-10T00:00"), local("2024-06-11T00:00"), 48,
                local("2024-06-11T00:00"));
        Amounts e2Hour = new Amounts(0, 0, 0, 0, 1_000_000L, 0, 0, 1, 0);
        Instant now = local("2024-06-10T23:30");
        CoveredFigures e1 = HourlyCoverage.ofElapsed(IavSchedule.empty().add(JUNE), DAY, now)
                .figures(hourly(E1_HOUR, 24));
        CoveredFigures e2 = HourlyCoverage.ofElapsed(IavSchedule.empty().add(e2Report), DAY, now)
                .figures(hourly(e2Hour, 24));

        Intensity park = IntensityCalculator.of(sum(hourly(E1_HOUR, 24)).plus(sum(hourly(e2Hour, 24))),
                e1.plus(e2));

        assertThat(park.status()).isEqualTo(Intensity.Status.AVAILABLE);
        assertThat(park.covered().coveredIav()).isCloseTo(288.0, within(1e-9));
        assertThat(park.codKgPer10kRmb().getAsDouble()).isCloseTo(0.5, EXACT);
        assertThat(park.covered().iavReportIds()).containsExactly("r-e2", "r-june");
    }

    @Test
    void shouldGiveCo2PerTceWhateverTheIavStatusAndNoneWithoutEnergy() {
        // 2.5 t scope 1 + 0.5 t scope 2 location = 3.0 t over 1.2 tce = 2.5 t/tce; no IAV at all
        Amounts withEnergy = new Amounts(2_500_000_000L, 500_000_000L, 100_000_000L, 0, 0, 0, 1_200_000_000L, 2, 0);
        Amounts withoutEnergy = new Amounts(2_500_000_000L, 0, 0, 0, 0, 0, 0, 1, 0);

        Intensity pending = IntensityCalculator.of(withEnergy, CoveredFigures.uncovered(5));

        assertThat(pending.status()).isEqualTo(Intensity.Status.PENDING);
        assertThat(pending.co2TPerTce().getAsDouble()).isCloseTo(2.5, EXACT);
        assertThat(IntensityCalculator.of(withoutEnergy, CoveredFigures.uncovered(5)).co2TPerTce()).isEmpty();
    }

    @Test
    void shouldBePendingWithNoElapsedHour() {
        Intensity i = IntensityCalculator.of(Amounts.ZERO, CoveredFigures.NONE);

        assertThat(i.status()).isEqualTo(Intensity.Status.PENDING);
        assertThat(i.covered().iavReportIds()).isEqualTo(List.of());
    }
}
