package org.parkwatch.alerting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.parkwatch.intensity.Intensity;

/** Names of the metrics rules judge, and how their values are formed. */
public final class Metrics {

    /** COD of one measured wastewater sample divided by the outlet's own COD limit (mg/L over mg/L). */
    public static final String COD_CONCENTRATION_RATIO = "cod.concentration.ratio";
    /** NH3-N of one measured wastewater sample divided by the outlet's own NH3-N limit. */
    public static final String NH3N_CONCENTRATION_RATIO = "nh3n.concentration.ratio";

    /**
     * SO2 of one hourly (or daily) CEMS sample of a stack, converted to the standard's reference O2 (ZsAvg), divided
     * by the stack's own SO2 limit (mg/m3 over mg/m3). The stack is judged as an outlet of flue gas: subject type
     * OUTLET, its stackId as the outlet.
     */
    public static final String SO2_STACK_CONCENTRATION_RATIO = "so2.stack.concentration.ratio";
    /** NOx (as NO2) of one CEMS sample, converted, over the stack's NOx limit. */
    public static final String NOX_STACK_CONCENTRATION_RATIO = "nox.stack.concentration.ratio";
    /** Particulate of one CEMS sample, converted, over the stack's particulate limit. */
    public static final String PARTICULATE_STACK_CONCENTRATION_RATIO = "particulate.stack.concentration.ratio";

    /** Scope 1 + scope 2 location-based CO2, t per 10^4 RMB of IAV. */
    public static final String CO2_INTENSITY_LOCATION = "co2.intensity.location";
    /** Scope 1 + scope 2 market-based CO2, t per 10^4 RMB of IAV. */
    public static final String CO2_INTENSITY_MARKET = "co2.intensity.market";
    /** SO2, kg per 10^4 RMB of IAV. */
    public static final String SO2_INTENSITY = "so2.intensity";
    /** COD, kg per 10^4 RMB of IAV. */
    public static final String COD_INTENSITY = "cod.intensity";
    /** NH3-N, kg per 10^4 RMB of IAV. */
    public static final String NH3N_INTENSITY = "nh3n.intensity";
    /** Energy consumption, tce per 10^4 RMB of IAV. */
    public static final String ENERGY_INTENSITY = "energy.intensity";
    /** Location-based CO2 per tce of energy consumed, t/tce. */
    public static final String CO2_PER_TCE = "co2.per.tce";

    /** Year-to-date COD load divided by the annual permitted COD load. */
    public static final String COD_LOAD_YTD_RATIO = "cod.load.ytd.ratio";
    /** Year-to-date NH3-N load divided by the annual permitted NH3-N load. */
    public static final String NH3N_LOAD_YTD_RATIO = "nh3n.load.ytd.ratio";
    /** Year-to-date SO2 load divided by the annual permitted SO2 load. */
    public static final String SO2_LOAD_YTD_RATIO = "so2.load.ytd.ratio";

    public static final List<String> CONCENTRATION = List.of(COD_CONCENTRATION_RATIO, NH3N_CONCENTRATION_RATIO,
            SO2_STACK_CONCENTRATION_RATIO, NOX_STACK_CONCENTRATION_RATIO, PARTICULATE_STACK_CONCENTRATION_RATIO);
    public static final List<String> INTENSITY = List.of(CO2_INTENSITY_LOCATION, CO2_INTENSITY_MARKET, SO2_INTENSITY,
            COD_INTENSITY, NH3N_INTENSITY, ENERGY_INTENSITY, CO2_PER_TCE);
    public static final List<String> QUOTA = List.of(COD_LOAD_YTD_RATIO, NH3N_LOAD_YTD_RATIO, SO2_LOAD_YTD_RATIO);

    private static final double MG_PER_KG = 1e6;

    private Metrics() {
    }

    /**
     * Measured concentration over the outlet's limit; empty when the outlet has no usable limit (absent, zero or
     * negative) or the concentration is not a finite number.
     */
    public static OptionalDouble concentrationRatio(double measuredMgPerL, Double limitMgPerL) {
        if (limitMgPerL == null || !(limitMgPerL > 0) || !Double.isFinite(limitMgPerL)
                || !Double.isFinite(measuredMgPerL)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(measuredMgPerL / limitMgPerL);
    }

    /**
     * Year-to-date load (mg, as in the totals) over the annual permitted load (kg per year); empty when the permit
     * sets no positive load.
     */
    public static OptionalDouble loadRatio(long yearToDateMg, Double permittedKgPerYear) {
        if (permittedKgPerYear == null || !(permittedKgPerYear > 0) || !Double.isFinite(permittedKgPerYear)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(yearToDateMg / MG_PER_KG / permittedKgPerYear);
    }

    /** The intensity metrics an intensity gives a value for, by metric name (none of the per-IAV ones if PENDING). */
    public static Map<String, Double> intensityValues(Intensity i) {
        Map<String, Double> values = new LinkedHashMap<>();
        put(values, CO2_INTENSITY_LOCATION, i, Intensity::co2LocationTPer10kRmb);
        put(values, CO2_INTENSITY_MARKET, i, Intensity::co2MarketTPer10kRmb);
        put(values, SO2_INTENSITY, i, Intensity::so2KgPer10kRmb);
        put(values, COD_INTENSITY, i, Intensity::codKgPer10kRmb);
        put(values, NH3N_INTENSITY, i, Intensity::nh3nKgPer10kRmb);
        put(values, ENERGY_INTENSITY, i, Intensity::energyTcePer10kRmb);
        put(values, CO2_PER_TCE, i, Intensity::co2TPerTce);
        return values;
    }

    private static void put(Map<String, Double> values, String metric, Intensity i,
                            Function<Intensity, OptionalDouble> value) {
        value.apply(i).ifPresent(v -> values.put(metric, v));
    }
}
