package org.parkwatch.topology;

import java.util.LinkedHashMap;
import java.util.Map;

import org.parkwatch.alerting.AlertState;
import org.parkwatch.alerting.AlertStateName;
import org.parkwatch.alerting.ClosedVerdict;
import org.parkwatch.alerting.Subject;
import org.parkwatch.alerting.Transition;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.avro.internal.AlertWatch;

/** Translates between the Kafka-free alert lifecycle and its Avro forms in stores and on the alert topic. */
final class AlertRecords {

    private AlertRecords() {
    }

    /** What the lifecycle state is about, kept beside it so that a rule change can re-judge it on its own. */
    record Context(Subject subject, String metric, WindowKind window, java.time.Instant windowStart,
                   java.time.Instant windowEnd) {

        static Context of(AlertObservation o) {
            return new Context(o.subject(), o.metric(), o.window(), o.windowStart(), o.windowEnd());
        }
    }

    static AlertWatch watch(AlertState s, Context c) {
        return AlertWatch.newBuilder()
                .setAlertKey(s.alertKey()).setRuleId(s.ruleId()).setRuleVersion(s.ruleVersion())
                .setPhase(s.phase().name()).setBreachCount(s.breachCount()).setBreachSince(s.breachSince())
                .setSequence(s.sequence()).setAlertId(s.alertId())
                .setSeverity(s.severity() == null ? null : s.severity().name())
                .setLastTransition(s.lastTransition() == null ? null : s.lastTransition().name())
                .setOpenedAt(s.openedAt()).setLastValue(s.lastValue()).setLastObservedAt(s.lastObservedAt())
                .setSubjectType(c.subject().type().name()).setSubjectId(c.subject().id())
                .setParkId(c.subject().parkId()).setSector(c.subject().sector())
                .setEnterpriseId(c.subject().enterpriseId()).setOutletId(c.subject().outletId())
                .setMetric(c.metric()).setWindow(c.window().name())
                .setWindowStart(c.windowStart()).setWindowEnd(c.windowEnd())
                .build();
    }

    static AlertState state(AlertWatch w) {
        return new AlertState(w.getAlertKey(), w.getRuleId(), w.getRuleVersion(),
                AlertState.Phase.valueOf(w.getPhase()), w.getBreachCount(), w.getBreachSince(), w.getSequence(),
                w.getAlertId(), w.getSeverity() == null ? null : AlertSeverity.valueOf(w.getSeverity()),
                w.getLastTransition() == null ? null : AlertStateName.valueOf(w.getLastTransition()),
                w.getOpenedAt(), w.getLastValue(), w.getLastObservedAt());
    }

    /** A verdict on a closed window, stored in the alert-watch form with phase {@value #CLOSED}. */
    static AlertWatch verdictWatch(ClosedVerdict v, Context c) {
        return AlertWatch.newBuilder()
                .setAlertKey(v.alertKey()).setRuleId(v.ruleId()).setRuleVersion(0)
                .setPhase(CLOSED).setBreachCount(0).setBreachSince(null)
                .setSequence(v.sequence()).setAlertId(v.alertId())
                .setSeverity(v.severity() == null ? null : v.severity().name())
                .setLastTransition(null)
                .setOpenedAt(v.openedAt()).setLastValue(v.value()).setLastObservedAt(v.windowEnd())
                .setSubjectType(c.subject().type().name()).setSubjectId(c.subject().id())
                .setParkId(c.subject().parkId()).setSector(c.subject().sector())
                .setEnterpriseId(c.subject().enterpriseId()).setOutletId(c.subject().outletId())
                .setMetric(c.metric()).setWindow(c.window().name())
                .setWindowStart(c.windowStart()).setWindowEnd(v.windowEnd())
                .build();
    }

    static ClosedVerdict verdict(AlertWatch w) {
        return new ClosedVerdict(w.getAlertKey(), w.getRuleId(), w.getAlertId(),
                w.getSeverity() == null ? null : AlertSeverity.valueOf(w.getSeverity()), w.getOpenedAt(),
                w.getLastValue(), w.getSequence(), w.getWindowEnd());
    }

