package org.parkwatch.simulator.hj212;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.simulator.EventGenerator;

/**
 * One simulated CEMS's uploads, as a water logger's ({@link LoggerSession}): each hour's flue-gas data, sent with
 * the hour's fault (drawn by the same {@link FaultPlan}) and then correctly, hours held back sent with {@code RF=1}
 * after the next hour, lost hours never sent.
 */
final class CemsSession implements HourlyUploads {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SimulatedCems cems;
    private final EventGenerator generator;
    private final CemsPackets packets;
    private final FaultPlan faults;
    private final DataLogger logger;
    private final FleetTally tally;
    private final List<Instant> heldBack = new ArrayList<>();
    private Instant lastQnTime = Instant.EPOCH;

    CemsSession(SimulatedCems cems, EventGenerator generator, CemsPackets packets, FaultPlan faults,
                DataLogger logger, FleetTally tally) {
        this.cems = cems;
        this.generator = generator;
        this.packets = packets;
        this.faults = faults;
        this.logger = logger;
        this.tally = tally;
    }

    @Override
    public void uploadHour(Instant hour) throws InterruptedException {
        List<Instant> late = List.copyOf(heldBack);
        heldBack.clear();
        LineFault fault = faults.of(cems.index(), hour);
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

    @Override
    public void uploadHeldBack() throws InterruptedException {
        for (Instant hour : List.copyOf(heldBack)) {
            deliver(hour, LineFault.NONE, true);
        }
        heldBack.clear();
    }

    /**
     * Answers the platform's requests for hourly history as a data logger does ({@link LoggerSession}, HJ 212-2017
     * Table C.21): 9011 QnRtn=1, each hour of the period that has ended, then 9012 ExeRtn=1.
     */
    @Override
    public void answerPlatformRequests() throws InterruptedException {
        for (org.parkwatch.gateway.hj212.Packet request : logger.platformRequests()) {
            String qn = request.qn().orElseThrow();
            if (!LoggerPackets.HOURLY.equals(request.cn())) {
                logger.sendUnanswered(Answers.frame(packets.requestAnswer(cems, qn, "9011", "QnRtn=2")));
                continue;
            }
            Instant begin = packets.requestTime(request.field("BeginTime").orElseThrow());
            Instant end = packets.requestTime(request.field("EndTime").orElseThrow());
            logger.sendUnanswered(Answers.frame(packets.requestAnswer(cems, qn, "9011", "QnRtn=1")));
            Instant currentHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
            for (Instant hour = begin; !hour.isAfter(end) && hour.isBefore(currentHour); hour = hour.plus(HOUR)) {
                deliver(hour, LineFault.NONE, false);
                tally.hourReissued();
            }
            logger.sendUnanswered(Answers.frame(packets.requestAnswer(cems, qn, "9012", "ExeRtn=1")));
        }
    }

    @Override
    public void sendRealTime(Instant time) throws InterruptedException {
        Instant hour = time.truncatedTo(ChronoUnit.HOURS);
        logger.sendUnanswered(Answers.frame(packets.realTime(cems, nextQn(), time, sample(hour))));
        tally.realTimeDone();
    }

    private void deliver(Instant hour, LineFault fault, boolean backfill) throws InterruptedException {
        FlueGasSample sample = sample(hour);
        String qn = nextQn();
        byte[] good = Answers.frame(packets.hourly(cems, qn, cems.password(), sample, backfill));
        switch (fault) {
            case BAD_CRC -> refusedFirst(LoggerSession.withWrongCrc(good), qn);
            case WRONG_PASSWORD -> refusedFirst(Answers.frame(packets.hourly(cems, qn,
                    LoggerSession.wrongPassword(cems.password()), sample, backfill)), qn);
            case GARBLED_FRAME -> good = LoggerSession.concat(Arrays.copyOf(good, good.length / 2), good);
            default -> { }
        }
        while (!(logger.send(good, qn) instanceof DataLogger.DataAnswer)) {
            // Refused although right: the device is not registered yet (or no longer); a CEMS keeps trying.
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

    private FlueGasSample sample(Instant hour) {
        return generator.flueGasSample(cems.enterprise(), cems.stackIndex(), hour, hour.plus(HOUR));
    }

    /** A QN per packet, strictly increasing, so an answer is never taken for another packet's. */
    private String nextQn() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastQnTime = now.isAfter(lastQnTime) ? now : lastQnTime.plusMillis(1);
        return packets.qn(lastQnTime);
    }
}
