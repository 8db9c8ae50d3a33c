package org.parkwatch.simulator.hj212;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a fleet of simulated loggers sent: hours delivered, refusals heard, faults injected, real-time packets. */
public final class FleetTally {

    private final AtomicLong hoursDelivered = new AtomicLong();
    private final AtomicLong refusalsHeard = new AtomicLong();
    private final AtomicLong realTimeSent = new AtomicLong();
    private final AtomicLong hoursReissued = new AtomicLong();
    private final Map<LineFault, AtomicLong> faults = new EnumMap<>(LineFault.class);

    public FleetTally() {
        for (LineFault fault : LineFault.values()) {
            faults.put(fault, new AtomicLong());
        }
    }

    void hourDelivered() {
        hoursDelivered.incrementAndGet();
    }

    void hourReissued() {
        hoursReissued.incrementAndGet();
    }

    void refusalHeard() {
        refusalsHeard.incrementAndGet();
    }

    void realTimeDone() {
        realTimeSent.incrementAndGet();
    }

    void fault(LineFault fault) {
        faults.get(fault).incrementAndGet();
    }

    /** Hourly packets the platform answered with 9014, late resends included. */
    public long hoursDelivered() {
        return hoursDelivered.get();
    }

    /** Hours sent again because the platform asked (HJ 212-2017 Appendix C); also counted as delivered. */
    public long hoursReissued() {
        return hoursReissued.get();
    }

    /** 9011 refusals heard (one per bad CRC or wrong password injected). */
    public long refusalsHeard() {
        return refusalsHeard.get();
    }

    public long realTimeSent() {
        return realTimeSent.get();
    }

    /** How many hours had this fault injected. */
    public long faults(LineFault fault) {
        return faults.get(fault).get();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(hoursDelivered()).append(" hours delivered, ")
                .append(hoursReissued()).append(" of them asked for again, ")
                .append(realTimeSent.get()).append(" real-time packets, ").append(refusalsHeard())
                .append(" refusals heard; faults:");
        faults.forEach((fault, count) -> {
            if (fault != LineFault.NONE) {
                text.append(' ').append(fault).append('=').append(count.get());
            }
        });
        return text.toString();
    }
}
