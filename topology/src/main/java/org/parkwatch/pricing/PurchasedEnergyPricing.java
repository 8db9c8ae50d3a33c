package org.parkwatch.pricing;

import static org.parkwatch.pricing.Exact.BILLION;
import static org.parkwatch.pricing.Exact.MILLION;
import static org.parkwatch.pricing.Exact.THOUSAND;
import static org.parkwatch.pricing.Exact.dec;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.MeterActivity;

/**
 * Prices purchased electricity, heat and steam: CO2 in both scope 2 views (location- and market-based, never to be
 * added together) and energy in coal equivalent.
 */
final class PurchasedEnergyPricing {

    private static final BigDecimal FEEDWATER = dec(MeterActivity.FEEDWATER_ENTHALPY_KJ_PER_KG);
    private static final String STEAM_FORMULA = "GJ = t x (En - 83.74) x 10^-3 [U: steam-enthalpy formula not"
            + " confirmed against the guideline text]";

    /** Input name of a steam enthalpy, which {@link LedgeredActivity} reads back. */
    static final String STEAM_ENTHALPY_INPUT = "steamEnthalpyKjPerKg";

    private final FactorLookup factors;

    PurchasedEnergyPricing(FactorLookup factors) {
        this.factors = factors;
    }

    List<PricedEmission> price(MeterActivity activity, GridRegion region) {
        return switch (activity.carrier()) {
            case ELECTRICITY, GREEN_ELECTRICITY -> electricity(activity, region);
            case HEAT, STEAM -> heat(activity);
            case UNKNOWN -> throw new IllegalArgumentException("carrier UNKNOWN cannot be priced: " + activity);
        };
    }

    private List<PricedEmission> electricity(MeterActivity a, GridRegion region) {
        BigDecimal kwh = dec(a.quantity());
        FactorVersion grid = factors.require(FactorKeys.gridLocation(region), a.accountingTime());
        FactorVersion tce = factors.require(FactorKeys.TCE_ELECTRICITY, a.accountingTime());

        // kWh / 1000 x tCO2/MWh = t; x 10^9 mg/t: the /1000 and x10^9 fold into x10^6 with no rounding.
        PricedEmission location = new PricedEmission(Pollutant.CO2, EmissionScope.SCOPE2_LOCATION,
                Exact.rounded(BigDecimal.ONE, kwh, dec(grid.value()), MILLION),
                "CO2 [t] = kWh / 1000 x " + grid.factorKey() + " [tCO2/MWh]",
                inputs("electricityKwh", a.quantity(), "gridFactorTco2PerMwh", grid.value()), List.of(grid), false,
                null);

        PricedEmission market;
        if (a.carrier() == EnergyCarrier.GREEN_ELECTRICITY) {
            market = new PricedEmission(Pollutant.CO2, EmissionScope.SCOPE2_MARKET, 0L,
                    "CO2 [t] = kWh / 1000 x 0: electricity bought through green-power trading carries a"
                            + " market-based factor of zero",
                    inputs("electricityKwh", a.quantity(), "marketFactorTco2PerMwh", 0.0), List.of(), false, null);
        } else {
            FactorVersion residual = factors.require(FactorKeys.GRID_MARKET_RESIDUAL, a.accountingTime());
            market = new PricedEmission(Pollutant.CO2, EmissionScope.SCOPE2_MARKET,
                    Exact.rounded(BigDecimal.ONE, kwh, dec(residual.value()), MILLION),
                    "CO2 [t] = kWh / 1000 x " + residual.factorKey()
                            + " [tCO2/MWh, national average excluding market-traded non-fossil electricity]",
                    inputs("electricityKwh", a.quantity(), "marketFactorTco2PerMwh", residual.value()),
                    List.of(residual), false, null);
        }

        PricedEmission energy = new PricedEmission(Pollutant.ENERGY, EmissionScope.NONE,
                Exact.rounded(BigDecimal.ONE, kwh, dec(tce.value()), MILLION),
                "ENERGY [kgce] = kWh x " + tce.factorKey() + " [kgce/kWh, calorific equivalent]",
                inputs("electricityKwh", a.quantity(), "tceKgcePerKwh", tce.value()), List.of(tce), false, null);
        return List.of(location, market, energy);
    }

