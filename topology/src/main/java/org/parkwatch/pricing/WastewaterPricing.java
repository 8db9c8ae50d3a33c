package org.parkwatch.pricing;

import static org.parkwatch.pricing.Exact.THOUSAND;
import static org.parkwatch.pricing.Exact.dec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.DataQuality;
import org.parkwatch.ingest.WastewaterActivity;

/**
 * Prices wastewater loads by HJ 212-2017 Appendix D formula (8), G = D x C x 10^-3 kg. A concentration that is
 * absent or flagged unusable is replaced by the outlet's registered discharge factor, else the sector's, else the
 * default sector's, and the entry is marked estimated.
 */
final class WastewaterPricing {

    /** How COD and NH3-N are named in formulas and reasons, and how their input names begin. */
    static final String COD_LABEL = "COD";
    static final String NH3N_LABEL = "NH3-N";
    static final String COD_INPUT_PREFIX = "cod";
    static final String NH3N_INPUT_PREFIX = "nh3n";
    /** Input names: the volume, a measured concentration (prefix +) and an estimating factor (prefix +). */
    static final String VOLUME_INPUT = "volumeM3";
    static final String MEASURED_INPUT_SUFFIX = "MgPerL";
    static final String DISCHARGE_FACTOR_INPUT_SUFFIX = "DischargeFactorMgPerL";

    private final FactorLookup factors;

    WastewaterPricing(FactorLookup factors) {
        this.factors = factors;
    }

    List<PricedEmission> price(WastewaterActivity activity, String sector, Optional<OutletSettings> outlet) {
        PricedEmission cod = load(activity, new Measure(Pollutant.COD, COD_LABEL, COD_INPUT_PREFIX,
                activity.codMgPerL(), activity.codFlag(), FactorKeys::dischargeCod),
                outlet.flatMap(o -> present(o.codDischargeFactorMgPerL())), sector);
        PricedEmission nh3n = load(activity, new Measure(Pollutant.NH3_N, NH3N_LABEL, NH3N_INPUT_PREFIX,
                activity.ammoniaNitrogenMgPerL(), activity.ammoniaNitrogenFlag(), FactorKeys::dischargeNh3n),
                outlet.flatMap(o -> present(o.ammoniaNitrogenDischargeFactorMgPerL())), sector);
        return List.of(cod, nh3n);
    }

    private record Measure(Pollutant pollutant, String label, String inputPrefix, OptionalDouble value,
            DataFlag flag, Function<String, String> factorKey) {
    }

    private PricedEmission load(WastewaterActivity a, Measure m, Optional<Double> outletFactor, String sector) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put(VOLUME_INPUT, a.volumeM3());
        if (m.value().isPresent() && DataQuality.isUsable(m.flag())) {
            double c = m.value().getAsDouble();
            inputs.put(m.inputPrefix() + MEASURED_INPUT_SUFFIX, c);
            return new PricedEmission(m.pollutant(), EmissionScope.NONE, milligrams(a.volumeM3(), c),
                    measuredFormula(m.label(), m.flag()), inputs, List.of(), false, null);
        }

        String why = whyEstimated(m.label(), m.value().isPresent(), m.flag());
        if (outletFactor.isPresent()) {
            double c = outletFactor.get();
            inputs.put(m.inputPrefix() + DISCHARGE_FACTOR_INPUT_SUFFIX, c);
            return new PricedEmission(m.pollutant(), EmissionScope.NONE, milligrams(a.volumeM3(), c),
                    estimatedFormula(m.label()), inputs, List.of(),
                    true, why + ": outlet discharge factor " + Exact.plain(c) + " mg/L");
        }
        FactorVersion factor = sectorFactor(m, sector, a.accountingTime());
        inputs.put(m.inputPrefix() + DISCHARGE_FACTOR_INPUT_SUFFIX, factor.value());
        return new PricedEmission(m.pollutant(), EmissionScope.NONE, milligrams(a.volumeM3(), factor.value()),
                estimatedFormula(m.label()), inputs, List.of(factor), true,
                why + ": sector discharge factor " + factor.factorKey() + " " + Exact.plain(factor.value()) + " mg/L");
    }

    /** The formula of a measured concentration; it records flag T, the only usable flag that changes the text. */
    static String measuredFormula(String label, DataFlag flag) {
        String formula = baseFormula(label);
        if (flag == DataFlag.T) {
            formula += " (analyser flag T: value over the measuring range, taken as measured;"
                    + " the true concentration may be higher)";
        }
        return formula;
    }

    static String estimatedFormula(String label) {
        return baseFormula(label) + " (C estimated)";
    }

    private static String baseFormula(String label) {
        return label + " [kg] = V [m3] x C [mg/L] x 10^-3";
    }

    /**
     * Why a concentration was estimated: absent, or flagged unusable. The estimation reason begins with it, which
     * is how {@link LedgeredActivity} reads the flag back.
     */
    static String whyEstimated(String label, boolean valuePresent, DataFlag flag) {
        return !valuePresent && DataQuality.isUsable(flag)
                ? label + " concentration absent"
                : label + " analyser flag " + flag + " (" + DataQuality.describe(flag) + ")";
    }

    private FactorVersion sectorFactor(Measure m, String sector, Instant time) {
        String key = m.factorKey().apply(sector);
        return factors.at(key, time)
                .or(() -> factors.at(m.factorKey().apply(FactorKeys.DEFAULT_SECTOR), time))
                .orElseThrow(() -> FactorMissingException.noVersion(key, time));
    }

    /** m3 x mg/L = 10^3 mg, exactly. */
    private static long milligrams(double volumeM3, double mgPerL) {
        return Exact.rounded(BigDecimal.ONE, dec(volumeM3), dec(mgPerL), THOUSAND);
    }

    private static Optional<Double> present(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
