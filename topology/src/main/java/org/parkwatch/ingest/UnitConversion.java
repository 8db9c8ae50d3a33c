package org.parkwatch.ingest;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts a quantity written in a reported unit into the canonical unit of its kind. Unit strings are compared
 * without regard to case and spaces, and a "10^4", "1e4" or "万" prefix multiplies by ten thousand where Chinese
 * statistics use it (10^4 kWh, 10^4 Nm3, 万m3). An unknown unit gives an empty result.
 */
public final class UnitConversion {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");
    private static final String[] TEN_THOUSAND_PREFIXES = {"10^4", "1e4", "万"};

    private static final Map<QuantityKind, Map<String, Rule>> RULES = rules();

    private UnitConversion() {
    }

    /**
     * Converts {@code quantity} written in {@code unit} into the canonical unit of {@code kind}; empty when the unit
     * is not accepted for that kind. The multiplication is done in decimal, so 0.1 MWh becomes exactly 100 kWh.
     */
    public static Optional<CanonicalQuantity> toCanonical(QuantityKind kind, double quantity, String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String normalised = normalise(unit);
        boolean tenThousand = false;
        for (String candidate : TEN_THOUSAND_PREFIXES) {
            if (normalised.startsWith(candidate) && normalised.length() > candidate.length()) {
                tenThousand = true;
                normalised = normalised.substring(candidate.length());
                break;
            }
        }
        Rule rule = RULES.get(kind).get(normalised);
        if (rule == null || (tenThousand && !rule.tenThousandAllowed())) {
            return Optional.empty();
        }
        BigDecimal factor = tenThousand ? rule.factor().multiply(TEN_THOUSAND) : rule.factor();
        if (!Double.isFinite(quantity)) {
            return Optional.of(new CanonicalQuantity(quantity, rule.unit()));
        }
        double value = BigDecimal.valueOf(quantity).multiply(factor).doubleValue();
        return Optional.of(new CanonicalQuantity(value, rule.unit()));
    }

    /** Whether {@code unit} is accepted for {@code kind}. */
    public static boolean isKnown(QuantityKind kind, String unit) {
        return toCanonical(kind, 0.0, unit).isPresent();
    }

    static String normalise(String unit) {
        String s = SPACES.matcher(unit).replaceAll("").toLowerCase(Locale.ROOT);
        return s.replace('³', '3').replace("⁴", "^4").replace("·", "").replace("×", "");
    }

    private record Rule(BigDecimal factor, CanonicalUnit unit, boolean tenThousandAllowed) {
    }

    private static Rule rule(String factor, CanonicalUnit unit, boolean tenThousandAllowed) {
        return new Rule(new BigDecimal(factor), unit, tenThousandAllowed);
    }

    private static Map<QuantityKind, Map<String, Rule>> rules() {
        Map<QuantityKind, Map<String, Rule>> rules = new EnumMap<>(QuantityKind.class);
        rules.put(QuantityKind.ELECTRICITY, Map.of(
                "kwh", rule("1", CanonicalUnit.KWH, true),
                "千瓦时", rule("1", CanonicalUnit.KWH, true),
                "wh", rule("0.001", CanonicalUnit.KWH, false),
                "mwh", rule("1000", CanonicalUnit.KWH, false),
                "gwh", rule("1000000", CanonicalUnit.KWH, false)));
        // Heat meters (GB/T 32224) may totalise in kWh; 1 kWh = 3.6 MJ exactly. kJ is not accepted: no heat meter
        // in service totalises in kJ, so such a unit more likely signals a mislabelled field.
        rules.put(QuantityKind.HEAT, Map.of(
                "gj", rule("1", CanonicalUnit.GJ, true),
                "mj", rule("0.001", CanonicalUnit.GJ, false),
                "tj", rule("1000", CanonicalUnit.GJ, false),
                "kwh", rule("0.0036", CanonicalUnit.GJ, false),
                "mwh", rule("3.6", CanonicalUnit.GJ, false)));
        // Steam metered by mass stays in t (priced later with its enthalpy); steam metered as heat is heat.
        rules.put(QuantityKind.STEAM, Map.of(
                "t", rule("1", CanonicalUnit.TONNE, false),
                "kg", rule("0.001", CanonicalUnit.TONNE, false),
                "gj", rule("1", CanonicalUnit.GJ, false),
                "mj", rule("0.001", CanonicalUnit.GJ, false)));
        rules.put(QuantityKind.FUEL_MASS, Map.of(
                "t", rule("1", CanonicalUnit.TONNE, true),
                "kg", rule("0.001", CanonicalUnit.TONNE, false)));
        // Gas volumes are taken as already at reference conditions, as gas suppliers bill corrected volume; a plain
        // "m3" is read as Nm3 without a temperature or pressure correction.
        rules.put(QuantityKind.FUEL_GAS, Map.of(
                "nm3", rule("1", CanonicalUnit.NM3, true),
                "m3", rule("1", CanonicalUnit.NM3, true)));
        // Wastewater is ~1 t/m3; flowmeters of some loggers label the totaliser in t.
        rules.put(QuantityKind.WATER_VOLUME, Map.of(
                "m3", rule("1", CanonicalUnit.M3, true),
                "t", rule("1", CanonicalUnit.M3, true),
                "l", rule("0.001", CanonicalUnit.M3, false)));
        rules.put(QuantityKind.CONCENTRATION, Map.of(
                "mg/l", rule("1", CanonicalUnit.MG_PER_L, false),
                "g/m3", rule("1", CanonicalUnit.MG_PER_L, false)));
        return rules;
    }
}
