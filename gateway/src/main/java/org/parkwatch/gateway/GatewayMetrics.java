package org.parkwatch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.intake.PacketResult;

/**
 * The gateway's meters: open connections, packets per command and result, refusals per reason (under the
 * pipeline's own {@code parkwatch.input.rejected}, input {@code hj212}), the time from a packet's arrival to its
 * answer, writes Kafka did not acknowledge, and when each device last sent a packet it was let in with (so a
 * silent device shows on a dashboard before any data gap is judged).
 */
public final class GatewayMetrics {

    private final MeterRegistry meters;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter opened;
    private final Timer answerLatency;
    private final Counter publishFailures;
    private final Clock clock;
    private final Map<String, AtomicLong> lastSeen = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    GatewayMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("parkwatch.gateway.connections", open, AtomicInteger::get)
                .description("Device connections open now").register(meters);
        this.opened = Counter.builder("parkwatch.gateway.connections.opened")
                .description("Device connections accepted").register(meters);
        this.answerLatency = Timer.builder("parkwatch.gateway.answer.latency")
                .description("From a packet's arrival to its answer, sent once Kafka acknowledged its records")
                .publishPercentileHistogram().register(meters);
        this.publishFailures = Counter.builder("parkwatch.gateway.publish.failed")
                .description("Packets whose records Kafka did not acknowledge: not answered, so the device resends")
                .register(meters);
    }

    public void connectionOpened() {
        open.incrementAndGet();
        opened.increment();
    }

    public void connectionClosed() {
        open.decrementAndGet();
    }

    /** @param cn a four-digit command, or "none"; anything else is counted as "none" to bound the tag's values */
    public void packet(String cn, PacketResult result) {
        String tag = cn.length() == 4 && cn.chars().allMatch(Character::isDigit) ? cn : "none";
        meters.counter("parkwatch.gateway.packets", "cn", tag, "result", result.name()).increment();
    }

    public void rejected(PacketFault fault) {
        Counter.builder("parkwatch.input.rejected")
                .description("Input events sent to the dead-letter topic, by reason")
                .tag("input", "hj212").tag("reason", fault.reason())
                .register(meters).increment();
    }

    public void answered(Duration latency) {
        answerLatency.record(latency);
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    /**
     * A registered device sent a packet it was let in with (right password, known MN). Only those: an MN read from a
     * refused packet is whatever its sender wrote, and tagging by it would let anyone grow the metric without bound.
     */
    public void deviceSeen(String mn) {
        lastSeen.computeIfAbsent(mn, key -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("parkwatch.gateway.device.last.seen", seconds, AtomicLong::get)
                    .description("When the device last sent a packet it was let in with, epoch seconds")
                    .baseUnit("seconds").tag("mn", key).register(meters);
            return seconds;
        }).set(clock.instant().getEpochSecond());
    }
}
