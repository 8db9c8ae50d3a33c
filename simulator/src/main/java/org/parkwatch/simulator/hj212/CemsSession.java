package org.parkwatch.simulator.hj212;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.simulator.EventGenerator;

/** One simulated CEMS's uploads (see {@link DeviceSession}): each hour's flue-gas data at its stack. */
final class CemsSession extends DeviceSession {

    private final SimulatedCems cems;
    private final EventGenerator generator;
    private final CemsPackets packets;

    CemsSession(SimulatedCems cems, EventGenerator generator, CemsPackets packets, FaultPlan faults,
                DataLogger logger, FleetTally tally) {
        super(faults, logger, tally);
        this.cems = cems;
        this.generator = generator;
        this.packets = packets;
    }

    @Override
    LineFault faultOf(FaultPlan faults, Instant hour) {
        return faults.of(cems.index(), hour);
    }

    @Override
    String password() {
        return cems.password();
    }

    @Override
    String hourly(String qn, String password, Instant hour, boolean backfill) {
        return packets.hourly(cems, qn, password, sample(hour), backfill);
    }

    @Override
    String qn(Instant time) {
        return packets.qn(time);
    }

    @Override
    String requestAnswer(String requestQn, String cn, String result) {
        return packets.requestAnswer(cems, requestQn, cn, result);
    }

    @Override
    Instant requestTime(String time) {
        return packets.requestTime(time);
    }

    @Override
    public void sendRealTime(Instant time) throws InterruptedException {
        Instant hour = time.truncatedTo(ChronoUnit.HOURS);
        logger.sendUnanswered(Answers.frame(packets.realTime(cems, nextQn(), time, sample(hour))));
        tally.realTimeDone();
    }

    private FlueGasSample sample(Instant hour) {
        return generator.flueGasSample(cems.enterprise(), cems.stackIndex(), hour, hour.plus(HOUR));
    }
}
