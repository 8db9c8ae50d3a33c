package org.parkwatch.ingest;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.parkwatch.avro.FuelType;

/**
 * Upper bounds that separate a real reading from a unit or decimal-point error, as a rate per hour of the interval
 * (canonical unit per hour), plus the interval limits. The defaults are set for the largest single enterprise a
 * park hosts, a few times above what it can draw, so that only gross errors (Wh read as kWh, MWh typed as kWh,
 * a shifted decimal point) are rejected:
 * <ul>
 *   <li>electricity 500 000 kWh/h (500 MW): large fabs draw up to ~100 MWh per hour and EAF steel plants a few
 *       tens of MW per furnace (domain reference section 7);</li>
 *   <li>steam 1 000 t/h and heat 3 000 GJ/h: 1 000 t/h of process steam is ~2 800 GJ/h, above what any single
 *       industrial buyer takes;</li>
 *   <li>solid fuels 1 000 t/h: a 1 000 MW coal unit burns ~430 t/h of raw coal (2 500 MW thermal / 20.9 GJ/t);
 *       liquid fuels 300 t/h; gases 500 000 Nm3/h, about three times a 1 000 MW gas-fired unit
 *       (~170 000 Nm3/h);</li>
 *   <li>wastewater 10 000 m3/h (240 000 m3/day, above the largest pulp mills) and concentrations 100 000 mg/L
 *       (10 % of the mass of the water; COD of the strongest industrial effluents is a few 10^4 mg/L);</li>
 *   <li>intervals up to 31 days (a monthly meter reading) and event times up to 5 minutes ahead of the clock:
 *       data-logger clocks drift, which is why HJ 212-2017 has a time-calibration command (CN 1013).</li>
 * </ul>
 */
public record PlausibilityBounds(
        double electricityKwhPerHour,
        double heatGjPerHour,
        double steamTonnesPerHour,
        Map<FuelType, Double> fuelPerHour,
        double wastewaterM3PerHour,
        double concentrationMgPerL,
        Duration maxInterval,
        Duration futureTolerance) {

    public PlausibilityBounds {
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        fuelPerHour = Map.copyOf(fuelPerHour);
        if (maxInterval.isNegative() || maxInterval.isZero() || futureTolerance.isNegative()) {
            throw new IllegalArgumentException("maxInterval must be positive and futureTolerance not negative");
        }
    }

    /** The defaults described above. */
    public static PlausibilityBounds defaults() {
        Map<FuelType, Double> fuels = new EnumMap<>(FuelType.class);
        for (FuelType fuel : new FuelType[] {FuelType.RAW_COAL, FuelType.WASHED_COAL, FuelType.COKE}) {
            fuels.put(fuel, 1_000.0);
        }
        for (FuelType fuel : new FuelType[] {FuelType.DIESEL, FuelType.FUEL_OIL, FuelType.GASOLINE, FuelType.LPG,
                FuelType.KEROSENE, FuelType.CRUDE_OIL, FuelType.REFINERY_DRY_GAS}) {
            fuels.put(fuel, 300.0);
        }
        fuels.put(FuelType.NATURAL_GAS, 500_000.0);
        fuels.put(FuelType.COKE_OVEN_GAS, 500_000.0);
        return new PlausibilityBounds(500_000.0, 3_000.0, 1_000.0, fuels, 10_000.0, 100_000.0,
                Duration.ofDays(31), Duration.ofMinutes(5));
    }

    /** The bound for {@code fuel}, in its canonical unit per hour; infinite when none is set. */
    public double maxFuelPerHour(FuelType fuel) {
        return fuelPerHour.getOrDefault(fuel, Double.POSITIVE_INFINITY);
    }

    public PlausibilityBounds withElectricityKwhPerHour(double kwhPerHour) {
        return new PlausibilityBounds(kwhPerHour, heatGjPerHour, steamTonnesPerHour, fuelPerHour,
                wastewaterM3PerHour, concentrationMgPerL, maxInterval, futureTolerance);
    }

    public PlausibilityBounds withFuelPerHour(FuelType fuel, double perHour) {
        Map<FuelType, Double> fuels = new EnumMap<>(FuelType.class);
        fuels.putAll(fuelPerHour);
        fuels.put(fuel, perHour);
        return new PlausibilityBounds(electricityKwhPerHour, heatGjPerHour, steamTonnesPerHour, fuels,
                wastewaterM3PerHour, concentrationMgPerL, maxInterval, futureTolerance);
    }

    public PlausibilityBounds withMaxInterval(Duration max) {
        return new PlausibilityBounds(electricityKwhPerHour, heatGjPerHour, steamTonnesPerHour, fuelPerHour,
                wastewaterM3PerHour, concentrationMgPerL, max, futureTolerance);
    }

    public PlausibilityBounds withFutureTolerance(Duration tolerance) {
        return new PlausibilityBounds(electricityKwhPerHour, heatGjPerHour, steamTonnesPerHour, fuelPerHour,
                wastewaterM3PerHour, concentrationMgPerL, maxInterval, tolerance);
    }
}
