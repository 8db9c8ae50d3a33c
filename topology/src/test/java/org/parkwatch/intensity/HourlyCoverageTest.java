package org.parkwatch.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.parkwatch.intensity.IavScheduleTest.local;
import static org.parkwatch.intensity.IavScheduleTest.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

class HourlyCoverageTest {

    private static final WindowCalendar CALENDAR = new WindowCalendar(ZoneId.of("Asia/Shanghai"));
    private static final WindowSpan DAY = CALENDAR.windowOf(WindowKind.DAY, local("2024-06-10T08:00"));

    @Test
    void shouldCountElapsedHoursUpToAndIncludingTheHourOfTheCurrentEventTime() {
        assertThat(HourlyCoverage.elapsedEnd(DAY, local("2024-06-10T18:20"))).isEqualTo(local("2024-06-10T19:00"));
        assertThat(HourlyCoverage.elapsedEnd(DAY, local("2024-06-10T00:00"))).isEqualTo(local("2024-06-10T01:00"));
        assertThat(HourlyCoverage.elapsedEnd(DAY, local("2024-06-10T23:59"))).isEqualTo(local("2024-06-11T00:00"));
        // capped at the window end, and nothing elapsed before the window
        assertThat(HourlyCoverage.elapsedEnd(DAY, local("2024-06-12T05:00"))).isEqualTo(DAY.end());
        assertThat(HourlyCoverage.elapsedEnd(DAY, local("2024-06-09T22:00"))).isEqualTo(DAY.start());
    }

    @Test
    void shouldCoverTwelveHoursOfADayWhoseReportEndsAtNoon() {
        // 00:00-12:00 local, 60 x 10^4 RMB = 5 per hour; event at 18:20 -> hours 00..18 elapsed = 19
        IavSchedule s = IavSchedule.empty().add(report("r", "2024-06-10T00:00", "2024-06-10T12:00", 60,
                "2024-06-11T00:00"));

        HourlyCoverage c = HourlyCoverage.ofElapsed(s, DAY, local("2024-06-10T18:20"));

        assertThat(c.elapsedHours()).isEqualTo(19);
        assertThat(c.coveredHours()).isEqualTo(12);
        assertThat(c.iav()).isCloseTo(60.0, within(1e-9));
        assertThat(c.covers(local("2024-06-10T11:00"))).isTrue();
        assertThat(c.covers(local("2024-06-10T12:00"))).isFalse();
        assertThat(c.spans()).containsExactly(
                new CoveredSpan(local("2024-06-10T00:00"), local("2024-06-10T12:00"), "r", 5.0));
        assertThat(c.reportIds()).containsExactly("r");
    }

    @Test
    void shouldNotCountReportHoursBeyondTheElapsedOnes() {
        // the whole of June covered, but only 3 hours of the day elapsed: 3 x 10 = 30
        IavSchedule s = IavSchedule.empty().add(report("june", "2024-06-01T00:00", "2024-07-01T00:00", 7200,
                "2024-07-05T00:00"));

        HourlyCoverage c = HourlyCoverage.ofElapsed(s, DAY, local("2024-06-10T02:10"));

        assertThat(c.elapsedHours()).isEqualTo(3);
        assertThat(c.coveredHours()).isEqualTo(3);
        assertThat(c.iav()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void shouldSumYearToDateCoverageFromMonthlyReports() {
        // Jan 2024: 744 h, 744 -> 1 per hour; Feb 2024 (leap): 696 h, 1392 -> 2 per hour; March not reported yet.
        IavSchedule s = IavSchedule.empty()
                .add(report("jan", "2024-01-01T00:00", "2024-02-01T00:00", 744, "2024-02-10T00:00"))
                .add(report("feb", "2024-02-01T00:00", "2024-03-01T00:00", 1392, "2024-03-10T00:00"));
        WindowSpan year = CALENDAR.windowOf(WindowKind.YEAR, local("2024-03-15T10:40"));

        HourlyCoverage c = HourlyCoverage.ofElapsed(s, year, local("2024-03-15T10:40"));

        // elapsed: (31 + 29 + 14) days x 24 + 11 hours of 15 March = 1787
        assertThat(c.elapsedHours()).isEqualTo(1787);
        assertThat(c.coveredHours()).isEqualTo(744 + 696);
        assertThat(c.iav()).isCloseTo(744 + 1392, within(1e-9));
        assertThat(c.spans()).hasSize(2);
        assertThat(c.covers(local("2024-02-29T23:00"))).isTrue();
        assertThat(c.covers(local("2024-03-01T00:00"))).isFalse();
    }

    @Test
    void shouldSumOnlyTheEmissionsOfCoveredHours() {
        IavSchedule s = IavSchedule.empty().add(report("r", "2024-06-10T00:00", "2024-06-10T02:00", 10,
                "2024-06-11T00:00"));
        Amounts hour = new Amounts(1_000, 0, 0, 0, 7, 0, 0, 1, 0);
        Map<Instant, Amounts> hourly = new LinkedHashMap<>();
        for (int h = 0; h < 4; h++) {
            hourly.put(DAY.start().plus(Duration.ofHours(h)), hour);
        }

        CoveredFigures f = HourlyCoverage.ofElapsed(s, DAY, local("2024-06-10T03:30")).figures(hourly);

        // hours 00 and 01 covered out of 4 elapsed; 2 x 1000 mg CO2, 2 x 7 mg COD, IAV 10
        assertThat(f).isEqualTo(new CoveredFigures(new Amounts(2_000, 0, 0, 0, 14, 0, 0, 2, 0), 10.0, 2, 4,
                java.util.List.of("r")));
    }

    @Test
    void shouldCoverNothingWithoutReports() {
        HourlyCoverage c = HourlyCoverage.ofElapsed(IavSchedule.empty(), DAY, local("2024-06-10T05:00"));

        assertThat(c.elapsedHours()).isEqualTo(6);
        assertThat(c.coveredHours()).isZero();
        assertThat(c.iav()).isZero();
        assertThat(c.reportIds()).isEmpty();
    }
}
