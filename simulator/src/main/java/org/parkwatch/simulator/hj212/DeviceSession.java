package org.parkwatch.simulator.hj212;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.Hj212Crc;
import org.parkwatch.gateway.hj212.Packet;

/**
 * What a simulated data logger and a simulated CEMS do alike on the line: each hour's data sent with the hour's fault
 * (drawn by the {@link FaultPlan}) and then correctly, hours held back for a late resend sent with {@code RF=1} after
 * the next hour, lost hours never sent, and the platform's requests for hours answered (HJ 212-2017 Table C.21).
 * Subclasses say what their packets hold.
 */
abstract class DeviceSession implements HourlyUploads {

    static final Duration HOUR = Duration.ofHours(1);

    final DataLogger logger;
    final FleetTally tally;
    private final FaultPlan faults;
    private final List<Instant> heldBack = new ArrayList<>();
    private Instant lastQnTime = Instant.EPOCH;

    DeviceSession(FaultPlan faults, DataLogger logger, FleetTally tally) {
        this.faults = faults;
        this.logger = logger;
        this.tally = tally;
    }

    /** The fault the plan gives the hour starting at {@code hour}. */
    abstract LineFault faultOf(FaultPlan faults, Instant hour);

    abstract String password();

    /** The hour's data (DataTime: its start), signed with {@code password}; {@code backfill} adds {@code RF=1}. */
    abstract String hourly(String qn, String password, Instant hour, boolean backfill);

    /** The QN of a packet sent at {@code time}, on the device's clock. */
    abstract String qn(Instant time);

    /** The device's answer to a platform request: 9011 with its QnRtn, or 9012 with its ExeRtn. */
    abstract String requestAnswer(String requestQn, String cn, String result);

    /** A BeginTime or EndTime of a request, read on the device's clock. */
    abstract Instant requestTime(String time);

    /** Uploads the hour starting at {@code hour}, then any hour held back before it. */
    @Override
    public void uploadHour(Instant hour) throws InterruptedException {
        List<Instant> late = List.copyOf(heldBack);
        heldBack.clear();
        LineFault fault = faultOf(faults, hour);
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
     * period that has ended, each answered 9014 before the next, then 9012 ExeRtn=1. A device keeps its history, so
     * the hours it lost on the line are sent too. A request for other data is refused with QnRtn=2.
     */
    @Override
    public void answerPlatformRequests() throws InterruptedException {
        for (Packet request : logger.platformRequests()) {
            String qn = request.qn().orElseThrow();
            if (!LoggerPackets.HOURLY.equals(request.cn())) {
                logger.sendUnanswered(Answers.frame(requestAnswer(qn, "9011", "QnRtn=2")));
                continue;
            }
            Instant begin = requestTime(request.field("BeginTime").orElseThrow());
            Instant end = requestTime(request.field("EndTime").orElseThrow());
            logger.sendUnanswered(Answers.frame(requestAnswer(qn, "9011", "QnRtn=1")));
            Instant currentHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
            for (Instant hour = begin; !hour.isAfter(end) && hour.isBefore(currentHour); hour = hour.plus(HOUR)) {
                deliver(hour, LineFault.NONE, false);
                tally.hourReissued();
            }
            logger.sendUnanswered(Answers.frame(requestAnswer(qn, "9012", "ExeRtn=1")));
        }
    }

    /** The hour's upload, due while the device is silent: sent once it is heard again, as a late resend. */
    @Override
    public void holdBack(Instant hour) {
        heldBack.add(hour);
    }

    private void deliver(Instant hour, LineFault fault, boolean backfill) throws InterruptedException {
        String qn = nextQn();
        byte[] good = Answers.frame(hourly(qn, password(), hour, backfill));
        switch (fault) {
            case BAD_CRC -> refusedFirst(withWrongCrc(good), qn);
            case WRONG_PASSWORD -> refusedFirst(Answers.frame(hourly(qn, wrongPassword(password()), hour,
                    backfill)), qn);
            case GARBLED_FRAME -> good = concat(Arrays.copyOf(good, good.length / 2), good);
            default -> { }
        }
        while (!(logger.send(good, qn) instanceof DataLogger.DataAnswer)) {
            // Refused although right: the device is not registered yet (or no longer); a device keeps trying.
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

    /** A QN per packet, strictly increasing, so an answer is never taken for another packet's. */
    String nextQn() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastQnTime = now.isAfter(lastQnTime) ? now : lastQnTime.plusMillis(1);
        return qn(lastQnTime);
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
