package org.parkwatch.alerting;

import java.time.Instant;
import java.util.Objects;
import org.parkwatch.avro.AlertSeverity;

/**
 * What the lifecycle remembers for one (rule, subject, window instance), to be stored between observations. Plain
 * values only; the fields marked nullable are null outside the phase that uses them.
 *
 * @param alertKey the (rule, subject, window instance) this state is about; alert ids start with it
 * @param ruleVersion version of the rule last applied
 * @param breachCount consecutive breaching observations of the current run (PENDING; kept while OPEN)
 * @param breachSince nullable: event time of the first breaching observation of the current run
 * @param sequence how many alerts have opened under this key (the open one included)
 * @param alertId nullable: id of the open alert
 * @param severity nullable: severity of the open alert
 * @param lastTransition nullable: the last transition emitted under this key
 * @param openedAt nullable: when the open alert opened
 * @param lastValue the last judged value (0 before any; see lastObservedAt)
 * @param lastObservedAt nullable: event time of the last judged value, null before any
 */
public record AlertState(String alertKey, String ruleId, int ruleVersion, Phase phase, int breachCount,
                         Instant breachSince, int sequence, String alertId, AlertSeverity severity,
                         AlertStateName lastTransition, Instant openedAt, double lastValue, Instant lastObservedAt) {

    /** Where the alert of this key stands. */
    public enum Phase {
        /** No breach under way. */
        CLEAR,
        /** Breaching, but not yet long or often enough to open an alert. */
        PENDING,
        /** An alert is open (OPEN or ESCALATED). */
        OPEN
    }

    public AlertState {
        Objects.requireNonNull(alertKey, "alertKey");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(phase, "phase");
        if (phase == Phase.PENDING && breachSince == null) {
            throw new IllegalArgumentException("a PENDING state needs breachSince");
        }
        if (phase == Phase.OPEN && (alertId == null || severity == null || openedAt == null)) {
            throw new IllegalArgumentException("an OPEN state needs alertId, severity and openedAt");
        }
    }

    /** Nothing observed yet. */
    public static AlertState initial(String alertKey, String ruleId, int ruleVersion) {
        return new AlertState(alertKey, ruleId, ruleVersion, Phase.CLEAR, 0, null, 0, null, null, null, null, 0,
                null);
    }

    public boolean isOpen() {
        return phase == Phase.OPEN;
    }

    public boolean hasObservation() {
        return lastObservedAt != null;
    }

    AlertState observed(int version, double value, Instant at) {
        return new AlertState(alertKey, ruleId, version, phase, breachCount, breachSince, sequence, alertId,
                severity, lastTransition, openedAt, value, at);
    }

    AlertState withVersion(int version) {
        return new AlertState(alertKey, ruleId, version, phase, breachCount, breachSince, sequence, alertId,
                severity, lastTransition, openedAt, lastValue, lastObservedAt);
    }

    AlertState pending(int count, Instant since) {
        return new AlertState(alertKey, ruleId, ruleVersion, Phase.PENDING, count, since, sequence, null, null,
                lastTransition, null, lastValue, lastObservedAt);
    }

    AlertState cleared(AlertStateName transition) {
        return new AlertState(alertKey, ruleId, ruleVersion, Phase.CLEAR, 0, null, sequence, null, null,
                transition, null, lastValue, lastObservedAt);
    }

    AlertState opened(String id, AlertSeverity openSeverity, Instant at) {
        return new AlertState(alertKey, ruleId, ruleVersion, Phase.OPEN, breachCount, breachSince, sequence + 1, id,
                openSeverity, AlertStateName.OPEN, at, lastValue, lastObservedAt);
    }

    AlertState escalated() {
        return new AlertState(alertKey, ruleId, ruleVersion, Phase.OPEN, breachCount, breachSince, sequence, alertId,
                AlertSeverity.CRITICAL, AlertStateName.ESCALATED, openedAt, lastValue, lastObservedAt);
    }
}
