package org.parkwatch.totals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class InputWatermarksTest {

    private static final Instant WALL = Instant.parse("2024-06-01T00:00:00Z");
    private final InputWatermarks watermarks = new InputWatermarks(Duration.ofMinutes(5));

    @Test
    void shouldCloseAgainstTheSlowestInputStillSending() {
        watermarks.observe("meter", Instant.parse("2024-05-10T08:00:00Z"), WALL);
        watermarks.observe("wastewater", Instant.parse("2024-05-09T16:05:00Z"), WALL);

        assertThat(watermarks.closingWatermark(WALL.plusSeconds(60))).isEqualTo(Instant.parse("2024-05-09T16:05:00Z"));
    }

    @Test
    void shouldLeaveOutAnInputThatHasNotAdvancedForTheIdleTimeout() {
        watermarks.observe("meter", Instant.parse("2024-05-10T08:00:00Z"), WALL);
        watermarks.observe("fuel", Instant.parse("2024-05-10T01:00:00Z"), WALL);
        // six minutes later only the meter input has moved on
        Instant later = WALL.plus(Duration.ofMinutes(6));
        watermarks.observe("meter", Instant.parse("2024-05-10T08:06:00Z"), later);
        watermarks.observe("fuel", Instant.parse("2024-05-10T01:00:00Z"), later);

        assertThat(watermarks.closingWatermark(later)).isEqualTo(Instant.parse("2024-05-10T08:06:00Z"));
    }

    @Test
    void shouldUseTheFurthestProgressWhenEveryInputIsIdle() {
        watermarks.observe("meter", Instant.parse("2024-05-10T08:00:00Z"), WALL);
        watermarks.observe("fuel", Instant.parse("2024-05-10T07:00:00Z"), WALL);

        assertThat(watermarks.closingWatermark(WALL.plus(Duration.ofHours(1)))).isEqualTo(Instant.parse("2024-05-10T08:00:00Z"));
    }

    @Test
    void shouldHaveNoWatermarkBeforeAnyInput() {
        assertThat(watermarks.closingWatermark(WALL)).isNull();
    }
}
