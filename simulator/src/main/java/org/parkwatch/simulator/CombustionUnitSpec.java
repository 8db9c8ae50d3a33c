package org.parkwatch.simulator;

import org.parkwatch.avro.FuelType;

/**
 * One boiler or furnace of a simulated enterprise.
 *
 * @param unitId                 unique in the park, e.g. {@code E0001-B1}
 * @param fuel                   the fuel it burns
 * @param unit                   the unit its consumption is reported in ({@code t}, {@code kg}, {@code Nm3},
 *                               {@code 10^4 Nm3})
 * @param meanPerHour            mean consumption per hour, t or Nm3
 * @param sulfurPercent          sulfur content of the fuel, mass %, or null when not reported
 * @param desulfurizationPercent efficiency of its flue-gas desulfurisation, %, or null when it has none
 * @param ncvGjPerUnit           measured net calorific value, GJ/t, or null when the default applies
 */
public record CombustionUnitSpec(String unitId, FuelType fuel, String unit, double meanPerHour,
                                 Double sulfurPercent, Double desulfurizationPercent, Double ncvGjPerUnit) {
}
