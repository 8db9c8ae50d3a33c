package org.parkwatch.simulator;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream for each (purpose, enterprise, source, time) from the run's seed, so that an
 * event depends only on its own coordinates: generating a period in one piece or in several gives the same events.
 */
final class Seeds {

    static final long ENTERPRISE = 1;
    static final long METER = 2;
    static final long FUEL = 3;
    static final long WASTEWATER = 4;
    static final long OUTPUT = 5;
    static final long COD_SPIKE = 6;
    static final long DESULFURIZATION_FAILURE = 7;
    static final long LOW_OUTPUT = 8;
    static final long DEFECT = 9;
    static final long SECTOR = 10;
    static final long FLUE_GAS = 11;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long purpose, long a, long b, long c) {
        long h = mix(seed + GOLDEN_GAMMA);
        h = mix(h ^ mix(purpose + GOLDEN_GAMMA));
        h = mix(h ^ mix(a + 2 * GOLDEN_GAMMA));
        h = mix(h ^ mix(b + 3 * GOLDEN_GAMMA));
        h = mix(h ^ mix(c + 4 * GOLDEN_GAMMA));
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijection that scatters neighbouring inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
