package org.parkwatch.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.WindowKind;

/**
 * Decides the alert of one (rule, subject, window instance) from its stored state and each new observation, and
 * re-judges it when its rule changes. Pure: the caller stores {@link Decision#next()} and emits the transition.
 *
 * <p>Opening: the value is at or above the opening level (warning level, or limit without one) for minConsecutive
 * consecutive judged observations, and the event time of the latest is at least minDuration after the first; the
 * alert opens as CRITICAL when the value is at or above the limit, else WARNING. An open WARNING alert escalates
 * once, to CRITICAL, when a value reaches the limit; a CRITICAL alert stays CRITICAL until it resolves. The alert
 * resolves when a value falls below the clear level; values between the clear and the opening level change nothing.
 * Observations are judged in the order they come.
 *
 * <p>A changed rule re-judges the last value with the new levels: an open alert stays open only while that value
 * still reaches the new opening level (hysteresis guards against noise in the value, not against a change of the
 * rule), and escalates if it reaches the new limit; a pending breach opens if the new rule's conditions are met.
 * A disabled or deleted rule resolves an open alert.
 */
public final class AlertLifecycle {

    private final String alertKey;

    /** The lifecycle of the alerts under one key, see {@link #alertKey(String, Subject, WindowKind, Instant)}. */
    public AlertLifecycle(String alertKey) {
        this.alertKey = Objects.requireNonNull(alertKey, "alertKey");
    }

    /**
     * The key of the alerts of a rule for a subject in one window instance, e.g.
     * {@code hj274.cod.intensity|PARK:P1|YEAR_TO_DATE|2023-12-31T16:00:00Z}; windowStart is null for alerts not
     * tied to a window instance (SAMPLE rules). Alert ids are this key, the opening time and a sequence number.
     */
    public static String alertKey(String ruleId, Subject subject, WindowKind window, Instant windowStart) {
        String key = ruleId + "|" + subject.key() + "|" + window;
        return windowStart == null ? key : key + "|" + windowStart;
    }

    public String alertKey() {
        return alertKey;
    }

    /**
     * Judges one observation. Estimated observations and values that are not finite numbers change nothing.
     *
     * @param current the stored state, null when there is none yet
     * @return the next state (never null) and the transition, if any
     * @throws IllegalArgumentException when the state is of another rule
     */
    public Decision decide(AlertState current, AlertRule rule, Observation obs) {
        AlertState state = current != null ? current : AlertState.initial(alertKey, rule.ruleId(), rule.version());
        requireSameRule(state, rule);
        if (!obs.judgeable()) {
            return Decision.quiet(state);
        }
        if (!rule.enabled()) {
            return retire(state, rule, obs.time(), Transition.Cause.RULE_RETIRED);
        }
        double value = obs.value();
        AlertState s = state.observed(rule.version(), value, obs.time());
        Evidence evidence = obs.evidence().judged(value, rule);
        if (s.isOpen()) {
            if (value < rule.clearLevel()) {
                return resolve(s, rule, obs.time(), evidence, Transition.Cause.VALUE);
            }
            return escalateIfReached(s, rule, obs.time(), evidence, Transition.Cause.VALUE);
        }
        if (value < rule.openingLevel()) {
            return Decision.quiet(s.cleared(s.lastTransition()));
        }
        AlertState pending = s.phase() == AlertState.Phase.PENDING
                ? s.pending(s.breachCount() + 1, s.breachSince())
                : s.pending(1, obs.time());
        return openIfDue(pending, rule, obs.time(), evidence, Transition.Cause.VALUE);
    }

    /** Re-judges the stored state under a changed rule, at the time of the last observation. */
    public Decision reevaluate(AlertState current, AlertRule changedRule) {
        Instant at = current == null ? Instant.EPOCH
                : current.lastObservedAt() != null ? current.lastObservedAt()
                : current.openedAt() != null ? current.openedAt() : Instant.EPOCH;
        return reevaluate(current, changedRule, at);
    }

    /**
     * Re-judges the stored state under a changed rule (same ruleId, new version) with the last observed value.
     *
     * @param current the stored state; null gives a decision with a null next state and no transition
     * @param at event time of the rule change, the time of any transition
     */
    public Decision reevaluate(AlertState current, AlertRule changedRule, Instant at) {
        if (current == null) {
            return Decision.quiet(null);
        }
        requireSameRule(current, changedRule);
        if (!changedRule.enabled()) {
            return retire(current, changedRule, at, Transition.Cause.RULE_RETIRED);
        }
        AlertState s = current.withVersion(changedRule.version());
        if (!s.hasObservation()) {
            return Decision.quiet(s);
        }
        double value = s.lastValue();
        Evidence evidence = Evidence.none().judged(value, changedRule);
        return switch (s.phase()) {
            case OPEN -> value < changedRule.openingLevel()
                    ? resolve(s, changedRule, at, evidence, Transition.Cause.RULE_CHANGED)
                    : escalateIfReached(s, changedRule, at, evidence, Transition.Cause.RULE_CHANGED);
            case PENDING -> value < changedRule.openingLevel()
                    ? Decision.quiet(s.cleared(s.lastTransition()))
                    : openIfDue(s, changedRule, at, evidence, Transition.Cause.RULE_CHANGED);
            case CLEAR -> Decision.quiet(s);
        };
    }

