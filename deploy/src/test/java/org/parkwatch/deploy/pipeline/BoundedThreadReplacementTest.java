package org.parkwatch.deploy.pipeline;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class BoundedThreadReplacementTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final BoundedThreadReplacement policy =
            new BoundedThreadReplacement(2, Duration.ofMinutes(10), clock);
    private final RuntimeException failure = new IllegalStateException("store corrupted");

    @Test
    void shouldReplaceThreadsUpToTheLimitWithinTheWindow() {
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        clock.advance(Duration.ofMinutes(1));
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void shouldShutTheClientDownWhenThreadsKeepFailing() {
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(1));
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(1));

        // Third failure within 10 minutes (at 0, 1 and 2 minutes) with a limit of two replacements.
        assertThat(policy.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(1));
        policy.handle(failure);
        clock.advance(Duration.ofMinutes(10));

        // The failures at 0 and 1 minute are 11 and 10 minutes old: outside the window, so this is the first.
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void shouldAlwaysReplaceAThreadThatFailedWaitingForTheSchemaRegistryAndNotCountIt() {
        RuntimeException outage = new org.apache.kafka.streams.errors.StreamsException("Exception caught in process",
                new IllegalStateException("registry still unavailable after 5000 ms",
                        new org.parkwatch.serde.SchemaRegistryUnavailableException("unreachable", null)));
        for (int i = 0; i < 10; i++) {
            assertThat(policy.handle(outage)).isEqualTo(REPLACE_THREAD);
        }
        // the outage used none of the two replacements a real fault is allowed
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }
}
