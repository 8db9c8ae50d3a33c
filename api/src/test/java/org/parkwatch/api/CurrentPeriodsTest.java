package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.WindowKind;

class CurrentPeriodsTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    // 2026-01-01 00:30 in Beijing (UTC+8): the first half hour of a new hour, day, month and year there, while it
    // is still 31 December in UTC.
    private static final Instant NEW_YEAR_BEIJING = Instant.parse("2025-12-31T16:30:00Z");

    private final CurrentPeriods periods = new CurrentPeriods(BEIJING, Clock.fixed(NEW_YEAR_BEIJING, ZoneOffset.UTC));

    @Test
    void shouldStartTheCurrentPeriodsOnTheCalendarZoneNotOnUtc() {
        Instant beijingMidnight = Instant.parse("2025-12-31T16:00:00Z");
        assertThat(periods.starts()).containsExactly(
                java.util.Map.entry("HOUR", beijingMidnight),
                java.util.Map.entry("DAY", beijingMidnight),
                java.util.Map.entry("MONTH_TO_DATE", beijingMidnight),
                java.util.Map.entry("YEAR_TO_DATE", beijingMidnight));
    }

    @Test
    void shouldCallTheWallClocksWindowsCurrent() {
        Instant beijingMidnight = Instant.parse("2025-12-31T16:00:00Z");
        assertThat(periods.isCurrent(WindowKind.HOUR, beijingMidnight)).isTrue();
        assertThat(periods.isCurrent(WindowKind.DAY, beijingMidnight)).isTrue();
        assertThat(periods.isCurrent(WindowKind.YEAR_TO_DATE, beijingMidnight)).isTrue();
    }

    @Test
    void shouldNotCallTheLatestWindowCurrentWhenTheWallClockHasMovedOn() {
        // The last hour, day, month and year of 2025 in Beijing: what a park's history reaches before it is through.
        assertThat(periods.isCurrent(WindowKind.HOUR, Instant.parse("2025-12-31T15:00:00Z"))).isFalse();
        assertThat(periods.isCurrent(WindowKind.DAY, Instant.parse("2025-12-30T16:00:00Z"))).isFalse();
        assertThat(periods.isCurrent(WindowKind.MONTH_TO_DATE, Instant.parse("2025-11-30T16:00:00Z"))).isFalse();
        assertThat(periods.isCurrent(WindowKind.YEAR_TO_DATE, Instant.parse("2024-12-31T16:00:00Z"))).isFalse();
        // The UTC day that is still running is not the Beijing day.
        assertThat(periods.isCurrent(WindowKind.DAY, Instant.parse("2025-12-31T00:00:00Z"))).isFalse();
    }

    @Test
    void shouldNeverCallASampleACurrentPeriod() {
        assertThat(periods.isCurrent(WindowKind.SAMPLE, Instant.parse("2025-12-31T16:00:00Z"))).isFalse();
    }
}
