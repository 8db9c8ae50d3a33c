package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-01-11T00:00:00Z");

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ProgressReporter reporter(RunPlan plan) {
        return new ProgressReporter(new PrintStream(out, true, StandardCharsets.UTF_8), clock, plan,
                Duration.ofSeconds(2));
    }

    @Test
    void shouldEstimateTheRemainingTimeFromTheEventTimeReached() {
        ProgressReporter reporter = reporter(RunPlan.backfill(FROM, TO));
        clock.advance(Duration.ofSeconds(10));

        // 2 of 10 days done in 10 s: 20 %, 1 000 events / 10 s = 100 events/s, 10 s x 0.8 / 0.2 = 40 s left.
        assertThat(reporter.line(1_000, Instant.parse("2024-01-03T00:00:00Z"), clock.now())).isEqualTo(
                "simulate: 1000 events | 100 events/s | event time 2024-01-03T00:00:00Z | 20.0% | ETA 0:00:40");
    }

    @Test
    void shouldEstimateFromTheEventCountWhenThatBoundIsNearer() {
        ProgressReporter reporter = reporter(RunPlan.asFastAsPossible(FROM).withMaxEvents(4_000));
        clock.advance(Duration.ofSeconds(30));

        // 3 000 of 4 000 events in 30 s: 75 %, 10 s left.
        assertThat(reporter.line(3_000, Instant.parse("2024-01-02T00:00:00Z"), clock.now())).endsWith(
                "| 100 events/s | event time 2024-01-02T00:00:00Z | 75.0% | ETA 0:00:10");
    }

    @Test
    void shouldPrintAtMostEveryTwoSeconds() {
        ProgressReporter reporter = reporter(RunPlan.asFastAsPossible(FROM));
        clock.advance(Duration.ofSeconds(1));
        reporter.update(10, FROM);
        clock.advance(Duration.ofSeconds(1));
        reporter.update(20, FROM);
        clock.advance(Duration.ofSeconds(1));
        reporter.update(30, FROM);

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "simulate: 20 events | 10 events/s | event time 2024-01-01T00:00:00Z | - | ETA -");
    }
}
