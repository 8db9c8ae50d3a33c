package org.parkwatch.gateway.gaps;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.Device;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.intake.DeviceActivity;
import org.parkwatch.gateway.intake.DeviceDirectory;
import org.parkwatch.gateway.server.DeviceChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gap tracker at work: told of every packet let in (on the connections' event loops) and of which connection
 * each device is on, it checks devices every check interval on its own thread, writes each gap record, and sends
 * the requests for missing hours on the device's connection. One lock orders the tracker's calls and the sends of
 * their records, so the records of a gap reach the topic in the order they were decided.
 */
public final class DataGapWatch implements DeviceActivity, DeviceChannels, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataGapWatch.class);
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final GapTracker tracker;
    private final DataGapPublisher publisher;
    private final Clock clock;
    private final ZoneId zone;
    private final DataGapMetrics metrics;
    private final DeviceDirectory directory;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    /**
     * Gap records Kafka did not take (after the producer's own retries), written again at the next check: a CLOSED
     * record lost would leave its alert open for good. Resent late they may come after a later record of their gap;
     * the pipeline takes gap records in any order.
     */
    private final java.util.Queue<DataGap> unwritten = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parkwatch-gateway-gaps");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param directory the registered devices: one deactivated or deleted is no longer watched
     * @param restored  the gaps open on the gap topic at start-up
     */
    public DataGapWatch(DataGapSettings settings, ZoneId zone, DeviceDirectory directory, DataGapPublisher publisher,
                        List<DataGap> restored, Clock clock, MeterRegistry meters) {
        this.directory = directory;
        this.tracker = new GapTracker(settings, zone);
        this.publisher = publisher;
        this.clock = clock;
        this.zone = zone;
        restored.forEach(tracker::restore);
        this.metrics = new DataGapMetrics(meters, this::openGaps);
        checker.scheduleWithFixedDelay(this::check, settings.checkInterval().toMillis(),
                settings.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void heard(Packet packet, Device device) {
        Instant now = clock.instant();
        Optional<Instant> hour = ReissueRequest.HOURLY.equals(packet.cn())
                ? packet.field("DataTime").flatMap(this::hourOf) : Optional.empty();
        synchronized (this) {
            publishAll(tracker.heard(device, hour, now));
            if (packet.qn().isPresent() && ("9011".equals(packet.cn()) || "9012".equals(packet.cn()))) {
                String field = "9011".equals(packet.cn()) ? "QnRtn" : "ExeRtn";
                String code = packet.field(field).orElse("");
                tracker.answered(device.getMn(), packet.qn().get(), field + "=" + code, now).ifPresent(gap -> {
                    if ("1".equals(code)) {
                        if ("9011".equals(packet.cn())) {
                            metrics.answered();
                        }
                    } else {
                        metrics.failed();
                    }
                    publishAll(List.of(gap));
                });
            }
        }
    }

    @Override
    public void connected(String mn, Channel channel) {
        channels.put(mn, channel);
    }

    @Override
    public void disconnected(Channel channel) {
        channels.values().removeIf(c -> c == channel);
    }

    /** Judges silences and overdue hours, and sends the requests due. */
    void check() {
        try {
            Instant now = clock.instant();
            synchronized (this) {
                for (int left = unwritten.size(); left > 0; left--) {
                    publish(unwritten.poll());
                }
                publishAll(tracker.check(now, mn -> directory.find(mn).map(Device::getActive).orElse(false)));
                for (GapTracker.Reissue reissue : tracker.dueReissues(now, this::isConnected)) {
                    Channel channel = channels.get(reissue.device().getMn());
                    publishAll(List.of(reissue.gap()));
                    String request = ReissueRequest.hourly(reissue.device(), reissue.qn(), reissue.hour(),
                            reissue.hour(), zone);
                    channel.writeAndFlush(Unpooled.wrappedBuffer(ReissueRequest.framed(request)));
                    metrics.requested();
                    LOG.info("Asked device {} to send hour {} again (request {} of gap {})",
                            reissue.device().getMn(), reissue.hour(), reissue.gap().getReissueRequests(),
                            reissue.gap().getGapId());
                }
            }
        } catch (RuntimeException e) {
            // a failed check must not stop the next ones
            LOG.warn("Data gap check failed", e);
        }
    }

    public synchronized int openGaps() {
        return tracker.openGaps();
    }

    private boolean isConnected(String mn) {
        Channel channel = channels.get(mn);
        return channel != null && channel.isActive();
    }

    private void publishAll(List<DataGap> gaps) {
        for (DataGap gap : gaps) {
            if (gap.getState() == DataGapState.OPEN && gap.getReissueRequests() == 0
                    && gap.getLastReissueAnswer() == null && gap.getChangedAt().equals(gap.getDetectedAt())) {
                metrics.opened(gap.getKind());
                LOG.info("Data gap opened: {} {} {} to {}", gap.getMn(), gap.getKind(), gap.getPeriodStart(),
                        gap.getPeriodEnd());
            }
            publish(gap);
        }
    }

    private void publish(DataGap gap) {
        publisher.publish(gap).whenComplete((written, failure) -> {
            if (failure != null) {
                unwritten.add(gap);
            }
        });
    }

    private Optional<Instant> hourOf(String dataTime) {
        if (dataTime.length() < 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(dataTime.substring(0, 14), DATA_TIME)
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        checker.shutdown();
        checker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
