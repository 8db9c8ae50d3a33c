package org.parkwatch.simulator;

import java.util.random.RandomGenerator;

/** A closed interval of plausible values from which the park model draws one uniformly. */
record Range(double min, double max) {

    Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }

    double draw(RandomGenerator random) {
        return min == max ? min : min + (max - min) * random.nextDouble();
    }

    int drawInt(RandomGenerator random) {
        return (int) min + random.nextInt((int) max - (int) min + 1);
    }
}
