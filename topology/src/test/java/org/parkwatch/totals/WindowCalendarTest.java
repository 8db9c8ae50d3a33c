package org.parkwatch.totals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class WindowCalendarTest {

    private final WindowCalendar shanghai = new WindowCalendar(ZoneId.of("Asia/Shanghai"));

    @Test
    void shouldCutWindowsOnShanghaiLocalBoundariesNotUtc() {
        // 2024-03-31T16:30Z is 2024-04-01 00:30 in Shanghai (UTC+8): a new local day, month and quarter-hour.
        List<WindowSpan> spans = shanghai.windowsOf(Instant.parse("2024-03-31T16:30:00Z"));

        assertThat(spans).containsExactly(
                new WindowSpan(WindowKind.HOUR, Instant.parse("2024-03-31T16:00:00Z"), Instant.parse("2024-03-31T17:00:00Z")),
                // local 2024-04-01 00:00 .. 2024-04-02 00:00
                new WindowSpan(WindowKind.DAY, Instant.parse("2024-03-31T16:00:00Z"), Instant.parse("2024-04-01T16:00:00Z")),
                // local April: 2024-04-01 00:00 .. 2024-05-01 00:00
                new WindowSpan(WindowKind.MONTH, Instant.parse("2024-03-31T16:00:00Z"), Instant.parse("2024-04-30T16:00:00Z")),
                // local 2024: 2024-01-01 00:00 .. 2025-01-01 00:00
                new WindowSpan(WindowKind.YEAR, Instant.parse("2023-12-31T16:00:00Z"), Instant.parse("2024-12-31T16:00:00Z")));
    }

    @Test
    void shouldPutTheLastMillisecondOfALocalDayInThatDay() {
        // 2024-02-29T15:59:59.999Z is 23:59:59.999 on 29 February (leap day) in Shanghai.
        WindowSpan day = shanghai.windowOf(WindowKind.DAY, Instant.parse("2024-02-29T15:59:59.999Z"));

        assertThat(day.start()).isEqualTo(Instant.parse("2024-02-28T16:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
        assertThat(shanghai.windowOf(WindowKind.MONTH, Instant.parse("2024-02-29T15:59:59.999Z")).end())
                .isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
    }

    @Test
    void shouldFollowAnotherZoneWhenConfigured() {
        WindowSpan day = new WindowCalendar(ZoneId.of("UTC")).windowOf(WindowKind.DAY, Instant.parse("2024-03-31T16:30:00Z"));

        assertThat(day.start()).isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
    }
}
