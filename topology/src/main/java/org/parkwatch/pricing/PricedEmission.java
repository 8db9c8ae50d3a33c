package org.parkwatch.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Pollutant;

/**
 * One pollutant and scope of a priced activity, with everything needed to recompute it by hand.
 *
 * @param amountMg exact amount in integer milligrams (ENERGY: milligrams of coal equivalent), rounded half-even
 *     once from the formula
 * @param formula the formula applied, with notes on which inputs are defaults
 * @param inputs every formula input by name, canonical units in the name, in formula order
 * @param factorsUsed the factor versions the inputs came from (empty when none was used)
 * @param estimated true when a discharge factor replaced a missing or unusable measurement
 * @param estimationReason why, when estimated; otherwise null
 */
public record PricedEmission(Pollutant pollutant, EmissionScope scope, long amountMg, String formula,
        Map<String, Double> inputs, List<FactorVersion> factorsUsed, boolean estimated, String estimationReason) {

    private static final BigDecimal MG_PER_TONNE = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MG_PER_KG = BigDecimal.valueOf(1_000_000L);

    public PricedEmission {
        Objects.requireNonNull(pollutant, "pollutant");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(formula, "formula");
        if (amountMg < 0) {
            throw new IllegalArgumentException("amountMg is negative: " + amountMg);
        }
        if (estimated != (estimationReason != null)) {
            throw new IllegalArgumentException("estimationReason must be given exactly when estimated");
        }
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        factorsUsed = List.copyOf(factorsUsed);
    }

    /** The unit people read this pollutant in: t for CO2, tce for ENERGY, kg otherwise. */
    public String displayUnit() {
        return switch (pollutant) {
            case CO2 -> "t";
            case ENERGY -> "tce";
            default -> "kg";
        };
    }

    /** {@link #amountMg()} in {@link #displayUnit()}. */
    public double displayAmount() {
        BigDecimal divisor = switch (pollutant) {
            case CO2, ENERGY -> MG_PER_TONNE;
            default -> MG_PER_KG;
        };
        if (Math.abs(amountMg) <= EXACT_IN_A_DOUBLE) {
            // both operands are exact doubles, and IEEE division rounds the exact quotient to the nearest double:
            // the same value as the decimal division below, without its cost on every entry
            return amountMg / divisor.doubleValue();
        }
        return BigDecimal.valueOf(amountMg).divide(divisor).doubleValue();
    }

    /** Integers up to 2^53 are exact in a double. */
    private static final long EXACT_IN_A_DOUBLE = 1L << 53;
}
