package org.parkwatch.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact decimal arithmetic for ledger amounts: inputs taken at their printed decimal value, one rounding. */
final class Exact {

    static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    /**
     * The largest amount one ledger entry may carry: 10^16 mg, 10 million tonnes (of a pollutant, or of coal
     * equivalent). The largest coal plants emit some 30 Mt of CO2 a year, so no record of at most 31 days comes
     * near it, while window sums of such entries stay far below the 9.2 x 10^18 a long holds.
     */
    static final long MAX_ENTRY_MG = 10_000_000_000_000_000L;
    private static final BigDecimal MAX_ENTRY = BigDecimal.valueOf(MAX_ENTRY_MG);

    private Exact() {
    }

    /** The decimal a double prints as, so 20.908 is exactly 20.908 and not its binary neighbour. */
    static BigDecimal dec(double value) {
        return BigDecimal.valueOf(value);
    }

    /**
     * Product of the factors divided by {@code denominator}, rounded half-even to an integer, exactly once.
     *
     * @throws AmountOutOfRangeException when the result is beyond {@link #MAX_ENTRY_MG} either way
     */
    static long rounded(BigDecimal denominator, BigDecimal... factors) {
        BigDecimal product = BigDecimal.ONE;
        for (BigDecimal factor : factors) {
            product = product.multiply(factor);
        }
        BigDecimal amount = product.divide(denominator, 0, RoundingMode.HALF_EVEN);
        if (amount.abs().compareTo(MAX_ENTRY) > 0) {
            throw new AmountOutOfRangeException("an amount of " + amount.toEngineeringString() + " mg is too large to"
                    + " account: one ledger entry holds at most " + MAX_ENTRY_MG + " mg (10 million t)");
        }
        return amount.longValueExact();
    }

    /** A number for a formula note: 80.0 prints as 80, 0.5306 as 0.5306. */
    static String plain(double value) {
        return dec(value).stripTrailingZeros().toPlainString();
    }
}