    /**
     * Ends whatever is under way: an open alert resolves with the last value (a deleted or disabled rule, a more
     * specific rule taking over, the end of the alert's window); a pending breach is forgotten.
     *
     * @param current the stored state; null gives a decision with a null next state and no transition
     * @param lastRule the rule the alert was judged by (for a deleted rule, the last version known)
     */
    public Decision retire(AlertState current, AlertRule lastRule, Instant at, Transition.Cause cause) {
        if (current == null) {
            return Decision.quiet(null);
        }
        requireSameRule(current, lastRule);
        AlertState s = current.withVersion(lastRule.version());
        if (!s.isOpen()) {
            return Decision.quiet(s.cleared(s.lastTransition()));
        }
        return resolve(s, lastRule, at, Evidence.none().judged(s.lastValue(), lastRule), cause);
    }

    /**
     * Judges the final value of a closed window published again with new figures (a revision: activity accounted
     * after it closed, within the backfill horizon, or new added value), against the verdict it had. The window is
     * over, so an alert about it is never left open: one a revision raises opens (cause REVISION) and resolves at
     * once because its window ended (WINDOW_CLOSED); one a revision escalates does the same; one that stood on the
     * window and no longer does (the value fell below the clear level) is resolved again, cause REVISION, so the
     * record says the breach no longer stands. Values between the clear and the opening level change nothing.
     * Duration and count conditions of the rule do not apply: the window's final value stands for all of it.
     *
     * @param verdict the verdict kept for the window, null when none was (then no alert stood on it)
     * @param revised the revised final value, at the window's last millisecond
     */
    public RevisionDecision reviseClosed(ClosedVerdict verdict, AlertRule rule, Observation revised,
                                         Instant windowEnd) {
        ClosedVerdict base = verdict != null ? verdict
                : new ClosedVerdict(alertKey, rule.ruleId(), null, null, null, Double.NaN, 0, windowEnd);
        if (!revised.judgeable() || !rule.enabled()) {
            return new RevisionDecision(base, java.util.List.of());
        }
        double value = revised.value();
        Instant at = revised.time();
        Evidence evidence = revised.evidence().judged(value, rule);
        if (!base.hasAlert()) {
            if (value < rule.openingLevel()) {
                return new RevisionDecision(base.withValue(value), java.util.List.of());
            }
            AlertSeverity severity = value >= rule.limit() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
            int sequence = base.sequence() + 1;
            String alertId = alertKey + "|" + at + "#" + sequence;
            return new RevisionDecision(base.withAlert(alertId, severity, at, value, sequence), java.util.List.of(
                    new Transition(alertId, severity, AlertStateName.OPEN, value, at, at, rule, evidence,
                            Transition.Cause.REVISION),
                    new Transition(alertId, severity, AlertStateName.RESOLVED, value, at, at, rule, evidence,
                            Transition.Cause.WINDOW_CLOSED)));
        }
        if (value < rule.clearLevel()) {
            return new RevisionDecision(base.withoutAlert(value), java.util.List.of(
                    new Transition(base.alertId(), base.severity(), AlertStateName.RESOLVED, value, base.openedAt(),
                            at, rule, evidence, Transition.Cause.REVISION)));
        }
        if (base.severity() == AlertSeverity.WARNING && value >= rule.limit()) {
            return new RevisionDecision(base.withAlert(base.alertId(), AlertSeverity.CRITICAL, base.openedAt(), value,
                    base.sequence()), java.util.List.of(
                    new Transition(base.alertId(), AlertSeverity.CRITICAL, AlertStateName.ESCALATED, value,
                            base.openedAt(), at, rule, evidence, Transition.Cause.REVISION),
                    new Transition(base.alertId(), AlertSeverity.CRITICAL, AlertStateName.RESOLVED, value,
                            base.openedAt(), at, rule, evidence, Transition.Cause.WINDOW_CLOSED)));
        }
        return new RevisionDecision(base.withValue(value), java.util.List.of());
    }

    private Decision openIfDue(AlertState pending, AlertRule rule, Instant at, Evidence evidence,
                               Transition.Cause cause) {
        Duration lasted = Duration.between(pending.breachSince(), pending.lastObservedAt());
        if (pending.breachCount() < rule.minConsecutive() || lasted.compareTo(rule.minDuration()) < 0) {
            return Decision.quiet(pending);
        }
        double value = pending.lastValue();
        AlertSeverity severity = value >= rule.limit() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
        int sequence = pending.sequence() + 1;
        String alertId = pending.alertKey() + "|" + at + "#" + sequence;
        AlertState open = pending.opened(alertId, severity, at);
        return Decision.emit(open, new Transition(alertId, severity, AlertStateName.OPEN, value, at, at, rule,
                evidence, cause));
    }

    private Decision escalateIfReached(AlertState open, AlertRule rule, Instant at, Evidence evidence,
                                       Transition.Cause cause) {
        if (open.severity() != AlertSeverity.WARNING || open.lastValue() < rule.limit()) {
            return Decision.quiet(open);
        }
        AlertState escalated = open.escalated();
        return Decision.emit(escalated, new Transition(open.alertId(), AlertSeverity.CRITICAL,
                AlertStateName.ESCALATED, open.lastValue(), open.openedAt(), at, rule, evidence, cause));
    }

    private Decision resolve(AlertState open, AlertRule rule, Instant at, Evidence evidence, Transition.Cause cause) {
        Transition t = new Transition(open.alertId(), open.severity(), AlertStateName.RESOLVED, open.lastValue(),
                open.openedAt(), at, rule, evidence, cause);
        return Decision.emit(open.cleared(AlertStateName.RESOLVED), t);
    }

    private static void requireSameRule(AlertState state, AlertRule rule) {
        if (!state.ruleId().equals(rule.ruleId())) {
            throw new IllegalArgumentException(
                    "state " + state.alertKey() + " is of rule " + state.ruleId() + ", not " + rule.ruleId());
        }
    }
}
