package org.parkwatch.simulator;

/**
 * The stack of one simulated boiler: every combustion unit of the park has its own, so a stack's flue gas is one
 * unit's and its CEMS figures can be set against that unit's fuel.
 *
 * @param stackId                  unique in the park: the unit's id with {@code S} for {@code B}, e.g.
 *                                 {@code E0001-S1} for {@code E0001-B1}
 * @param unitIndex                which of the enterprise's combustion units it serves
 * @param unit                     that unit
 * @param emissionStandard         the standard and class its limits come from, e.g. {@code GB13271-2014/in-use-coal}
 * @param so2LimitMgPerM3          SO2 limit on the converted concentration, mg/m3, or null where unconfirmed
 * @param noxLimitMgPerM3          NOx limit, mg/m3, or null where unconfirmed
 * @param particulateLimitMgPerM3  particulate limit, mg/m3, or null where unconfirmed
 * @param referenceO2Percent       O2 content concentrations are converted to for judging, volume %
 */
public record StackSpec(String stackId, int unitIndex, CombustionUnitSpec unit, String emissionStandard,
                        Double so2LimitMgPerM3, Double noxLimitMgPerM3, Double particulateLimitMgPerM3,
                        double referenceO2Percent) {
}
