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

    private final FactorLookup factors;

    WastewaterPricing(FactorLookup factors) {
        this.factors = factors;
    }

    List<PricedEmission> price(WastewaterActivity activity, String sector, Optional<OutletSettings> outlet) {
        PricedEmission cod = load(activity, new Measure(Pollutant.COD, "COD", "cod", activity.codMgPerL(),
                activity.codFlag(), FactorKeys::dischargeCod), outlet.flatMap(o -> present(o.codDischargeFactorMgPerL())),
                sector);
        PricedEmission nh3n = load(activity, new Measure(Pollutant.NH3_N, "NH3-N", "nh3n",
                activity.ammoniaNitrogenMgPerL(), activity.ammoniaNitrogenFlag(), FactorKeys::dischargeNh3n),
                outlet.flatMap(o -> present(o.ammoniaNitrogenDischargeFactorMgPerL())), sector);
        return List.of(cod, nh3n);
    }

    private record Measure(Pollutant pollutant, String label, String inputPrefix, OptionalDouble value,
            DataFlag flag, Function<String, String> factorKey) {
    }

    private PricedEmission load(WastewaterActivity a, Measure m, Optional<Double> outletFactor, String sector) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("volumeM3", a.volumeM3());
        String formula = m.label() + " [kg] = V [m3] x C [mg/L] x 10^-3";
        if (m.value().isPresent() && DataQuality.isUsable(m.flag())) {
            double c = m.value().getAsDouble();
            inputs.put(m.inputPrefix() + "MgPerL", c);
            if (m.flag() == DataFlag.T) {
                formula += " (analyser flag T: value over the measuring range, taken as measured;"
                        + " the true concentration may be higher)";
            }
            return new PricedEmission(m.pollutant(), EmissionScope.NONE, milligrams(a.volumeM3(), c), formula,
                    inputs, List.of(), false, null);
        }

        String why = m.value().isEmpty() && DataQuality.isUsable(m.flag())
                ? m.label() + " concentration absent"
                : m.label() + " analyser flag " + m.flag() + " (" + DataQuality.describe(m.flag()) + ")";
        if (outletFactor.isPresent()) {
            double c = outletFactor.get();
            inputs.put(m.inputPrefix() + "DischargeFactorMgPerL", c);
            return new PricedEmission(m.pollutant(), EmissionScope.NONE, milligrams(a.volumeM3(), c),
                    formula + " (C estimated)", inputs, List.of(),
                    true, why + ": outlet discharge factor " + Exact.plain(c) + " mg/L");
        }
        FactorVersion factor = sectorFactor(m, sector, a.accountingTime());
        inputs.put(m.inputPrefix() + "DischargeFactorMgPerL", factor.value());
        return new PricedEmission(m.pollutant(), EmissionScope.NONE, milligrams(a.volumeM3(), factor.value()),
                formula + " (C estimated)", inputs, List.of(factor), true,
                why + ": sector discharge factor " + factor.factorKey() + " " + Exact.plain(factor.value()) + " mg/L");
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
