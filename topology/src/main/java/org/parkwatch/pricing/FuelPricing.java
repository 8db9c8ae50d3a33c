package org.parkwatch.pricing;

import static org.parkwatch.pricing.Exact.BILLION;
import static org.parkwatch.pricing.Exact.MILLION;
import static org.parkwatch.pricing.Exact.dec;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.FuelActivity;

/** Prices fuel combustion: CO2 (scope 1) by carbon content, SO2 by sulfur balance, energy in coal equivalent. */
final class FuelPricing {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal FORTY_FOUR = BigDecimal.valueOf(44);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private final FactorLookup factors;

    FuelPricing(FactorLookup factors) {
        this.factors = factors;
    }

    List<PricedEmission> price(FuelActivity activity) {
        FactorVersion factor = factors.require(FactorKeys.fuel(activity.fuel()), activity.accountingTime());
        return List.of(co2(activity, factor), so2(activity, factor), energy(activity, factor));
    }

    /** IPCC 2006 Vol. 2 Eq. 2.1 in the CC x OF x 44/12 form of the NDRC 2013-2015 guidelines and GB/T 32150. */
    private static PricedEmission co2(FuelActivity a, FactorVersion f) {
        String u = unitSuffix(a);
        boolean ncvMeasured = a.ncvGjPerUnit().isPresent();
        boolean ccMeasured = a.carbonContentTcPerGj().isPresent();
        double ncv = ncvMeasured ? a.ncvGjPerUnit().getAsDouble() : f.requireParameter(FactorKeys.NCV_GJ_PER_UNIT);
        double cc = ccMeasured ? a.carbonContentTcPerGj().getAsDouble()
                : f.requireParameter(FactorKeys.CARBON_CONTENT_TC_PER_GJ);
        double of = f.requireParameter(FactorKeys.OXIDATION_RATE);
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("ad" + u, a.quantity());
        inputs.put("ncvGjPer" + u, ncv);
        inputs.put("carbonContentTcPerGj", cc);
        inputs.put("oxidationRate", of);
        // t CO2 x 10^9 mg/t, divided by 12 last so the only rounding is the final one.
        long mg = Exact.rounded(TWELVE, dec(a.quantity()), dec(ncv), dec(cc), dec(of), FORTY_FOUR, BILLION);
        return new PricedEmission(Pollutant.CO2, EmissionScope.SCOPE1, mg, co2Formula(a.unit(), ncvMeasured,
                ccMeasured), inputs, List.of(f), false, null);
    }

    /**
     * The CO2 formula text, which records whether NCV and CC were measured or taken from the factor; the
     * reconstruction from the ledger ({@link LedgeredActivity}) reads those two facts back by this same function.
     */
    static String co2Formula(CanonicalUnit unit, boolean ncvMeasured, boolean ccMeasured) {
        return "CO2 [t] = AD [" + unit.symbol() + "] x NCV [GJ/" + unit.symbol()
                + "] x CC [tC/GJ] x OF x 44/12 (NCV " + (ncvMeasured ? "measured" : "default")
                + ", CC " + (ccMeasured ? "measured" : "default") + ", OF default)";
    }

    /**
     * Material balance G = 2 x B x S x D x (1 - eta). Gases measured by volume carry sulfur per Nm3 (GB 17820
     * specifies natural gas that way), so their S is the factor's mg/Nm3 default: the event's mass % would need a
     * gas density the event does not carry.
     */
    private static PricedEmission so2(FuelActivity a, FactorVersion f) {
        double d = f.requireParameter(FactorKeys.SULFUR_CONVERSION);
        double eta = a.desulfurizationPercent().orElse(0.0);
        String formula = so2Formula(a.unit(), a.sulfurPercent().isPresent(), a.desulfurizationPercent().isPresent());
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("b" + unitSuffix(a), a.quantity());
        if (a.unit() == CanonicalUnit.NM3) {
            double s = f.requireParameter(FactorKeys.SULFUR_MG_PER_NM3_DEFAULT);
            inputs.put("sulfurMgPerNm3", s);
            inputs.put("sulfurConversion", d);
            inputs.put("desulfurizationPercent", eta);
            long mg = Exact.rounded(HUNDRED, TWO, dec(a.quantity()), dec(s), dec(d), HUNDRED.subtract(dec(eta)));
            return new PricedEmission(Pollutant.SO2, EmissionScope.NONE, mg, formula, inputs, List.of(f), false, null);
        }
        boolean sMeasured = a.sulfurPercent().isPresent();
        double s = sMeasured ? a.sulfurPercent().getAsDouble() : f.requireParameter(FactorKeys.SULFUR_PERCENT_DEFAULT);
        inputs.put("sulfurPercent", s);
        inputs.put("sulfurConversion", d);
        inputs.put("desulfurizationPercent", eta);
        // S and eta are in %: 2 x B x (S/100) x D x (100 - eta)/100 t, times 10^9 mg/t.
        long mg = Exact.rounded(TEN_THOUSAND, TWO, dec(a.quantity()), dec(s), dec(d), HUNDRED.subtract(dec(eta)),
                BILLION);
        return new PricedEmission(Pollutant.SO2, EmissionScope.NONE, mg, formula, inputs, List.of(f), false, null);
    }

    /**
     * The SO2 formula text, which records whether the event reported a sulfur content and a desulfurisation
     * efficiency; the reconstruction from the ledger ({@link LedgeredActivity}) reads them back by this function.
     */
    static String so2Formula(CanonicalUnit unit, boolean sulfurReported, boolean etaMeasured) {
        String etaNote = etaMeasured ? "eta measured" : "eta 0: none reported";
        if (unit == CanonicalUnit.NM3) {
            String sNote = sulfurReported
                    ? "S default: the event's sulfurPercent (mass %) is not used for a gas measured by volume"
                    : "S default";
            return "SO2 [mg] = 2 x B [Nm3] x S [mg/Nm3] x D x (1 - eta) (" + sNote + ", " + etaNote + ")";
        }
        return "SO2 [t] = 2 x B [t] x S x D x (1 - eta) (S " + (sulfurReported ? "measured" : "default")
                + ", " + etaNote + ")";
    }

    private static PricedEmission energy(FuelActivity a, FactorVersion f) {
        String u = unitSuffix(a);
        double kgce = f.requireParameter(FactorKeys.KGCE_PER_UNIT);
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("ad" + u, a.quantity());
        inputs.put("kgcePer" + u, kgce);
        long mgce = Exact.rounded(BigDecimal.ONE, dec(a.quantity()), dec(kgce), MILLION);
        String formula = "ENERGY [kgce] = AD [" + a.unit().symbol() + "] x kgce per " + a.unit().symbol();
        return new PricedEmission(Pollutant.ENERGY, EmissionScope.NONE, mgce, formula, inputs, List.of(f), false,
                null);
    }

    private static String unitSuffix(FuelActivity a) {
        return unitSuffix(a.unit());
    }

    /** The unit as it ends input names: adT, ncvGjPerNm3. */
    static String unitSuffix(CanonicalUnit unit) {
        return unit == CanonicalUnit.NM3 ? "Nm3" : "T";
    }
}
