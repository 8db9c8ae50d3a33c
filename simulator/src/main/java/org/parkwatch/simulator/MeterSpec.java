package org.parkwatch.simulator;

import org.parkwatch.avro.EnergyCarrier;

/**
 * One energy meter of a simulated enterprise.
 *
 * @param meterId              unique in the park, e.g. {@code E0001-M1}
 * @param carrier              what it measures
 * @param unit                 the unit it reports in ({@code kWh}, {@code MWh}, {@code 10^4 kWh}, {@code GJ},
 *                             {@code MJ}, {@code t})
 * @param meanPerHour          mean amount per hour in the canonical unit (kWh for electricity, GJ for heat, t for
 *                             steam)
 * @param steamEnthalpyKjPerKg specific enthalpy of the delivered steam, kJ/kg, for steam meters; otherwise null
 */
public record MeterSpec(String meterId, EnergyCarrier carrier, String unit, double meanPerHour,
                        Double steamEnthalpyKjPerKg) {
}
