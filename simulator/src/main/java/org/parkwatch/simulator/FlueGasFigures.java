package org.parkwatch.simulator;

import org.parkwatch.avro.FuelType;

/**
 * Magnitudes of a boiler's flue gas by fuel: its emission limits, its flue-gas volume per unit of heat, its O2 and
 * the concentrations a CEMS measures. Sections cited are of shared/reference/domain.md; figures marked as
 * assumptions are for simulation only.
 *
 * <p>GB 13271-2014 classes boilers by what they burn: coal-fired, oil-fired and gas-fired. Coke is a solid fuel
 * burnt like coal, and diesel, gasoline and kerosene are oils, LPG and refinery dry gas gases: that grouping is an
 * assumption for simulation, the standard's own scope text was not retrieved.
 */
public final class FlueGasFigures {

    /**
     * GB/T 2589: 1 kgce = 29.3076 MJ, so heat in GJ = kgce × 0.0293076 (domain.md section 5, the calorific
     * equivalents there are 1/29.3076).
     */
    static final double GJ_PER_KGCE = 0.0293076;

    private FlueGasFigures() {
    }

    /** How GB 13271-2014 classes a boiler burning {@code fuel}. */
    public enum BoilerClass {
        COAL, OIL, GAS
    }

    public static BoilerClass boilerClass(FuelType fuel) {
        return switch (fuel) {
            case RAW_COAL, WASHED_COAL, COKE -> BoilerClass.COAL;
            case CRUDE_OIL, FUEL_OIL, DIESEL, GASOLINE, KEROSENE -> BoilerClass.OIL;
            case NATURAL_GAS, COKE_OVEN_GAS, LPG, REFINERY_DRY_GAS -> BoilerClass.GAS;
            case UNKNOWN -> throw new IllegalArgumentException("no boiler class for UNKNOWN fuel");
        };
    }

    /** The stack of the {@code k}-th (from 0) combustion unit {@code unit} of an enterprise. */
    static StackSpec stackOf(CombustionUnitSpec unit, int k) {
        BoilerClass boiler = boilerClass(unit.fuel());
        String stackId = unit.unitId().replaceFirst("-B(\\d+)$", "-S$1");
        String standard = "GB13271-2014/in-use-" + boiler.name().toLowerCase(java.util.Locale.ROOT);
        return new StackSpec(stackId, k, unit, standard,
                so2LimitMgPerM3(boiler), noxLimitMgPerM3(boiler), particulateLimitMgPerM3(boiler),
                referenceO2Percent(boiler));
    }

    /**
     * SO2 limit of in-use boilers, GB 13271-2014, domain.md section 3 "Reference emission limits": coal 400 mg/m3
     * [S], gas 50 mg/m3 [S]. Oil: null, the reference gives no confirmed SO2 limit for oil-fired boilers ("new-boiler
     * and special limits were not confirmed [U]"), so oil stacks' SO2 concentration is not judged.
     */
    static Double so2LimitMgPerM3(BoilerClass boiler) {
        return switch (boiler) {
            case COAL -> 400.0;
            case GAS -> 50.0;
            case OIL -> null;
        };
    }

    /**
     * NOx limit, GB 13271-2014, domain.md section 3: gas 200 mg/m3 [S]. Coal and oil: null, the reference gives no
     * NOx limit for them (not confirmed [U]), so their NOx concentration is not judged.
     */
    static Double noxLimitMgPerM3(BoilerClass boiler) {
        return boiler == BoilerClass.GAS ? 200.0 : null;
    }

    /** Particulate limit of in-use boilers, GB 13271-2014: 80 / 60 / 30 mg/m3 for coal / oil / gas (domain.md 3). */
    static Double particulateLimitMgPerM3(BoilerClass boiler) {
        return switch (boiler) {
            case COAL -> 80.0;
            case OIL -> 60.0;
            case GAS -> 30.0;
        };
    }

    /**
     * Reference O2 content of GB 13271-2014, to which concentrations are converted before being judged: 9 % for
     * coal-fired, 3.5 % for oil- and gas-fired boilers. Not in shared/reference: taken from the standard's text as
     * commonly quoted, unconfirmed here; it affects only the simulated converted concentrations.
     */
    static double referenceO2Percent(BoilerClass boiler) {
        return boiler == BoilerClass.COAL ? 9.0 : 3.5;
    }

    /** Typical measured O2 at the stack, volume % dry. Assumption for simulation: close to the reference O2. */
    static double typicalO2Percent(BoilerClass boiler) {
        return boiler == BoilerClass.COAL ? 8.5 : 3.8;
    }

    /**
     * Dry flue-gas volume per GJ of heat at 0 % excess O2 (stoichiometric), Nm3/GJ: US EPA Method 19 F_d factors
     * (40 CFR 60 Appendix A-7, Table 19-2: bituminous coal 9 780, oil 9 190, natural gas 8 710 dscf/MMBtu) converted
     * at 0.0268 m3/GJ per dscf/MMBtu and 273/293 K to 0 °C. Not in shared/reference; assumption for simulation (the
     * factors are per GJ of gross heat, used here per GJ of standard-coal heat).
     */
    static double stoichiometricDryFlueGasNm3PerGj(BoilerClass boiler) {
        return switch (boiler) {
            case COAL -> 244.6;
            case OIL -> 229.8;
            case GAS -> 217.8;
        };
    }

    /**
     * Typical measured NOx (as NO2) and particulate, mg/m3 at the measured O2. Assumption for simulation: below the
     * limits where there are some (a coal boiler with low-NOx burners and a bag filter, a gas boiler with low-NOx
     * burners); the reference has no fuel-based NOx figure (domain.md section 3, NOx).
     */
    static double typicalNoxMgPerM3(BoilerClass boiler) {
        return switch (boiler) {
            case COAL -> 250;
            case OIL -> 180;
            case GAS -> 90;
        };
    }

    static double typicalParticulateMgPerM3(BoilerClass boiler) {
        return switch (boiler) {
            case COAL -> 25;
            case OIL -> 15;
            case GAS -> 4;
        };
    }

    /**
     * Sulfur content when the fuel event reports none, mass %; and sulfur of gases measured by volume, mg/Nm3: the
     * defaults of the pipeline's own factor set (topology china-default-factors.json: coal, coke and oils 1.0 %,
     * kerosene 0.2, LPG and refinery dry gas 0.01, diesel and gasoline 0.001 %; natural gas 20 mg/Nm3 after GB
     * 17820-2018, domain.md section 3; coke-oven gas 200 mg/Nm3), so the CEMS's SO2 is comparable with the fuel mass
     * balance the pipeline computes for the same hour.
     */
    static double defaultSulfurPercent(FuelType fuel) {
        return switch (fuel) {
            case KEROSENE -> 0.2;
            case LPG, REFINERY_DRY_GAS -> 0.01;
            case DIESEL, GASOLINE -> 0.001;
            default -> 1.0;
        };
    }

    static double sulfurMgPerNm3(FuelType fuel) {
        return fuel == FuelType.COKE_OVEN_GAS ? 200 : 20;
    }
}
