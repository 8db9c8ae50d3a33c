package org.parkwatch.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small factor history with the values of the domain reference, so pricing tests do not depend on the JSON set. */
final class TestFactors {

    static final Instant Y2022 = FactorKeys.validFromOfDataYear(2022);
    static final Instant Y2023 = FactorKeys.validFromOfDataYear(2023);

    static final FactorVersion GRID_EAST_2022 = version("grid.location.EAST", Y2022, 0.5617, "tCO2/MWh", Map.of());
    static final FactorVersion GRID_EAST_2023 = version("grid.location.EAST", Y2023, 0.5500, "tCO2/MWh", Map.of());
    static final FactorVersion RESIDUAL_2023 = version("grid.market.residual", Y2023, 0.6096, "tCO2/MWh", Map.of());
    static final FactorVersion HEAT = version("heat", Y2022, 0.11, "tCO2/GJ", Map.of());
    static final FactorVersion TCE_ELECTRICITY = version("tce.electricity", Y2022, 0.1229, "kgce/kWh", Map.of());
    static final FactorVersion TCE_HEAT = version("tce.heat", Y2022, 34.12, "kgce/GJ", Map.of());
    static final FactorVersion RAW_COAL = version("fuel.RAW_COAL", Y2022, 1.9003, "tCO2/t", Map.of(
            "ncvGjPerUnit", 20.908, "carbonContentTcPerGj", 0.02637, "oxidationRate", 0.94, "kgcePerUnit", 714.3,
            "sulfurPercentDefault", 1.0, "sulfurConversion", 0.8));
    static final FactorVersion NATURAL_GAS = version("fuel.NATURAL_GAS", Y2022, 0.0021622, "tCO2/Nm3", Map.of(
            "ncvGjPerUnit", 0.038931, "carbonContentTcPerGj", 0.0153, "oxidationRate", 0.99, "kgcePerUnit", 1.33,
            "sulfurMgPerNm3Default", 20.0, "sulfurConversion", 1.0));
    static final FactorVersion COD_CHEMICALS = version("discharge.cod.chemicals", Y2022, 1000, "mg/L", Map.of());
    static final FactorVersion COD_DEFAULT = version("discharge.cod.default", Y2022, 500, "mg/L", Map.of());
    static final FactorVersion NH3N_DEFAULT = version("discharge.nh3n.default", Y2022, 25, "mg/L", Map.of());

    private TestFactors() {
    }

    static FactorHistory history() {
        return FactorHistory.of(List.of(GRID_EAST_2022, GRID_EAST_2023, RESIDUAL_2023, HEAT, TCE_ELECTRICITY,
                TCE_HEAT, RAW_COAL, NATURAL_GAS, COD_CHEMICALS, COD_DEFAULT, NH3N_DEFAULT));
    }

    static FactorVersion version(String key, Instant validFrom, double value, String unit, Map<String, Double> p) {
        return new FactorVersion(key, validFrom, value, unit, p, "test: domain reference value");
    }
}
