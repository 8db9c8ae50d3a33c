package org.parkwatch.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** How report figures are written: exact where the ledger is exact, rounded half-even for people elsewhere. */
final class Numbers {

    private Numbers() {
    }

    /** A double at full precision (CSV: for recomputing). */
    static String full(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String full(OptionalDouble v) {
        return v.isPresent() ? full(v.getAsDouble()) : "";
    }

    /** A double rounded to {@code scale} decimals, half-even. */
    static String rounded(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String rounded(OptionalDouble v, int scale) {
        return v.isPresent() ? rounded(v.getAsDouble(), scale) : "n/a";
    }

    /** An exact amount in its display unit, rounded to {@code scale} decimals half-even. */
    static String amount(Measure m, long mg, int scale) {
        return m.inUnit(mg).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse("");
    }
}
