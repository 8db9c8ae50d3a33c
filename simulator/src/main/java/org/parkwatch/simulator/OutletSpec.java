package org.parkwatch.simulator;

/**
 * One wastewater outlet of a simulated enterprise.
 *
 * @param outletId                             unique in the park, e.g. {@code E0001-W1}
 * @param dischargeClass                       {@code GB8978-1996/2} or {@code GB8978-1996/3}
 * @param codLimitMgPerL                       COD limit of the class, mg/L
 * @param ammoniaNitrogenLimitMgPerL           NH3-N limit, mg/L, or null when the class sets none
 * @param meanM3PerDay                         mean discharge, m3/day
 * @param typicalCodMgPerL                     COD around which normal samples vary, mg/L
 * @param typicalAmmoniaNitrogenMgPerL         NH3-N around which normal samples vary, mg/L
 * @param codDischargeFactorMgPerL             COD used to estimate unmeasured samples, or null for the sector
 *                                             default
 * @param ammoniaNitrogenDischargeFactorMgPerL NH3-N used to estimate unmeasured samples, or null
 */
public record OutletSpec(String outletId, String dischargeClass, double codLimitMgPerL,
                         Double ammoniaNitrogenLimitMgPerL, double meanM3PerDay, double typicalCodMgPerL,
                         double typicalAmmoniaNitrogenMgPerL, Double codDischargeFactorMgPerL,
                         Double ammoniaNitrogenDischargeFactorMgPerL) {
}
