package org.parkwatch.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.OutputReport;

class IavScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    static IavReport report(String id, String from, String to, double addedValue, String reportedAt) {
        return new IavReport(id, "E1", local(from), local(to), addedValue, local(reportedAt));
    }

    // June 2024: 30 days = 720 h; 7200 x 10^4 RMB spread over it = 10 per hour
    private static final IavReport JUNE = report("r-june", "2024-06-01T00:00", "2024-07-01T00:00", 7200,
            "2024-07-05T09:00");

    @Test
    void shouldSpreadAddedValueUniformlyOverThePeriod() {
        IavSchedule s = IavSchedule.empty().add(JUNE);

        assertThat(s.covers(local("2024-06-10T13:00"))).isTrue();
        assertThat(s.iavOfHour(local("2024-06-10T13:00"))).isCloseTo(10.0, within(1e-12));
        assertThat(s.iavOfHour(local("2024-06-30T23:00"))).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void shouldCoverOnlyHoursLyingEntirelyInsideThePeriod() {
        // 00:00 to 12:30 is 12.5 h; 62.5 / 12.5 = 5 per hour; the hour 12:00-13:00 sticks out of the period
        IavSchedule s = IavSchedule.empty().add(report("r", "2024-06-10T00:00", "2024-06-10T12:30", 62.5,
                "2024-06-11T00:00"));

        assertThat(s.iavOfHour(local("2024-06-10T11:00"))).isCloseTo(5.0, within(1e-12));
        assertThat(s.covers(local("2024-06-10T12:00"))).isFalse();
        assertThat(s.iavOfHour(local("2024-06-10T12:00"))).isZero();
        assertThat(s.covers(local("2024-06-09T23:00"))).isFalse();
        // an hour not aligned on the period still counts when it lies inside it
        assertThat(s.covers(local("2024-06-10T11:30"))).isTrue();
    }

    @Test
    void shouldLetALaterReportForTheSamePeriodReviseTheEarlierWhateverTheArrivalOrder() {
        // revision: 5760 over 720 h = 8 per hour
        IavReport revision = report("r-june-rev", "2024-06-01T00:00", "2024-07-01T00:00", 5760,
                "2024-07-20T09:00");

        IavSchedule inOrder = IavSchedule.empty().add(JUNE).add(revision);
        IavSchedule reversed = IavSchedule.empty().add(revision).add(JUNE);

        assertThat(inOrder.iavOfHour(local("2024-06-10T13:00"))).isCloseTo(8.0, within(1e-12));
        assertThat(inOrder.reports()).containsExactly(revision);
        assertThat(reversed).isEqualTo(inOrder);
    }

    @Test
    void shouldBreakATieOfReportedAtByEventId() {
        IavReport a = report("a", "2024-06-01T00:00", "2024-07-01T00:00", 7200, "2024-07-05T09:00");
        IavReport b = report("b", "2024-06-01T00:00", "2024-07-01T00:00", 5760, "2024-07-05T09:00");

        assertThat(IavSchedule.of(List.of(b, a)).iavOfHour(local("2024-06-02T00:00"))).isCloseTo(8.0, within(1e-12));
    }

    @Test
    void shouldLetALaterOverlappingReportWinOnlyWhereItCovers() {
        // day report, reported later: 96 over 00:00-12:00 = 8 per hour
        IavReport morning = report("r-morning", "2024-06-10T00:00", "2024-06-10T12:00", 96, "2024-07-10T00:00");
        IavSchedule s = IavSchedule.empty().add(JUNE).add(morning);

        assertThat(s.iavOfHour(local("2024-06-10T11:00"))).isCloseTo(8.0, within(1e-12));
        assertThat(s.iavOfHour(local("2024-06-10T12:00"))).isCloseTo(10.0, within(1e-12));
        assertThat(s.reportIdsCovering(local("2024-06-10T00:00"), local("2024-06-10T12:00")))
                .containsExactly("r-morning");
        assertThat(s.reportIdsCovering(local("2024-06-10T00:00"), local("2024-06-11T00:00")))
                .containsExactly("r-june", "r-morning");
        assertThat(s.reports()).containsExactly(JUNE, morning);
    }

    @Test
    void shouldReplaceAReportResentWithTheSameEventId() {
        IavReport corrected = report("r-june", "2024-06-01T00:00", "2024-07-01T00:00", 3600, "2024-07-05T09:00");

        IavSchedule s = IavSchedule.empty().add(JUNE).add(corrected);

        assertThat(s.reports()).containsExactly(corrected);
        assertThat(IavSchedule.empty().add(JUNE).add(JUNE).reports()).containsExactly(JUNE);
    }

    @Test
    void shouldDropReportsEndingBeforeTheCutoff() {
        IavReport may = report("r-may", "2024-05-01T00:00", "2024-06-01T00:00", 744, "2024-06-05T00:00");

        IavSchedule s = IavSchedule.empty().add(may).add(JUNE).retainFrom(local("2024-06-01T00:00"));

        assertThat(s.reports()).containsExactly(JUNE);
    }

    @Test
    void shouldRefuseAReportOfAnotherEnterprise() {
        IavReport other = new IavReport("x", "E2", local("2024-06-01T00:00"), local("2024-07-01T00:00"), 1,
                local("2024-07-01T00:00"));

        assertThatThrownBy(() -> IavSchedule.empty().add(JUNE).add(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E2");
    }

    @Test
    void shouldRejectAnEmptyPeriodAndANegativeOrNonFiniteValue() {
        OutputReport empty = new OutputReport("r1", "E1", local("2024-06-01T00:00"), local("2024-06-01T00:00"), 5.0,
                null, local("2024-06-02T00:00"));
        OutputReport negative = new OutputReport("r2", "E1", local("2024-06-01T00:00"), local("2024-06-02T00:00"),
                -5.0, null, local("2024-06-02T00:00"));
        OutputReport nan = new OutputReport("r3", "E1", local("2024-06-01T00:00"), local("2024-06-02T00:00"),
                Double.NaN, null, local("2024-06-02T00:00"));

        assertThat(IavReport.rejectionReason(empty)).hasValueSatisfying(r -> assertThat(r).contains("periodEnd"));
        assertThat(IavReport.rejectionReason(negative)).hasValueSatisfying(r -> assertThat(r).contains("-5.0"));
        assertThat(IavReport.rejectionReason(nan)).isPresent();
        assertThatThrownBy(() -> IavReport.from(empty)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadAnOutputReport() {
        OutputReport r = new OutputReport("r1", "E1", local("2024-06-01T00:00"), local("2024-06-02T00:00"), 48.0,
                2020, local("2024-06-03T00:00"));

        IavReport iav = IavReport.from(r);

        assertThat(IavReport.rejectionReason(r)).isEmpty();
        assertThat(iav).isEqualTo(new IavReport("r1", "E1", local("2024-06-01T00:00"), local("2024-06-02T00:00"),
                48.0, local("2024-06-03T00:00")));
        // 48 over 24 h
        assertThat(iav.iavPerHour()).isCloseTo(2.0, within(1e-12));
    }
}
