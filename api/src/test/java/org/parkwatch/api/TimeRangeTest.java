package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @Test
    void shouldDefaultToTheLastSpanUpToNow() {
        TimeRange range = TimeRange.parse(null, null, NOW, Duration.ofHours(24), Duration.ofDays(31));

        assertThat(range).isEqualTo(new TimeRange(Instant.parse("2026-05-09T12:00:00Z"), NOW));
    }

    @Test
    void shouldEndTheDefaultSpanAtTheGivenTo() {
        TimeRange range = TimeRange.parse(null, "2026-05-01T00:00:00Z", NOW, Duration.ofHours(24), Duration.ofDays(31));

        assertThat(range.from()).isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
    }

    @Test
    void shouldBeHalfOpen() {
        TimeRange range = new TimeRange(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-01T01:00:00Z"));

        assertThat(range.contains(Instant.parse("2026-05-01T00:00:00Z"))).isTrue();
        assertThat(range.contains(Instant.parse("2026-05-01T00:59:59.999Z"))).isTrue();
        assertThat(range.contains(Instant.parse("2026-05-01T01:00:00Z"))).isFalse();
    }

    @Test
    void shouldRefuseMalformedReversedAndTooLongRanges() {
        assertThatThrownBy(() -> TimeRange.parse("2026-05-01", null, NOW, Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(ApiException.class)
                .hasMessage("from is not an ISO-8601 instant such as 2026-05-01T00:00:00Z: 2026-05-01");
        assertThatThrownBy(() -> TimeRange.parse("2026-05-02T00:00:00Z", "2026-05-01T00:00:00Z", NOW,
                Duration.ofHours(1), Duration.ofDays(31)))
                .hasMessage("from 2026-05-02T00:00:00Z is after to 2026-05-01T00:00:00Z");
        assertThatThrownBy(() -> TimeRange.parse("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", NOW,
                Duration.ofHours(1), Duration.ofDays(31)))
                .hasMessage("time range longer than 31 days");
    }
}
