package org.parkwatch.ingest;

import java.util.Optional;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelType;

/** What a quantity measures, which decides the units it may arrive in and its canonical unit. */
public enum QuantityKind {
    /** Electricity: canonical kWh. */
    ELECTRICITY,
    /** Purchased heat: canonical GJ. */
    HEAT,
    /** Purchased steam: canonical t (priced with its enthalpy), or GJ when metered as heat. */
    STEAM,
    /** Solid and liquid fuels, and the gases tabulated per kg (LPG, refinery dry gas): canonical t. */
    FUEL_MASS,
    /** Gaseous fuels metered by volume (natural gas, coke-oven gas): canonical Nm3. */
    FUEL_GAS,
    /** Wastewater volume: canonical m3. */
    WATER_VOLUME,
    /** Concentration in water: canonical mg/L. */
    CONCENTRATION;

    /** The kind a meter carrier measures; empty for {@link EnergyCarrier#UNKNOWN}. */
    public static Optional<QuantityKind> forCarrier(EnergyCarrier carrier) {
        return switch (carrier) {
            case ELECTRICITY, GREEN_ELECTRICITY -> Optional.of(ELECTRICITY);
            case HEAT -> Optional.of(HEAT);
            case STEAM -> Optional.of(STEAM);
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * The kind a fuel is measured as; empty for {@link FuelType#UNKNOWN}. LPG and refinery dry gas are measured by
     * mass because the GB/T 2589 reference table gives their calorific values per kg.
     */
    public static Optional<QuantityKind> forFuel(FuelType fuel) {
        return switch (fuel) {
            case NATURAL_GAS, COKE_OVEN_GAS -> Optional.of(FUEL_GAS);
            case RAW_COAL, WASHED_COAL, COKE, DIESEL, FUEL_OIL, GASOLINE, LPG, KEROSENE, CRUDE_OIL,
                    REFINERY_DRY_GAS -> Optional.of(FUEL_MASS);
            case UNKNOWN -> Optional.empty();
        };
    }
}
