package org.parkwatch.gateway.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.Device;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.intake.Devices;

/** The watch between the intake and Kafka: DataTime read on the devices' clock, and records Kafka refused resent. */
class DataGapWatchTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Checked by hand here, not by the watch's own timer (an hour apart). */
    private static final DataGapSettings SETTINGS = new DataGapSettings(Duration.ofHours(1), 3,
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(24), 3, Duration.ofMinutes(10));

    private Instant now;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Device device = Devices.waterDevice(Devices.MN).setSendsDaily(false).build();

    /** Hourly data whose DataTime is {@code beijingHour} on the device's (Beijing) clock. */
    private void hourly(DataGapWatch watch, String beijingHour, String utcArrival) throws Exception {
        now = Instant.parse(utcArrival);
        watch.heard(PacketParser.parse("QN=20261203170200000;ST=32;CN=2061;PW=123456;MN=" + Devices.MN
                + ";Flag=5;CP=&&DataTime=" + beijingHour + ";w00000-Cou=1&&"), device);
    }

    @Test
    void shouldReadTheHourOnTheDevicesClockAndWriteAgainARecordKafkaRefused() throws Exception {
        List<DataGap> attempts = new ArrayList<>();
        DataGapPublisher refusingFirst = gap -> {
            attempts.add(gap);
            return attempts.size() == 1 ? CompletableFuture.failedFuture(new IllegalStateException("broker down"))
                    : CompletableFuture.completedFuture(null);
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DataGapWatch watch = new DataGapWatch(SETTINGS, BEIJING, mn -> Optional.of(device), refusingFirst,
                List.of(), clock, meters)) {
            // 16:00 and 18:00 in Beijing are 08:00 and 10:00 UTC: 09:00 UTC is missing.
            hourly(watch, "20261203160000", "2026-12-03T09:02:00Z");
            hourly(watch, "20261203180000", "2026-12-03T11:02:00Z");
            assertThat(attempts).singleElement().satisfies(gap -> {
                assertThat(gap.getPeriodStart()).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
                assertThat(gap.getState()).isEqualTo(DataGapState.OPEN);
            });
            assertThat(meters.counter("parkwatch.gateway.gaps.opened", "kind", "MISSING_HOURLY").count())
                    .isEqualTo(1);
            assertThat(meters.get("parkwatch.gateway.gaps.open").gauge().value()).isEqualTo(1);

            now = Instant.parse("2026-12-03T11:03:00Z");
            watch.check();

            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(1)).isEqualTo(attempts.get(0));
            watch.check();
            assertThat(attempts).as("written once it was taken").hasSize(2);
        }
    }
}
