package org.parkwatch.alerting;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;

/**
 * A threshold a metric is judged against, for the subjects inside its scope ({@code scopeId} "*" for every subject
 * of {@code scopeType}). Window SAMPLE is for rules judging each wastewater sample. Levels satisfy clearLevel &le;
 * opening level &le; limit, where the opening level is the warning level or, without one, the limit.
 */
public record AlertRule(String ruleId, int version, SubjectType scopeType, String scopeId, String metric,
                        WindowKind window, OptionalDouble warningLevel, double limit, double clearLevel, String unit,
                        Duration minDuration, int minConsecutive, boolean enabled, String source) {

    /** scopeId matching every subject of the scope type. */
    public static final String ANY = "*";

    /** @throws IllegalArgumentException for a rule {@link #rejectionReason} refuses */
    public AlertRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(scopeType, "scopeType");
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(warningLevel, "warningLevel");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(minDuration, "minDuration");
        Objects.requireNonNull(source, "source");
        String id = ruleId;
        rejectionReason(ruleId, scopeId, metric, warningLevel, limit, clearLevel, minDuration, minConsecutive)
                .ifPresent(reason -> {
                    throw new IllegalArgumentException("rule " + id + ": " + reason);
                });
    }

    /** @throws IllegalArgumentException when {@link #rejectionReason(ThresholdRule)} refuses the record */
    public static AlertRule from(ThresholdRule r) {
        return new AlertRule(r.getRuleId(), r.getVersion(), r.getScopeType(), r.getScopeId(), r.getMetric(),
                r.getWindow(), optional(r.getWarningLevel()), r.getLimit(), r.getClearLevel(), r.getUnit(),
                Duration.ofMillis(r.getMinDurationMs()), r.getMinConsecutive(), r.getEnabled(), r.getSource());
    }

    /** Why a rule record cannot be used (for the dead-letter topic), or empty when it can. */
    public static Optional<String> rejectionReason(ThresholdRule r) {
        if (r.getMinDurationMs() < 0) {
            return Optional.of("minDurationMs " + r.getMinDurationMs() + " is negative");
        }
        return rejectionReason(r.getRuleId(), r.getScopeId(), r.getMetric(), optional(r.getWarningLevel()),
                r.getLimit(), r.getClearLevel(), Duration.ofMillis(r.getMinDurationMs()), r.getMinConsecutive());
    }

    private static Optional<String> rejectionReason(String ruleId, String scopeId, String metric,
                                                    OptionalDouble warning, double limit, double clear,
                                                    Duration minDuration, int minConsecutive) {
        if (ruleId.isBlank() || scopeId.isBlank() || metric.isBlank()) {
            return Optional.of("ruleId, scopeId and metric must not be blank");
        }
        if (!Double.isFinite(limit) || !Double.isFinite(clear)
                || (warning.isPresent() && !Double.isFinite(warning.getAsDouble()))) {
            return Optional.of("levels must be finite numbers");
        }
        if (warning.isPresent() && warning.getAsDouble() > limit) {
            return Optional.of("warningLevel " + warning.getAsDouble() + " is above limit " + limit);
        }
        double opening = warning.orElse(limit);
        if (clear > opening) {
            return Optional.of("clearLevel " + clear + " is above the opening level " + opening);
        }
        if (minConsecutive < 1) {
            return Optional.of("minConsecutive " + minConsecutive + " is below 1");
        }
        if (minDuration.isNegative()) {
            return Optional.of("minDuration " + minDuration + " is negative");
        }
        return Optional.empty();
    }

    /** The level at or above which a breach counts: the warning level, or the limit when there is none. */
    public double openingLevel() {
        return warningLevel.orElse(limit);
    }

    /** Whether the rule's scope names one subject rather than "*". */
    public boolean exactScope() {
        return !ANY.equals(scopeId);
    }

    /** The rule with other levels, as the next version. */
    public AlertRule withLevels(OptionalDouble newWarningLevel, double newLimit, double newClearLevel) {
        return new AlertRule(ruleId, version + 1, scopeType, scopeId, metric, window, newWarningLevel, newLimit,
                newClearLevel, unit, minDuration, minConsecutive, enabled, source);
    }

    /** The rule enabled or disabled, as the next version. */
    public AlertRule withEnabled(boolean newEnabled) {
        return new AlertRule(ruleId, version + 1, scopeType, scopeId, metric, window, warningLevel, limit,
                clearLevel, unit, minDuration, minConsecutive, newEnabled, source);
    }

    /** The rule with other opening conditions, as the next version. */
    public AlertRule withConditions(Duration newMinDuration, int newMinConsecutive) {
        return new AlertRule(ruleId, version + 1, scopeType, scopeId, metric, window, warningLevel, limit,
                clearLevel, unit, newMinDuration, newMinConsecutive, enabled, source);
    }

    /** The rule as the record of the threshold-rule topic. */
    public ThresholdRule toAvro() {
        return ThresholdRule.newBuilder()
                .setRuleId(ruleId)
                .setVersion(version)
                .setScopeType(scopeType)
                .setScopeId(scopeId)
                .setMetric(metric)
                .setWindow(window)
                .setWarningLevel(warningLevel.isPresent() ? warningLevel.getAsDouble() : null)
                .setLimit(limit)
                .setClearLevel(clearLevel)
                .setUnit(unit)
                .setMinDurationMs(minDuration.toMillis())
                .setMinConsecutive(minConsecutive)
                .setEnabled(enabled)
                .setSource(source)
                .build();
    }

    private static OptionalDouble optional(Double d) {
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}
