package org.parkwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldCountTheRateFromTheFirstCommitToTheEnd() {
        // start-up: 2 s with nothing committed; then 1 000 records at t=2 s and 9 000 at t=6 s:
        // (9 000 - 1 000) / (6 - 2) = 2 000 records/s; start-up 2 s; wall time 6 s
        Timeline timeline = new Timeline(List.of(new Timeline.Sample(0, 0), new Timeline.Sample(SECOND, 0),
                new Timeline.Sample(2 * SECOND, 1_000), new Timeline.Sample(6 * SECOND, 9_000)));

        assertThat(timeline.steadyRate()).isCloseTo(2_000.0, within(1e-9));
        assertThat(timeline.startupSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(timeline.wallSeconds()).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void shouldHaveNoRateWhenTheFirstCommitIsTheLastSample() {
        Timeline timeline = new Timeline(List.of(new Timeline.Sample(0, 0), new Timeline.Sample(SECOND, 500)));

        assertThat(timeline.steadyRate()).isNaN();
    }
}
