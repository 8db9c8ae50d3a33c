package org.parkwatch.simulator;

import org.parkwatch.avro.FuelType;

/**
 * Magnitudes of one combustion unit by fuel: burn rate, sulfur, desulfurisation and energy content. Sections cited
 * are of shared/reference/domain.md; uncited figures are assumptions for simulation.
 */
final class FuelFigures {

    private FuelFigures() {
    }

    /** Whether the fuel is measured by volume (Nm3) rather than by mass (t). */
    static boolean gaseous(FuelType fuel) {
        return fuel == FuelType.NATURAL_GAS || fuel == FuelType.COKE_OVEN_GAS;
    }

    /**
     * Mean burn rate of one unit, t/h or Nm3/h. Assumption for simulation; for coal, a 4-50 t/h steam boiler needs
     * ~2.7 GJ per t of steam at ~80 % efficiency, i.e. ~0.16 t of raw coal (NCV 20.908 GJ/t, section 2.4) per t of
     * steam, so 0.5-8 t/h.
     */
    static Range ratePerHour(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL -> new Range(0.5, 8);
            case WASHED_COAL -> new Range(0.4, 6);
            case COKE -> new Range(0.3, 3);
            case NATURAL_GAS -> new Range(200, 5_000);
            case COKE_OVEN_GAS -> new Range(1_000, 10_000);
            case DIESEL -> new Range(0.02, 0.3);
            case FUEL_OIL, CRUDE_OIL -> new Range(0.3, 3);
            case LPG -> new Range(0.05, 0.5);
            case REFINERY_DRY_GAS -> new Range(0.5, 5);
            case GASOLINE, KEROSENE -> new Range(0.02, 0.2);
            case UNKNOWN -> throw new IllegalArgumentException("no figures for UNKNOWN fuel");
        };
    }

    /**
     * Sulfur content, mass % as received, or null where the fuel's sulfur is negligible or not reported. Coal: at
     * most 1 % for imported and 3 % for locally traded coal (section 3), so 0.5-2.5 %. Coke, fuel oil and diesel
     * (China VI diesel, 10 mg/kg = 0.001 %) are assumptions for simulation.
     */
    static Range sulfurPercent(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL, WASHED_COAL -> new Range(0.5, 2.5);
            case COKE -> new Range(0.5, 0.9);
            case FUEL_OIL, CRUDE_OIL -> new Range(0.5, 2.0);
            case DIESEL -> new Range(0.001, 0.001);
            default -> null;
        };
    }

    /** Probability that the unit has flue-gas desulfurisation. Assumption for simulation. */
    static double desulfurizationProbability(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL, WASHED_COAL, COKE -> 0.9;
            case FUEL_OIL, CRUDE_OIL -> 0.5;
            default -> 0.0;
        };
    }

    /** Desulfurisation efficiency of a working unit, %. Assumption for simulation (wet limestone FGD). */
    static Range desulfurizationPercent() {
        return new Range(85, 98);
    }

    /**
     * Measured net calorific value, GJ/t, for fuels whose NCV varies by batch enough to be analysed, or null.
     * Around the defaults of section 2.4 (raw coal 20.908, washed coal 26.344 GJ/t), +-10 % by assumption.
     */
    static Range measuredNcvGjPerTonne(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL -> new Range(19.0, 23.0);
            case WASHED_COAL -> new Range(24.5, 27.5);
            default -> null;
        };
    }

    /**
     * Standard coal equivalent, kgce per t (or per Nm3 for gases), from the GB/T 2589 reference table (section 5);
     * natural gas uses the NBS statistical 1.2143 kgce/m3.
     */
    static double kgcePerCanonicalUnit(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL -> 714.3;
            case WASHED_COAL -> 900.0;
            case COKE -> 971.4;
            case CRUDE_OIL, FUEL_OIL -> 1_428.6;
            case GASOLINE, KEROSENE -> 1_471.4;
            case DIESEL -> 1_457.1;
            case LPG -> 1_714.3;
            case REFINERY_DRY_GAS -> 1_571.4;
            case NATURAL_GAS -> 1.2143;
            case COKE_OVEN_GAS -> 0.6143;
            case UNKNOWN -> throw new IllegalArgumentException("no figures for UNKNOWN fuel");
        };
    }

    /**
     * Fraction of the sulfur that leaves as SO2: 0.8 for coal (section 3); 1.0 for liquid fuels is commonly taken
     * but unconfirmed in the reference ([U] there), so it serves here only to size simulated permits.
     */
    static double sulfurToSo2Fraction(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL, WASHED_COAL, COKE -> 0.8;
            default -> 1.0;
        };
    }
}
