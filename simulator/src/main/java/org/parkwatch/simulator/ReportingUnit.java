package org.parkwatch.simulator;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The units in which simulated meters and fuel gauges report, with the factor into the canonical unit of the tally
 * (kWh, GJ, t, Nm3) and the number of decimals they report. Several units per quantity make the pipeline convert.
 */
enum ReportingUnit {
    KWH("kWh", 1, 2),
    MWH("MWh", 1_000, 5),
    TEN_THOUSAND_KWH("10^4 kWh", 10_000, 6),
    GJ("GJ", 1, 4),
    MJ("MJ", 0.001, 1),
    TONNE("t", 1, 4),
    KILOGRAM("kg", 0.001, 2),
    NM3("Nm3", 1, 2),
    TEN_THOUSAND_NM3("10^4 Nm3", 10_000, 6);

    private static final Map<String, ReportingUnit> BY_SYMBOL =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(ReportingUnit::symbol, Function.identity()));

    private final String symbol;
    private final double toCanonical;
    private final double scale;

    ReportingUnit(String symbol, double toCanonical, int decimals) {
        this.symbol = symbol;
        this.toCanonical = toCanonical;
        this.scale = Math.pow(10, decimals);
    }

    static ReportingUnit of(String symbol) {
        ReportingUnit unit = BY_SYMBOL.get(symbol);
        if (unit == null) {
            throw new IllegalArgumentException("not a simulator unit: " + symbol);
        }
        return unit;
    }

    String symbol() {
        return symbol;
    }

    double toCanonical(double quantity) {
        return quantity * toCanonical;
    }

    /**
     * The canonical amount written in this unit, rounded to the unit's decimals but never to zero, since a meter
     * that ran during the interval reports at least its last digit.
     */
    double fromCanonical(double canonical) {
        double rounded = Math.round(canonical / toCanonical * scale) / scale;
        return Math.max(rounded, 1 / scale);
    }
}
