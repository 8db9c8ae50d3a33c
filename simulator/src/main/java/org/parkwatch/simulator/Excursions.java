package org.parkwatch.simulator;

import java.util.SplittableRandom;

/**
 * Decides, from the seed alone, when each source misbehaves. An excursion is drawn per source and day (or month),
 * so whether an interval falls into one does not depend on which period is being generated.
 */
final class Excursions {

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;

    private final long seed;
    private final ExcursionSettings settings;

    Excursions(long seed, ExcursionSettings settings) {
        this.seed = seed;
        this.settings = settings;
    }

    /** Whether the outlet's interval starting at {@code startMillis} lies in a COD spike (3-6 hours). */
    boolean codSpike(int enterprise, int outlet, long startMillis) {
        return inEpisode(Seeds.COD_SPIKE, enterprise, outlet, startMillis, settings.codSpikePerOutletDay(), 3, 6);
    }

    /** Whether the unit's interval starting at {@code startMillis} lies in a desulfurisation failure (2-8 hours). */
    boolean desulfurizationFailure(int enterprise, int unit, long startMillis) {
        return inEpisode(Seeds.DESULFURIZATION_FAILURE, enterprise, unit, startMillis,
                settings.desulfurizationFailurePerUnitDay(), 2, 8);
    }

    /** Whether the enterprise's month starting at {@code periodStartMillis} is a low-output month. */
    boolean lowOutput(int enterprise, long periodStartMillis) {
        double p = settings.lowOutputPerEnterpriseMonth();
        return p > 0 && Seeds.random(seed, Seeds.LOW_OUTPUT, enterprise, 0, periodStartMillis).nextDouble() < p;
    }

    /**
     * An episode starts on a given UTC day with probability p, at a whole hour of that day, and lasts minHours to
     * maxHours; since that is under a day, an interval can only be in the episode of its own day or the day before.
     */
    private boolean inEpisode(long purpose, int enterprise, int source, long startMillis, double p, int minHours,
                              int maxHours) {
        if (p <= 0) {
            return false;
        }
        long day = Math.floorDiv(startMillis, DAY_MILLIS);
        for (long d = day - 1; d <= day; d++) {
            SplittableRandom random = Seeds.random(seed, purpose, enterprise, source, d);
            if (random.nextDouble() >= p) {
                continue;
            }
            long begin = d * DAY_MILLIS + random.nextInt(24) * HOUR_MILLIS;
            long end = begin + (minHours + random.nextInt(maxHours - minHours + 1)) * HOUR_MILLIS;
            if (startMillis >= begin && startMillis < end) {
                return true;
            }
        }
        return false;
    }
}
