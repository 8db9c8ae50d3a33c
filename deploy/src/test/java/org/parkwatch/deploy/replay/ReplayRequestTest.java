package org.parkwatch.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldTakeAnInstantAsWritten() {
        assertThat(ReplayRequest.startOf("2026-03-01T08:30:00Z", SHANGHAI))
                .isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
        assertThat(ReplayRequest.endOf("2026-03-01T08:30:00Z", SHANGHAI))
                .isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
    }

    @Test
    void shouldStartADateAtItsMidnightInTheCalendarZone() {
        // 1 March 00:00 in Shanghai (UTC+8) is 28 February 16:00 UTC
        assertThat(ReplayRequest.startOf("2026-03-01", SHANGHAI)).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    }

    @Test
    void shouldEndADateAtTheStartOfTheNextDaySoTheWholeDayIsIncluded() {
        // --to 2026-03-31: up to 1 April 00:00 Shanghai = 31 March 16:00 UTC, exclusive
        assertThat(ReplayRequest.endOf("2026-03-31", SHANGHAI)).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    }

    @Test
    void shouldRefuseWhatIsNeitherAnInstantNorADate() {
        assertThatThrownBy(() -> ReplayRequest.startOf("last tuesday", SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last tuesday");
    }
}
