package org.parkwatch.simulator.hj212;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Decides, from the seed alone, which hourly uploads go wrong and how: each hour of each device has the same small
 * probability of one {@link LineFault}, the faults equally likely. The same seed gives the same faults.
 */
public record FaultPlan(long seed, double probability) {

    private static final LineFault[] FAULTS = {LineFault.BAD_CRC, LineFault.WRONG_PASSWORD, LineFault.GARBLED_FRAME,
            LineFault.MISSING_HOUR, LineFault.LATE_RESEND};

    public FaultPlan {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("fault probability must be in [0, 1]: " + probability);
        }
    }

    public static FaultPlan none() {
        return new FaultPlan(0, 0);
    }

    /**
     * Whether {@code device} falls silent at {@code hour} (its link lost: no packet at all for
     * {@link #SILENCE}), a rarer fault than those of {@link #of}: a quarter of the fault probability, from a draw of
     * its own so the line faults of a seed stay as they were.
     */
    public boolean goesSilent(SimulatedDevice device, Instant hour) {
        if (probability == 0) {
            return false;
        }
        SplittableRandom random = new SplittableRandom((seed * 31 + device.index()) * 1_000_003L
                ^ hour.getEpochSecond() ^ 0x51_1E_47L);
        return random.nextDouble() < probability / 4;
    }

    /** How long a device that goes silent stays silent: two hours, beyond the gateway's 3-interval tolerance. */
    public static final java.time.Duration SILENCE = java.time.Duration.ofHours(2);

    /** The fault of the hour starting at {@code hour} of {@code device}. */
    public LineFault of(SimulatedDevice device, Instant hour) {
        return of(device.index(), hour);
    }

    /** The fault of the hour starting at {@code hour} of the fleet's device at {@code deviceIndex}. */
    public LineFault of(int deviceIndex, Instant hour) {
        if (probability == 0) {
            return LineFault.NONE;
        }
        SplittableRandom random = new SplittableRandom(new SplittableRandom(seed * 31 + deviceIndex)
                .split().nextLong() ^ hour.getEpochSecond());
        random = new SplittableRandom(random.nextLong());
        return random.nextDouble() < probability ? FAULTS[random.nextInt(FAULTS.length)] : LineFault.NONE;
    }
}
