package org.parkwatch.intensity;

import java.util.OptionalDouble;
import org.parkwatch.totals.Amounts;

/**
 * A subject's intensities over the elapsed hours of a window: covered emissions per 10^4 RMB of the IAV of the same
 * hours. Every per-IAV value is empty when the status is PENDING; {@code co2TPerTce} does not depend on IAV and is
 * given whenever the energy of all emissions is above 0.
 *
 * @param totals all emissions of the elapsed hours, covered or not
 * @param co2LocationTPer10kRmb scope 1 + scope 2 location-based CO2, t per 10^4 RMB
 * @param co2MarketTPer10kRmb scope 1 + scope 2 market-based CO2, t per 10^4 RMB
 * @param energyTcePer10kRmb energy consumption, tce per 10^4 RMB
 * @param co2TPerTce location-based CO2 of all emissions, t per tce of their energy
 */
public record Intensity(Status status, Amounts totals, CoveredFigures covered, OptionalDouble co2LocationTPer10kRmb,
                        OptionalDouble co2MarketTPer10kRmb, OptionalDouble so2KgPer10kRmb,
                        OptionalDouble codKgPer10kRmb, OptionalDouble nh3nKgPer10kRmb,
                        OptionalDouble energyTcePer10kRmb, OptionalDouble co2TPerTce) {

    /** How much of the elapsed hours IAV covers. */
    public enum Status {
        /** Every elapsed hour is covered. */
        AVAILABLE,
        /** Some elapsed hours are covered; the values are over those hours only. */
        PARTIAL,
        /** No elapsed hour is covered, or the covered IAV is not above 0: no per-IAV value. */
        PENDING
    }
}
