package org.parkwatch.simulator.hj212;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.Hj212Crc;
import org.parkwatch.simulator.EventGenerator;

/**
 * One simulated logger's uploads: each hour's data, sent with the hour's fault (if the plan gives it one) and then
 * correctly, and the hours held back for a late resend, sent with {@code RF=1} after the next hour.
 */
final class LoggerSession implements HourlyUploads {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SimulatedDevice device;
    private final EventGenerator generator;
    private final LoggerPackets packets;
    private final FaultPlan faults;
    private final DataLogger logger;
    private final FleetTally tally;
    private final List<Instant> heldBack = new ArrayList<>();
    private Instant lastQnTime = Instant.EPOCH;

    LoggerSession(SimulatedDevice device, EventGenerator generator, LoggerPackets packets, FaultPlan faults,
                  DataLogger logger, FleetTally tally) {
        this.device = device;
        this.generator = generator;
        this.packets = packets;
        this.faults = faults;
        this.logger = logger;
        this.tally = tally;
    }

    /** Uploads the hour starting at {@code hour}, then any hour held back before it. */
    @Override
    public void uploadHour(Instant hour) throws InterruptedException {
        List<Instant> late = List.copyOf(heldBack);
        heldBack.clear();
        LineFault fault = faults.of(device, hour);
        tally.fault(fault);
        switch (fault) {
            case MISSING_HOUR -> { }
            case LATE_RESEND -> heldBack.add(hour);
            default -> deliver(hour, fault, false);
        }
        for (Instant lateHour : late) {
            deliver(lateHour, LineFault.NONE, true);
        }
    }

    /** Sends the hours still held back (at the end of a backfill). */
    @Override
    public void uploadHeldBack() throws InterruptedException {
        for (Instant hour : List.copyOf(heldBack)) {
            deliver(hour, LineFault.NONE, true);
        }
        heldBack.clear();
    }

    /**
     * Answers the platform's requests for hourly history (HJ 212-2017 Table C.21): 9011 QnRtn=1, each hour of the
     * period that has ended, each answered 9014 before the next, then 9012 ExeRtn=1. A logger keeps its history, so
     * the hours it lost on the line are sent too.
     */
    @Override
    public void answerPlatformRequests() throws InterruptedException {
        for (org.parkwatch.gateway.hj212.Packet request : logger.platformRequests()) {
            String qn = request.qn().orElseThrow();
            if (!LoggerPackets.HOURLY.equals(request.cn())) {
                logger.sendUnanswered(Answers.frame(packets.requestAnswer(device, qn, "9011", "QnRtn=2")));
                continue;
            }
            Instant begin = packets.requestTime(request.field("BeginTime").orElseThrow());
            Instant end = packets.requestTime(request.field("EndTime").orElseThrow());
            logger.sendUnanswered(Answers.frame(packets.requestAnswer(device, qn, "9011", "QnRtn=1")));
            Instant currentHour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            for (Instant hour = begin; !hour.isAfter(end) && hour.isBefore(currentHour); hour = hour.plus(HOUR)) {
                deliver(hour, LineFault.NONE, false);
                tally.hourReissued();
            }
            logger.sendUnanswered(Answers.frame(packets.requestAnswer(device, qn, "9012", "ExeRtn=1")));
        }
    }

    /** The logger loses its link: the platform hears nothing from it until it sends again. */
    @Override
    public boolean canGoSilent() {
        return true;
    }

    @Override
    public void goSilent() {
        logger.dropConnection();
    }

    /** The hour's upload, due while the logger is silent: sent once it is heard again, as a late resend. */
    @Override
    public void holdBack(Instant hour) {
        heldBack.add(hour);
    }

    /** Real-time data at {@code time}, from the sample of its hour; no answer is asked. */
    @Override
    public void sendRealTime(Instant time) throws InterruptedException {
        Instant hour = Instant.ofEpochSecond(time.getEpochSecond() / 3600 * 3600);
        WastewaterSample sample = sample(hour);
        logger.sendUnanswered(Answers.frame(packets.realTime(device, nextQn(), time, sample)));
        tally.realTimeDone();
    }

    private void deliver(Instant hour, LineFault fault, boolean backfill) throws InterruptedException {
        WastewaterSample sample = sample(hour);
        String qn = nextQn();
        byte[] good = Answers.frame(packets.hourly(device, qn, device.password(), sample, backfill));
        switch (fault) {
            case BAD_CRC -> refusedFirst(withWrongCrc(good), qn);
            case WRONG_PASSWORD -> refusedFirst(Answers.frame(packets.hourly(device, qn,
                    wrongPassword(device.password()), sample, backfill)), qn);
            case GARBLED_FRAME -> good = concat(Arrays.copyOf(good, good.length / 2), good);
            default -> { }
        }
        while (!(logger.send(good, qn) instanceof DataLogger.DataAnswer)) {
            // Refused although right: the device is not registered yet (or no longer); a logger keeps trying.
            tally.refusalHeard();
            Thread.sleep(5_000);
        }
        tally.hourDelivered();
    }

    private void refusedFirst(byte[] bad, String qn) throws InterruptedException {
        if (logger.send(bad, qn) instanceof DataLogger.Refused) {
            tally.refusalHeard();
        }
    }

    private WastewaterSample sample(Instant hour) {
        return generator.wastewaterSample(device.enterprise(), device.outletIndex(), hour, hour.plus(HOUR));
    }

    /** A QN per packet, strictly increasing, so an answer is never taken for another packet's. */
    private String nextQn() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastQnTime = now.isAfter(lastQnTime) ? now : lastQnTime.plusMillis(1);
        return packets.qn(lastQnTime);
    }

    /** The frame with its CRC field changed, as a byte flipped on the line would leave it (its CRC no match). */
    static byte[] withWrongCrc(byte[] frame) {
        byte[] bad = frame.clone();
        int at = bad.length - 6;
        int crc = Integer.parseInt(new String(bad, at, 4, StandardCharsets.US_ASCII), 16);
        byte[] wrong = Hj212Crc.hex(crc ^ 0x5A5A).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(wrong, 0, bad, at, 4);
        return bad;
    }

    static String wrongPassword(String password) {
        return "000000".equals(password) ? "999999" : "000000";
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