    /** Phase of a stored verdict on a closed window (never a lifecycle phase). */
    static final String CLOSED = "CLOSED";

    static Context context(AlertWatch w) {
        Subject subject = new Subject(SubjectType.valueOf(w.getSubjectType()), w.getSubjectId(), w.getParkId(),
                w.getSector(), w.getEnterpriseId(), w.getOutletId());
        return new Context(subject, w.getMetric(), WindowKind.valueOf(w.getWindow()), w.getWindowStart(),
                w.getWindowEnd());
    }

    /**
     * The rule an alert was judged by, rebuilt from the alert's own record: enough to resolve it once the rule is
     * gone (ids, levels, unit, source). The record does not keep the rule's scope and opening conditions; the
     * alert's subject stands for the scope, which resolving does not use.
     */
    static java.util.Optional<org.parkwatch.alerting.AlertRule> recordedRule(Alert a) {
        try {
            return java.util.Optional.of(new org.parkwatch.alerting.AlertRule(a.getRuleId(), a.getRuleVersion(),
                    a.getSubjectType(), a.getSubjectId(), a.getMetric(), a.getWindow(),
                    a.getWarningLevel() == null ? java.util.OptionalDouble.empty()
                            : java.util.OptionalDouble.of(a.getWarningLevel()),
                    a.getLimit(), a.getClearLevel(), a.getUnit(), java.time.Duration.ZERO, 1, false,
                    a.getEvidence().getOrDefault("ruleSource", "")));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The alert of a transition; {@code factors} resolves a factor version key (factorKey@validFrom) to its record. */
    static Alert alert(Transition t, Context c,
                       java.util.function.Function<String, java.util.Optional<org.parkwatch.avro.FactorRef>> factors) {
        Map<String, String> evidence = new LinkedHashMap<>();
        org.parkwatch.avro.Totals totals = null;
        Double addedValue = null;
        for (Map.Entry<String, Object> figure : t.evidence().figures().entrySet()) {
            if (figure.getValue() instanceof org.parkwatch.avro.Totals behind) {
                totals = behind; // the totals behind the value go in their own field
            } else {
                evidence.put(figure.getKey(), String.valueOf(figure.getValue()));
            }
            if (IntensityWatch.ADDED_VALUE.equals(figure.getKey()) && figure.getValue() instanceof Double iav) {
                addedValue = iav;
            }
        }
        if (c.subject().enterpriseId() != null) {
            evidence.put("enterpriseId", c.subject().enterpriseId());
        }
        if (c.subject().outletId() != null) {
            evidence.put("outletId", c.subject().outletId());
        }
        evidence.put("ruleSource", t.rule().source());
        return Alert.newBuilder()
                .setAlertId(t.alertId())
                .setRuleId(t.rule().ruleId()).setRuleVersion(t.rule().version())
                .setSubjectType(c.subject().type()).setSubjectId(c.subject().id()).setParkId(c.subject().parkId())
                .setMetric(c.metric()).setWindow(c.window())
                .setWindowStart(c.windowStart()).setWindowEnd(c.windowEnd())
                .setSeverity(t.severity()).setState(t.state().toAvro())
                .setValue(t.value())
                .setWarningLevel(t.rule().warningLevel().isPresent() ? t.rule().warningLevel().getAsDouble() : null)
                .setLimit(t.rule().limit()).setClearLevel(t.rule().clearLevel()).setUnit(t.rule().unit())
                .setOpenedAt(t.openedAt()).setTransitionAt(t.at())
                .setTotals(totals)
                .setAddedValue(addedValue)
                .setLedgerEntryIds(t.evidence().ledgerEntryIds())
                .setFactors(t.evidence().factorKeys().stream().map(factors).flatMap(java.util.Optional::stream).toList())
                .setMessage(t.message())
                .setEvidence(evidence)
                .setCause(t.cause().name())
                .build();
    }
}
