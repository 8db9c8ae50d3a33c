package org.parkwatch.totals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class WindowBookTest {

    private final WindowCalendar calendar = new WindowCalendar(ZoneId.of("Asia/Shanghai"));
    private static final Duration GRACE = Duration.ofMinutes(10);

    private static Amounts co2(long mg) {
        return new Amounts(mg, 0, 0, 0, 0, 0, 0, 1, 0);
    }

    @Test
    void shouldAddOneActivityToItsHourDayMonthAndYear() {
        WindowBook book = WindowBook.empty();
        Instant t = Instant.parse("2024-05-10T02:15:00Z");

        book.add(calendar.windowsOf(t), co2(1_500), "e1:CO2:SCOPE1");
        book.add(calendar.windowsOf(t.plusSeconds(60)), co2(2_500), "e2:CO2:SCOPE1");

        assertThat(book.windows()).hasSize(4)
                .allSatisfy(w -> assertThat(w.amounts().co2Scope1Mg()).isEqualTo(4_000))
                .allSatisfy(w -> assertThat(w.amounts().entryCount()).isEqualTo(2))
                .allSatisfy(w -> assertThat(w.lastEntryId()).isEqualTo("e2:CO2:SCOPE1"));
    }

    @Test
    void shouldReportChangedWindowsOnceUntilTheyChangeAgain() {
        WindowBook book = WindowBook.empty();
        book.add(calendar.windowsOf(Instant.parse("2024-05-10T02:15:00Z")), co2(1), "e1");

        assertThat(book.takeChanged()).hasSize(4);
        assertThat(book.takeChanged()).isEmpty();
    }

    @Test
    void shouldCloseAnHourOnlyOnceTheWatermarkPassesItsEndPlusGrace() {
        WindowBook book = WindowBook.empty();
        // local 10:15 on 2024-05-10; hour window ends 2024-05-10T03:00Z
        book.add(calendar.windowsOf(Instant.parse("2024-05-10T02:15:00Z")), co2(7), "e1");

        assertThat(book.closeAt(Instant.parse("2024-05-10T03:09:59.999Z"), GRACE)).isEmpty();
        assertThat(book.closeAt(Instant.parse("2024-05-10T03:10:00Z"), GRACE))
                .singleElement().satisfies(w -> {
                    assertThat(w.span().kind()).isEqualTo(WindowKind.HOUR);
                    assertThat(w.amounts().co2Scope1Mg()).isEqualTo(7);
                });
        assertThat(book.windows()).extracting(w -> w.span().kind())
                .containsExactly(WindowKind.DAY, WindowKind.MONTH, WindowKind.YEAR);
        // day ends at local midnight 2024-05-11 = 2024-05-10T16:00Z
        assertThat(book.nextClosingAt(GRACE)).isEqualTo(Instant.parse("2024-05-10T16:10:00Z"));
    }

    @Test
    void shouldJudgeLatenessAgainstWatermarkMinusGrace() {
        GracePolicy policy = new GracePolicy(GRACE);
        Instant watermark = Instant.parse("2024-05-10T03:00:00Z");

        assertThat(policy.isTooLate(Instant.parse("2024-05-10T02:50:00Z"), watermark)).isFalse();
        assertThat(policy.isTooLate(Instant.parse("2024-05-10T02:49:59.999Z"), watermark)).isTrue();
        assertThat(policy.isTooLate(Instant.parse("2020-01-01T00:00:00Z"), null)).isFalse();
    }
}
