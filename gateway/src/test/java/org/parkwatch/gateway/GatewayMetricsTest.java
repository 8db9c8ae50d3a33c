package org.parkwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void shouldShowWhenEachDeviceLastSentAPacketItWasLetInWith() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
        GatewayMetrics metrics = new GatewayMetrics(meters, clock);

        metrics.deviceSeen("88888880000001");
        clock.now = Instant.parse("2026-12-03T09:00:00Z");
        metrics.deviceSeen("88888880000002");

        assertThat(meters.get("parkwatch.gateway.device.last.seen").tag("mn", "88888880000001").gauge().value())
                .isEqualTo(Instant.parse("2026-12-03T08:00:00Z").getEpochSecond());
        assertThat(meters.get("parkwatch.gateway.device.last.seen").tag("mn", "88888880000002").gauge().value())
                .isEqualTo(Instant.parse("2026-12-03T09:00:00Z").getEpochSecond());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
