package org.parkwatch.simulator;

/**
 * How often the simulated park misbehaves in ways that should raise alerts. Each probability is per day or month of
 * one source, drawn independently.
 *
 * @param codSpikePerOutletDay             chance that an outlet has, on a given day, a COD spike of 3-6 hours at
 *                                         1.3-2.5 times its limit
 * @param desulfurizationFailurePerUnitDay chance that a unit with desulfurisation loses it (0 %) for 2-8 hours on a
 *                                         given day
 * @param lowOutputPerEnterpriseMonth      chance that an enterprise reports only 30-50 % of its nominal added value
 *                                         for a month while its energy use goes on, pushing its intensity up
 */
public record ExcursionSettings(double codSpikePerOutletDay, double desulfurizationFailurePerUnitDay,
                                double lowOutputPerEnterpriseMonth) {

    public ExcursionSettings {
        requireProbability("codSpikePerOutletDay", codSpikePerOutletDay);
        requireProbability("desulfurizationFailurePerUnitDay", desulfurizationFailurePerUnitDay);
        requireProbability("lowOutputPerEnterpriseMonth", lowOutputPerEnterpriseMonth);
    }

    /**
     * A few alerts a day in a park of 50: about one COD spike per outlet every 100 days, one desulfurisation failure
     * per unit every 200 days and one low month per enterprise every 50 months. Assumptions for simulation.
     */
    public static ExcursionSettings defaults() {
        return new ExcursionSettings(0.01, 0.005, 0.02);
    }

    /** A well-behaved park. */
    public static ExcursionSettings none() {
        return new ExcursionSettings(0, 0, 0);
    }

    /** Every excursion on every day and month: for tests and alert demos. */
    public static ExcursionSettings always() {
        return new ExcursionSettings(1, 1, 1);
    }

    static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
        }
    }
}
