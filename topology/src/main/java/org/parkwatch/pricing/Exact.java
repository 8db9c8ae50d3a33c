package org.parkwatch.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact decimal arithmetic for ledger amounts: inputs taken at their printed decimal value, one rounding. */
final class Exact {

    static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    private Exact() {
    }

    /** The decimal a double prints as, so 20.908 is exactly 20.908 and not its binary neighbour. */
    static BigDecimal dec(double value) {
        return BigDecimal.valueOf(value);
    }

    /** Product of the factors divided by {@code denominator}, rounded half-even to an integer, exactly once. */
    static long rounded(BigDecimal denominator, BigDecimal... factors) {
        BigDecimal product = BigDecimal.ONE;
        for (BigDecimal factor : factors) {
            product = product.multiply(factor);
        }
        return product.divide(denominator, 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** A number for a formula note: 80.0 prints as 80, 0.5306 as 0.5306. */
    static String plain(double value) {
        return dec(value).stripTrailingZeros().toPlainString();
    }
}
