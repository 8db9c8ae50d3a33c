package org.parkwatch.pricing;

import static org.parkwatch.pricing.Exact.MILLION;
import static org.parkwatch.pricing.Exact.dec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.FlueGasActivity;
import org.parkwatch.ingest.FlueGasActivity.StackMeasurement;

/**
 * Accounts what a stack's CEMS measured: one ledger line per pollutant (SO2, NOx, particulate) whose values the
 * CEMS flagged as measurements, with no factor. The load is the CEMS's own {@code Cou} in kg; where it sent none, the
 * concentration times the flue-gas volume, {@code G = C × Q} (HJ 212-2017 Appendix D, summed slices), in mg.
 *
 * <p>A pollutant without a usable value gets no line: a stack measurement is never estimated here. For SO2 the fuel
 * mass balance of the stack's units stands in for such hours (see {@code org.parkwatch.cems}); for NOx and
 * particulate no fuel-based factor was found (domain reference section 3), so the hour stays unaccounted and the
 * gap shows in the report's completeness.
 */
final class CemsPricing {

    static final String LOAD_INPUT_SUFFIX = "LoadKg";
    static final String MEASURED_INPUT_SUFFIX = "MeasuredMgPerM3";
    static final String CONVERTED_INPUT_SUFFIX = "ConvertedMgPerM3";
    static final String FLOW_INPUT = "flueGasM3";

    List<PricedEmission> price(FlueGasActivity activity) {
        List<PricedEmission> lines = new ArrayList<>(3);
        line(activity, Pollutant.SO2, "so2", "SO2", activity.so2()).ifPresent(lines::add);
        line(activity, Pollutant.NOX, "nox", "NOx", activity.nox()).ifPresent(lines::add);
        line(activity, Pollutant.PARTICULATE, "particulate", "Particulate", activity.particulate())
                .ifPresent(lines::add);
        return lines;
    }

    private static Optional<PricedEmission> line(FlueGasActivity a, Pollutant pollutant, String prefix, String label,
                                                 Optional<StackMeasurement> measured) {
        if (measured.isEmpty() || !measured.get().usable()) {
            return Optional.empty();
        }
        StackMeasurement m = measured.get();
        Map<String, Double> inputs = new LinkedHashMap<>();
        m.measuredMgPerM3().ifPresent(c -> inputs.put(prefix + MEASURED_INPUT_SUFFIX, c));
        m.convertedMgPerM3().ifPresent(c -> inputs.put(prefix + CONVERTED_INPUT_SUFFIX, c));
        a.flowM3().ifPresent(q -> inputs.put(FLOW_INPUT, q));
        if (m.loadKg().isPresent()) {
            double kg = m.loadKg().getAsDouble();
            inputs.put(prefix + LOAD_INPUT_SUFFIX, kg);
            return Optional.of(new PricedEmission(pollutant, EmissionScope.NONE,
                    Exact.rounded(BigDecimal.ONE, dec(kg), MILLION),
                    label + " [kg] = G (CEMS load over the interval, HJ 212 Cou)" + flagNote(m.flag()), inputs,
                    List.of(), false, null));
        }
        if (m.measuredMgPerM3().isPresent() && a.flowM3().isPresent()) {
            return Optional.of(new PricedEmission(pollutant, EmissionScope.NONE,
                    Exact.rounded(BigDecimal.ONE, dec(m.measuredMgPerM3().getAsDouble()),
                            dec(a.flowM3().getAsDouble())),
                    label + " [kg] = C [mg/m3] x Q [m3] x 10^-6 (CEMS concentration and flue-gas volume,"
                            + " HJ 212-2017 Appendix D)" + flagNote(m.flag()), inputs, List.of(), false, null));
        }
        return Optional.empty();
    }

    private static String flagNote(DataFlag flag) {
        return flag == DataFlag.T ? " (CEMS flag T: over the measuring range, taken as measured)" : "";
    }
}