    /** Heat in GJ, or steam in t turned into GJ by its enthalpy; both scope 2 views use the one heat factor. */
    private List<PricedEmission> heat(MeterActivity a) {
        FactorVersion heat = factors.require(FactorKeys.HEAT, a.accountingTime());
        FactorVersion tce = factors.require(FactorKeys.TCE_HEAT, a.accountingTime());
        boolean steamByMass = a.unit() == CanonicalUnit.TONNE;
        if (!steamByMass && a.unit() != CanonicalUnit.GJ) {
            throw new IllegalArgumentException("heat or steam must be in GJ or t, not " + a.unit());
        }

        // GJ as an exact product and divisor: GJ = quantity, or t x (En - 83.74) / 1000.
        BigDecimal[] gj;
        BigDecimal gjDivisor;
        Map<String, Double> base = new LinkedHashMap<>();
        String prefix;
        if (steamByMass) {
            double en = a.steamEnthalpyKjPerKg().orElseThrow(() -> new IllegalArgumentException(
                    "steam in t needs steamEnthalpyKjPerKg: " + a.eventId()));
            BigDecimal deltaH = dec(en).subtract(FEEDWATER);
            gj = new BigDecimal[] {dec(a.quantity()), deltaH};
            gjDivisor = THOUSAND;
            base.put("steamT", a.quantity());
            base.put(STEAM_ENTHALPY_INPUT, en);
            base.put("feedwaterEnthalpyKjPerKg", MeterActivity.FEEDWATER_ENTHALPY_KJ_PER_KG);
            base.put("heatGj", dec(a.quantity()).multiply(deltaH).divide(THOUSAND).doubleValue());
            prefix = STEAM_FORMULA + "; ";
        } else {
            gj = new BigDecimal[] {dec(a.quantity())};
            gjDivisor = BigDecimal.ONE;
            base.put("heatGj", a.quantity());
            prefix = "";
        }

        long co2Mg = Exact.rounded(gjDivisor, concat(gj, dec(heat.value()), BILLION));
        Map<String, Double> co2Inputs = new LinkedHashMap<>(base);
        co2Inputs.put("heatFactorTco2PerGj", heat.value());
        String co2Formula = prefix + "CO2 [t] = GJ x " + heat.factorKey() + " [tCO2/GJ]";
        PricedEmission location = new PricedEmission(Pollutant.CO2, EmissionScope.SCOPE2_LOCATION, co2Mg,
                co2Formula, co2Inputs, List.of(heat), false, null);
        PricedEmission market = new PricedEmission(Pollutant.CO2, EmissionScope.SCOPE2_MARKET, co2Mg,
                co2Formula + " (no market instrument for heat: same factor)", co2Inputs, List.of(heat), false, null);

        Map<String, Double> energyInputs = new LinkedHashMap<>(base);
        energyInputs.put("tceKgcePerGj", tce.value());
        PricedEmission energy = new PricedEmission(Pollutant.ENERGY, EmissionScope.NONE,
                Exact.rounded(gjDivisor, concat(gj, dec(tce.value()), MILLION)),
                prefix + "ENERGY [kgce] = GJ x " + tce.factorKey() + " [kgce/GJ]", energyInputs, List.of(tce),
                false, null);
        return List.of(location, market, energy);
    }

    private static BigDecimal[] concat(BigDecimal[] head, BigDecimal... tail) {
        BigDecimal[] all = new BigDecimal[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static Map<String, Double> inputs(String k1, double v1, String k2, double v2) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put(k1, v1);
        inputs.put(k2, v2);
        return inputs;
    }
}
