package org.parkwatch.report;

import java.math.BigDecimal;
import java.util.Optional;
import org.parkwatch.avro.EmissionEntry;

/**
 * The figures a report sums from the ledger, each from the entries of one pollutant and scope. Amounts are kept in
 * the ledger's integer milligrams (energy: milligrams of coal equivalent) and shown in {@link #unit()}.
 */
public enum Measure {
    CO2_SCOPE1("CO2 scope 1", "t", 9),
    CO2_SCOPE2_LOCATION("CO2 scope 2, location-based", "t", 9),
    CO2_SCOPE2_MARKET("CO2 scope 2, market-based", "t", 9),
    /** SO2 of fuel burnt, by the material balance 2 x B x S x D x (1 - eta). */
    SO2_MATERIAL_BALANCE("SO2, material balance", "kg", 6),
    /** SO2 from measured flue-gas loads: any SO2 entry not priced by the material balance. */
    SO2_MEASURED("SO2, measured", "kg", 6),
    COD("COD", "kg", 6),
    NH3_N("NH3-N", "kg", 6),
    ENERGY("Energy", "tce", 9),
    /** NOx as NO2, loads measured at stacks (CEMS). */
    NOX("NOx, measured", "kg", 6),
    /** Particulate matter, loads measured at stacks (CEMS). */
    PARTICULATE("Particulate, measured", "kg", 6);

    /**
     * The formula input only the material balance has (the conversion D of sulfur to SO2, FuelPricing): how the
     * ledger tells a balance figure from a measured one.
     */
    static final String MATERIAL_BALANCE_INPUT = "sulfurConversion";

    private final String label;
    private final String unit;
    private final int mgPerUnitExponent;

    Measure(String label, String unit, int mgPerUnitExponent) {
        this.label = label;
        this.unit = unit;
        this.mgPerUnitExponent = mgPerUnitExponent;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** The amount in {@link #unit()}, exactly (1 t = 10^9 mg, 1 kg = 10^6 mg, 1 tce = 10^9 mgce). */
    public BigDecimal inUnit(long mg) {
        return BigDecimal.valueOf(mg).movePointLeft(mgPerUnitExponent);
    }

    /** The measure an entry adds to; empty for an entry of unknown pollutant (never summed, listed as such). */
    public static Optional<Measure> of(EmissionEntry e) {
        return Optional.ofNullable(switch (e.getPollutant()) {
            case CO2 -> switch (e.getScope()) {
                case SCOPE1 -> CO2_SCOPE1;
                case SCOPE2_LOCATION -> CO2_SCOPE2_LOCATION;
                case SCOPE2_MARKET -> CO2_SCOPE2_MARKET;
                case NONE -> null;
            };
            case SO2 -> e.getInputs().containsKey(MATERIAL_BALANCE_INPUT) ? SO2_MATERIAL_BALANCE : SO2_MEASURED;
            case COD -> COD;
            case NH3_N -> NH3_N;
            case ENERGY -> ENERGY;
            case NOX -> NOX;
            case PARTICULATE -> PARTICULATE;
            case UNKNOWN -> null;
        });
    }
}
