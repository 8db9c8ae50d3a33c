package org.parkwatch.simulator.hj212;

import java.time.Instant;

import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.simulator.EventGenerator;

/**
 * One simulated logger's uploads (see {@link DeviceSession}): each hour's water data at its outlet. A logger may
 * also lose its link for a while (a seeded fault), holding its hours back until it is heard again.
 */
final class LoggerSession extends DeviceSession {

    private final SimulatedDevice device;
    private final EventGenerator generator;
    private final LoggerPackets packets;

    LoggerSession(SimulatedDevice device, EventGenerator generator, LoggerPackets packets, FaultPlan faults,
                  DataLogger logger, FleetTally tally) {
        super(faults, logger, tally);
        this.device = device;
        this.generator = generator;
        this.packets = packets;
    }

    @Override
    LineFault faultOf(FaultPlan faults, Instant hour) {
        return faults.of(device, hour);
    }

    @Override
    String password() {
        return device.password();
    }

    @Override
    String hourly(String qn, String password, Instant hour, boolean backfill) {
        return packets.hourly(device, qn, password, sample(hour), backfill);
    }

    @Override
    String qn(Instant time) {
        return packets.qn(time);
    }

    @Override
    String requestAnswer(String requestQn, String cn, String result) {
        return packets.requestAnswer(device, requestQn, cn, result);
    }

    @Override
    Instant requestTime(String time) {
        return packets.requestTime(time);
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

    /** Real-time data at {@code time}, from the sample of its hour; no answer is asked. */
    @Override
    public void sendRealTime(Instant time) throws InterruptedException {
        Instant hour = Instant.ofEpochSecond(time.getEpochSecond() / 3600 * 3600);
        logger.sendUnanswered(Answers.frame(packets.realTime(device, nextQn(), time, sample(hour))));
        tally.realTimeDone();
    }

    private WastewaterSample sample(Instant hour) {
        return generator.wastewaterSample(device.enterprise(), device.outletIndex(), hour, hour.plus(HOUR));
    }
}
