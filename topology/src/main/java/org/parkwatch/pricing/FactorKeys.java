package org.parkwatch.pricing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;

/**
 * The factor key scheme. Values are per canonical unit (kWh, GJ, t, Nm3, m3):
 * <ul>
 *   <li>{@code grid.location.<GridRegion>}: average CO2 factor of the grid, tCO2/MWh (location-based scope 2);</li>
 *   <li>{@code grid.market.residual}: national average excluding market-traded non-fossil electricity, tCO2/MWh
 *       (market-based scope 2 of electricity not bought as green power);</li>
 *   <li>{@code heat}: purchased heat and steam, tCO2/GJ;</li>
 *   <li>{@code fuel.<FuelType>}: value the CO2 emission factor in tCO2 per t (or per Nm3 for natural gas and
 *       coke-oven gas), with parameters {@value #NCV_GJ_PER_UNIT}, {@value #CARBON_CONTENT_TC_PER_GJ},
 *       {@value #OXIDATION_RATE}, {@value #KGCE_PER_UNIT}, {@value #SULFUR_CONVERSION} and either
 *       {@value #SULFUR_PERCENT_DEFAULT} (fuels measured by mass) or {@value #SULFUR_MG_PER_NM3_DEFAULT} (gases
 *       measured by volume, whose sulfur is specified per Nm3);</li>
 *   <li>{@code tce.electricity} (kgce/kWh, calorific equivalent) and {@code tce.heat} (kgce/GJ);</li>
 *   <li>{@code discharge.cod.<sector>} and {@code discharge.nh3n.<sector>}: concentration (mg/L) that estimates a
 *       load when no valid measurement exists; sector {@value #DEFAULT_SECTOR} is the fallback.</li>
 * </ul>
 * Validity convention: the factor published for data year Y is valid from Y-01-01T00:00 in Asia/Shanghai
 * ({@link #validFromOfDataYear}) and stays in force until the next year's version. Activity of a year is thus
 * priced at that year's factor once it is published; compliance reports of a year use the latest published
 * factor (Y-2), which a report can choose by pricing with a different history.
 */
public final class FactorKeys {

    /** Zone in which factor validity starts at local midnight. */
    public static final ZoneId FACTOR_ZONE = ZoneId.of("Asia/Shanghai");

    public static final String GRID_MARKET_RESIDUAL = "grid.market.residual";
    public static final String HEAT = "heat";
    public static final String TCE_ELECTRICITY = "tce.electricity";
    public static final String TCE_HEAT = "tce.heat";
    public static final String DEFAULT_SECTOR = "default";

    /** Net calorific value, GJ per canonical unit (t or Nm3). */
    public static final String NCV_GJ_PER_UNIT = "ncvGjPerUnit";
    /** Carbon content per unit heat, tC/GJ. */
    public static final String CARBON_CONTENT_TC_PER_GJ = "carbonContentTcPerGj";
    /** Carbon oxidation rate, fraction. */
    public static final String OXIDATION_RATE = "oxidationRate";
    /** Standard coal equivalent, kgce per canonical unit (t or Nm3). */
    public static final String KGCE_PER_UNIT = "kgcePerUnit";
    /** Default sulfur content, mass %, for fuels measured by mass. */
    public static final String SULFUR_PERCENT_DEFAULT = "sulfurPercentDefault";
    /** Default total sulfur, mg/Nm3, for gases measured by volume. */
    public static final String SULFUR_MG_PER_NM3_DEFAULT = "sulfurMgPerNm3Default";
    /** Fraction of the sulfur converted into SO2 (D), fraction. */
    public static final String SULFUR_CONVERSION = "sulfurConversion";

    private static final String GRID_LOCATION_PREFIX = "grid.location.";
    private static final String FUEL_PREFIX = "fuel.";
    private static final String DISCHARGE_COD_PREFIX = "discharge.cod.";
    private static final String DISCHARGE_NH3N_PREFIX = "discharge.nh3n.";

    private FactorKeys() {
    }

    public static String gridLocation(GridRegion region) {
        return GRID_LOCATION_PREFIX + region.name();
    }

    public static String fuel(FuelType fuel) {
        return FUEL_PREFIX + fuel.name();
    }

    /** COD discharge factor of {@code sector} (trimmed, lower case; blank means {@value #DEFAULT_SECTOR}). */
    public static String dischargeCod(String sector) {
        return DISCHARGE_COD_PREFIX + normaliseSector(sector);
    }

    /** NH3-N discharge factor of {@code sector} (trimmed, lower case; blank means {@value #DEFAULT_SECTOR}). */
    public static String dischargeNh3n(String sector) {
        return DISCHARGE_NH3N_PREFIX + normaliseSector(sector);
    }

    /** The first instant a factor of data year {@code year} applies: {@code year}-01-01T00:00 Asia/Shanghai. */
    public static Instant validFromOfDataYear(int year) {
        return validFromOfLocalDate(LocalDate.of(year, 1, 1));
    }

    /** Local midnight at the start of {@code date} in {@link #FACTOR_ZONE}. */
    public static Instant validFromOfLocalDate(LocalDate date) {
        return date.atStartOfDay(FACTOR_ZONE).toInstant();
    }

    /** The region of a {@code grid.location.<GridRegion>} key; empty for any other key. */
    static Optional<GridRegion> gridRegionOf(String key) {
        return suffix(key, GRID_LOCATION_PREFIX).flatMap(name -> enumConstant(GridRegion.class, name));
    }

    /** The fuel of a {@code fuel.<FuelType>} key; empty for any other key. */
    static Optional<FuelType> fuelOf(String key) {
        return suffix(key, FUEL_PREFIX).flatMap(name -> enumConstant(FuelType.class, name));
    }

    /** The sector of a {@code discharge.cod.<sector>} key, as {@link #dischargeCod} wrote it; else empty. */
    static Optional<String> sectorOfDischargeCod(String key) {
        return suffix(key, DISCHARGE_COD_PREFIX).filter(sector -> dischargeCod(sector).equals(key));
    }

    /** The sector of a {@code discharge.nh3n.<sector>} key, as {@link #dischargeNh3n} wrote it; else empty. */
    static Optional<String> sectorOfDischargeNh3n(String key) {
        return suffix(key, DISCHARGE_NH3N_PREFIX).filter(sector -> dischargeNh3n(sector).equals(key));
    }

    private static Optional<String> suffix(String key, String prefix) {
        return key.startsWith(prefix) ? Optional.of(key.substring(prefix.length())) : Optional.empty();
    }

    private static <E extends Enum<E>> Optional<E> enumConstant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    static String normaliseSector(String sector) {
        return sector == null || sector.isBlank() ? DEFAULT_SECTOR : sector.strip().toLowerCase(Locale.ROOT);
    }
}
