package org.parkwatch.gateway.gaps;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapClosure;
import org.parkwatch.avro.DataGapKind;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.Device;

/**
 * What the gateway knows of each device's timing, and the gaps it judged open. No Kafka, no Netty, no clock of its
 * own: every call says what time it is, so tests are exact. Each call returns the gap records to publish, in order.
 * Not thread-safe: its owner serialises calls.
 *
 * <p>A device is watched from its first packet since the gateway started (before that nothing is known of it).
 * Hourly data are judged only for hours within the look-back of the gateway's clock: from the first such hour
 * received, every later hour must come, and one is missing when a later hour came without it or when it is overdue
 * (ended more than the grace ago). A device is silent when nothing at all came for its shortest expected interval
 * times the tolerance (at least the floor).
 */
public final class GapTracker {

    private static final Duration HOUR = Duration.ofHours(1);

    private final DataGapSettings settings;
    private final ZoneId zone;
    private final Map<String, Watch> devices = new HashMap<>();
    private final Map<String, OpenGap> open = new LinkedHashMap<>();
    private Instant lastQn = Instant.EPOCH;

    /** @param zone the zone of the devices' clocks, in which QNs and request times are written */
    public GapTracker(DataGapSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /** A request for a missing hour to send, and the gap record saying it was asked. */
    public record Reissue(Device device, String qn, Instant hour, DataGap gap) {
    }

    private static final class Watch {
        Device device;
        Instant lastHeard;
        /** Hours before this are judged (received, or a gap opened); null until an hour in the look-back came. */
        Instant judgedUntil;
    }

    private static final class OpenGap {
        DataGap record;
        Instant nextReissueAt;
        String pendingQn;

        OpenGap(DataGap record, Instant nextReissueAt) {
            this.record = record;
            this.nextReissueAt = nextReissueAt;
        }
    }

    /**
     * A packet of {@code device} was let in at {@code at}.
     *
     * @param hourlyDataHour for hourly data (2061), the start of the hour they are about
     */
    public List<DataGap> heard(Device device, Optional<Instant> hourlyDataHour, Instant at) {
        List<DataGap> changes = new ArrayList<>();
        Watch watch = devices.computeIfAbsent(device.getMn(), mn -> new Watch());
        watch.device = device;
        watch.lastHeard = at;
        open.values().stream()
                .filter(g -> g.record.getMn().equals(device.getMn()) && g.record.getKind() == DataGapKind.SILENT)
                .toList()
                .forEach(g -> changes.add(close(g, DataGapClosure.DATA_ARRIVED, at, at)));
        hourlyDataHour.ifPresent(hour -> {
            OpenGap missing = open.get(gapId(device.getMn(), DataGapKind.MISSING_HOURLY, hour));
            if (missing != null) {
                changes.add(close(missing, missing.record.getReissueRequests() > 0 ? DataGapClosure.REISSUED
                        : DataGapClosure.DATA_ARRIVED, missing.record.getPeriodEnd(), at));
            }
            if (hour.isBefore(at.minus(settings.lookback())) || hour.isAfter(at.plus(HOUR))) {
                return; // a backfill, or a clock far off: not judged
            }
            if (watch.judgedUntil == null) {
                watch.judgedUntil = hour.plus(HOUR);
            } else if (!hour.isBefore(watch.judgedUntil)) {
                for (Instant h = watch.judgedUntil; h.isBefore(hour); h = h.plus(HOUR)) {
                    openMissing(device, h, at).ifPresent(changes::add);
                }
                watch.judgedUntil = hour.plus(HOUR);
            }
        });
        return changes;
    }

    /** Judges silences and overdue hours at {@code now}. */
    public List<DataGap> check(Instant now) {
        return check(now, mn -> true);
    }

    /**
     * Judges silences and overdue hours at {@code now}, of the devices still {@code active} (registered and active):
     * a device deactivated or deleted is no longer watched, its silence expected.
     */
    public List<DataGap> check(Instant now, Predicate<String> active) {
        devices.keySet().removeIf(active.negate());
        List<DataGap> changes = new ArrayList<>();
        for (Watch watch : devices.values()) {
            Device device = watch.device;
            Duration silence = silenceAfter(device, settings);
            String silenceId = gapId(device.getMn(), DataGapKind.SILENT, watch.lastHeard);
            if (Duration.between(watch.lastHeard, now).compareTo(silence) > 0 && !open.containsKey(silenceId)) {
                changes.add(open(gap(device, silenceId, DataGapKind.SILENT, watch.lastHeard, now, now)));
            }
            // While the device is silent its silence is the gap; its hours are judged once it is heard again
            // (then those still missing are asked for), not one more alert every hour it stays silent.
            if (device.getSendsHourly() && watch.judgedUntil != null && !open.containsKey(silenceId)) {
                Instant earliest = hourOf(now.minus(settings.lookback()));
                if (watch.judgedUntil.isBefore(earliest)) {
                    watch.judgedUntil = earliest;
                }
                while (!watch.judgedUntil.plus(HOUR).plus(settings.hourlyGrace()).isAfter(now)) {
                    openMissing(device, watch.judgedUntil, now).ifPresent(changes::add);
                    watch.judgedUntil = watch.judgedUntil.plus(HOUR);
                }
            }
        }
        return changes;
    }

    /**
     * The requests due at {@code now} for missing hours of connected devices: one per hour, the next only after
     * the back-off (doubled each time), none after the maximum (the gap stays open).
     */
    public List<Reissue> dueReissues(Instant now, Predicate<String> connected) {
        List<Reissue> due = new ArrayList<>();
        for (OpenGap gap : open.values()) {
            DataGap r = gap.record;
            Watch watch = devices.get(r.getMn());
            if (r.getKind() != DataGapKind.MISSING_HOURLY || watch == null || !connected.test(r.getMn())
                    || r.getReissueRequests() >= settings.maxReissues() || now.isBefore(gap.nextReissueAt)) {
                continue;
            }
            String qn = nextQn(now);
            int asked = r.getReissueRequests() + 1;
            gap.record = DataGap.newBuilder(r).setReissueRequests(asked).setLastReissueRequestedAt(now)
                    .setLastReissueAnswer(null).setChangedAt(now).build();
            gap.pendingQn = qn;
            gap.nextReissueAt = now.plus(settings.reissueBackoff().multipliedBy(1L << Math.min(asked - 1, 20)));
            due.add(new Reissue(watch.device, qn, r.getPeriodStart(), gap.record));
        }
        return due;
    }

    /**
     * The device's answer to a request: 9011 with QnRtn, or 9012 with ExeRtn. The gap record noting it, when the QN
     * is one of the open gaps' requests.
     */
    public Optional<DataGap> answered(String mn, String qn, String answer, Instant at) {
        for (OpenGap gap : open.values()) {
            if (qn.equals(gap.pendingQn) && gap.record.getMn().equals(mn)) {
                gap.record = DataGap.newBuilder(gap.record).setLastReissueAnswer(answer).setChangedAt(at).build();
                return Optional.of(gap.record);
            }
        }
        return Optional.empty();
    }

    /**
     * An open gap read back from the gap topic at start-up: it closes when its data come, and its missing hour is
     * asked for again (the back-off starts afresh, the count of requests goes on).
     */
    public void restore(DataGap gap) {
        if (gap.getState() == DataGapState.OPEN) {
            open.put(gap.getGapId(), new OpenGap(gap, Instant.EPOCH));
        } else {
            open.remove(gap.getGapId());
        }
    }

    public int openGaps() {
        return open.size();
    }

    /** The shortest interval the device is expected to send at, times the tolerance, and at least the floor. */
    static Duration silenceAfter(Device device, DataGapSettings settings) {
        Duration shortest = null;
        if (device.getRealTimeIntervalSeconds() != null && device.getRealTimeIntervalSeconds() > 0) {
            shortest = Duration.ofSeconds(device.getRealTimeIntervalSeconds());
        }
        if (device.getMinuteIntervalMinutes() != null && device.getMinuteIntervalMinutes() > 0) {
            shortest = min(shortest, Duration.ofMinutes(device.getMinuteIntervalMinutes()));
        }
        if (device.getSendsHourly()) {
            shortest = min(shortest, HOUR);
        }
        if (device.getSendsDaily()) {
            shortest = min(shortest, Duration.ofDays(1));
        }
        if (shortest == null) {
            shortest = Duration.ofDays(1); // expects nothing: a day of nothing still says it is gone
        }
        Duration tolerated = Duration.ofMillis((long) (shortest.toMillis() * settings.silenceTolerance()));
        return tolerated.compareTo(settings.silenceFloor()) < 0 ? settings.silenceFloor() : tolerated;
    }

    private static Duration min(Duration a, Duration b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    /** The hour's gap, unless it is open already (restored at start-up). */
    private Optional<DataGap> openMissing(Device device, Instant hour, Instant now) {
        String id = gapId(device.getMn(), DataGapKind.MISSING_HOURLY, hour);
        return open.containsKey(id) ? Optional.empty()
                : Optional.of(open(gap(device, id, DataGapKind.MISSING_HOURLY, hour, hour.plus(HOUR), now)));
    }

    private DataGap open(DataGap gap) {
        open.put(gap.getGapId(), new OpenGap(gap, gap.getDetectedAt()));
        return gap;
    }

    private DataGap close(OpenGap gap, DataGapClosure why, Instant periodEnd, Instant at) {
        open.remove(gap.record.getGapId());
        return DataGap.newBuilder(gap.record).setState(DataGapState.CLOSED).setClosedBy(why)
                .setPeriodEnd(periodEnd).setChangedAt(at).build();
    }

    private static DataGap gap(Device device, String id, DataGapKind kind, Instant start, Instant end, Instant now) {
        return DataGap.newBuilder().setGapId(id).setMn(device.getMn()).setEnterpriseId(device.getEnterpriseId())
                .setOutletId(device.getOutletId()).setStackId(device.getStackId()).setKind(kind)
                .setPeriodStart(start).setPeriodEnd(end).setState(DataGapState.OPEN).setClosedBy(null)
                .setDetectedAt(now).setChangedAt(now).setReissueRequests(0).setLastReissueRequestedAt(null)
                .setLastReissueAnswer(null).build();
    }

    /** The same gap judged twice (after a restart) has the same id. */
    public static String gapId(String mn, DataGapKind kind, Instant periodStart) {
        return mn + "|" + kind + "|" + periodStart;
    }

    private static Instant hourOf(Instant time) {
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), 3600) * 3600);
    }

    /** A QN per request, strictly increasing, so a device's answer is never taken for another request's. */
    private String nextQn(Instant now) {
        Instant millis = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastQn = millis.isAfter(lastQn) ? millis : lastQn.plusMillis(1);
        return ReissueRequest.qn(lastQn, zone);
    }
}
