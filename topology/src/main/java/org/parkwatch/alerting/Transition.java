package org.parkwatch.alerting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Locale;
import org.parkwatch.avro.AlertSeverity;

/**
 * A change of an alert's state, the only thing the lifecycle emits.
 *
 * @param openedAt when the alert opened (equal to {@code at} for OPEN)
 * @param at when the transition happened (event time of the observation, or of the rule change)
 * @param rule the rule in force at the transition
 * @param cause why it happened
 */
public record Transition(String alertId, AlertSeverity severity, AlertStateName state, double value,
                         Instant openedAt, Instant at, AlertRule rule, Evidence evidence, Cause cause) {

    /** Why a transition happened. */
    public enum Cause {
        /** The observed value opened, escalated or cleared the alert. */
        VALUE,
        /** A changed rule judged the last value differently. */
        RULE_CHANGED,
        /** The rule was disabled or deleted. */
        RULE_RETIRED,
        /** A more specific rule now judges the subject. */
        RULE_SUPERSEDED,
        /** The window the alert is about ended. */
        WINDOW_CLOSED,
        /** The window had closed; its final figures were revised (late activity, new added value). */
        REVISION
    }

    /** The transition with other evidence (e.g. figures the caller adds to a rule-change transition). */
    public Transition withEvidence(Evidence newEvidence) {
        return new Transition(alertId, severity, state, value, openedAt, at, rule, newEvidence, cause);
    }

    /** A one-line description for people, e.g. {@code OPEN WARNING: cod.intensity 0.95 kg/10^4 RMB >= ...}. */
    public String message() {
        String levels = rule.warningLevel().isPresent()
                ? String.format(Locale.ROOT, "warning %s, limit %s, clear %s", num(rule.warningLevel().getAsDouble()),
                        num(rule.limit()), num(rule.clearLevel()))
                : String.format(Locale.ROOT, "limit %s, clear %s", num(rule.limit()), num(rule.clearLevel()));
        String because = switch (cause) {
            case VALUE -> "";
            case RULE_CHANGED -> " after rule change";
            case RULE_RETIRED -> " because the rule was retired";
            case RULE_SUPERSEDED -> " because a more specific rule applies";
            case WINDOW_CLOSED -> " because its window ended";
            case REVISION -> " on a revision of its closed window's final figures";
        };
        return String.format(Locale.ROOT, "%s %s: %s %s %s (%s; rule %s v%d)%s", state, severity, rule.metric(),
                num(value), rule.unit(), levels, rule.ruleId(), rule.version(), because);
    }

    private static String num(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
