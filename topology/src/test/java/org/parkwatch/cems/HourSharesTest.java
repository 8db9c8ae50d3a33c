package org.parkwatch.cems;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.parkwatch.totals.WindowCalendar;

/** Shares worked out by hand: proportional to the time in each clock hour, whole milligrams summing to the amount. */
class HourSharesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WindowCalendar CALENDAR = new WindowCalendar(SHANGHAI);

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @Test
    void shouldHalveTwoWholeHours() {
        assertThat(HourShares.split(160_000_000L, at("2023-03-01T10:00"), at("2023-03-01T12:00"), CALENDAR))
                .containsExactly(new HourShare(at("2023-03-01T10:00"), 80_000_000L),
                        new HourShare(at("2023-03-01T11:00"), 80_000_000L));
    }

    @Test
    void shouldShareByTheMinutesSpentInEachHour() {
        // 10:20-12:00: 40 minutes in the 10 o'clock hour, 60 in the next, of 100
        assertThat(HourShares.split(100, at("2023-03-01T10:20"), at("2023-03-01T12:00"), CALENDAR))
                .containsExactly(new HourShare(at("2023-03-01T10:00"), 40), new HourShare(at("2023-03-01T11:00"), 60));
    }

    @Test
    void shouldGiveTheMilligramsLeftOverToTheLargestRemaindersThenTheEarliestHour() {
        // 10 mg over three equal hours: 3.33 each, floors 3 + 3 + 3, the one left to the first
        assertThat(HourShares.split(10, at("2023-03-01T10:00"), at("2023-03-01T13:00"), CALENDAR))
                .extracting(HourShare::mg).containsExactly(4L, 3L, 3L);
        // 11 mg over 10:40-11:40: 20 + 40 of 60 minutes = 3.67 + 7.33: floors 3 + 7, the one left to the 0.67
        assertThat(HourShares.split(11, at("2023-03-01T10:40"), at("2023-03-01T11:40"), CALENDAR))
                .extracting(HourShare::mg).containsExactly(4L, 7L);
        // 9 mg over 10:50-12:10: 10 + 60 + 10 of 80 minutes = 1.125 + 6.75 + 1.125: floors 1, 6, 1, the one
        // left to the largest remainder, 0.75
        assertThat(HourShares.split(9, at("2023-03-01T10:50"), at("2023-03-01T12:10"), CALENDAR))
                .extracting(HourShare::mg).containsExactly(1L, 7L, 1L);
    }

    @Test
    void shouldKeepAnIntervalWithinOneHourWhole() {
        assertThat(HourShares.split(123_456_789L, at("2023-03-01T10:15"), at("2023-03-01T10:45"), CALENDAR))
                .containsExactly(new HourShare(at("2023-03-01T10:00"), 123_456_789L));
    }
}
