package org.parkwatch.topology;

import static org.parkwatch.avro.AlertState.RESOLVED;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.alerting.AlertLifecycle;
import org.parkwatch.alerting.AlertRule;
import org.parkwatch.alerting.AlertState;
import org.parkwatch.alerting.ClosedVerdict;
import org.parkwatch.alerting.RevisionDecision;
import org.parkwatch.alerting.Decision;
import org.parkwatch.alerting.RuleBook;
import org.parkwatch.alerting.Transition;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.internal.AlertWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an alert is decided. Each observation is judged by the most specific rule for its metric, window and
 * subject, through the lifecycle kept in the persistent {@code alert-state} store, so open alerts survive restarts.
 * Only transitions go out. Rules are re-read from the global rule table every {@code ruleRefresh}; alerts under a
 * changed, retired or superseded rule are re-judged at once, and so is every stored watch on the first reading after
 * {@code init()}: the rules may have changed while this task was down or on another instance.
 */
final class AlertProcessor implements Processor<String, AlertObservation, String, Alert> {

    private static final Logger log = LoggerFactory.getLogger(AlertProcessor.class);
    static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Duration ruleRefresh;
    private final PipelineMetrics metrics;
    private final AlertStores storeNames;

    /** The stores of one alerting step (enterprise level, or park level in its own sub-topology). */
    record AlertStores(String states, String openAlerts, String history, String verdicts) {

        String[] all() {
            return new String[] {states, openAlerts, history, verdicts};
        }
    }

    /** How often verdicts on closed windows older than the backfill horizon are forgotten (wall clock). */
    private static final Duration VERDICT_PURGE_INTERVAL = Duration.ofMinutes(10);

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AlertWatch> states;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, Alert> history;
    /** The verdict on each closed window's final value, by alert key, for the backfill horizon. */
    private KeyValueStore<String, AlertWatch> verdicts;
    private final Duration backfillHorizon;
    /** The latest event time judged here since start: verdicts older than it minus the horizon are forgotten. */
    private Instant latestObserved;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<ThresholdRule>> ruleTable;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> factorTable;
    private RuleBook rules = RuleBook.empty();
    private Map<String, Integer> ruleVersions = new HashMap<>();
    /** False until the rule table is first read after init(): that reading re-judges every stored watch. */
    private boolean rulesRead;

    /** @param backfillHorizon how long after a window closes it may still be revised, so its verdict is kept */
    AlertProcessor(AlertStores storeNames, Duration ruleRefresh, Duration backfillHorizon, PipelineMetrics metrics) {
        this.storeNames = storeNames;
        this.ruleRefresh = ruleRefresh;
        this.backfillHorizon = backfillHorizon;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(storeNames.states());
        this.openAlerts = context.getStateStore(storeNames.openAlerts());
        this.history = context.getStateStore(storeNames.history());
        this.verdicts = context.getStateStore(storeNames.verdicts());
        this.ruleTable = context.getStateStore(StoreNames.THRESHOLD_RULES);
        this.factorTable = context.getStateStore(StoreNames.EMISSION_FACTORS);
        context.schedule(ruleRefresh, PunctuationType.WALL_CLOCK_TIME, now -> refreshRules());
        context.schedule(VERDICT_PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> forgetOldVerdicts());
    }

    @Override
    public void process(Record<String, AlertObservation> record) {
        if (!rulesRead) {
            refreshRules();
        }
        AlertObservation o = record.value();
        Instant time = o.observation().time();
        if (latestObserved == null || time.isAfter(latestObserved)) {
            latestObserved = time;
        }
        // Equally specific rules (e.g. two standards' limits for the same metric) each keep their own alerts.
        for (AlertRule rule : rulesFor(o)) {
            judge(o, Optional.of(rule));
        }
    }

    private void judge(AlertObservation o, Optional<AlertRule> rule) {
        String key = AlertLifecycle.alertKey(rule.get().ruleId(), o.subject(), o.window(), o.lifecycleWindowStart());
        AlertWatch stored = states.get(key);
        AlertRecords.Context ctx = AlertRecords.Context.of(o);
        AlertLifecycle lifecycle = new AlertLifecycle(key);
        AlertState current = stored == null ? null : AlertRecords.state(stored);
        if (o.revisesClosedWindow()) {
            AlertWatch kept = verdicts.get(key);
            RevisionDecision decision = lifecycle.reviseClosed(kept == null ? null : AlertRecords.verdict(kept),
                    rule.get(), o.observation(), o.windowEnd());
            verdicts.put(key, AlertRecords.verdictWatch(decision.next(), ctx));
            decision.transitions().forEach(t -> emit(t, ctx, "|r" + o.revision()));
            return;
        }
        if (o.windowClosed()) {
            // The window is over: its alert is resolved and its lifecycle forgotten; the verdict on its final value
            // is kept while the window may still be revised.
            if (current != null) {
                apply(key, lifecycle.retire(current, rule.get(), o.observation().time(), Transition.Cause.WINDOW_CLOSED),
                        ctx);
                states.delete(key);
            }
            double finalValue = o.observation().judgeable() ? o.observation().value() : Double.NaN;
            verdicts.put(key, AlertRecords.verdictWatch(ClosedVerdict.atClose(key, rule.get().ruleId(), current,
                    finalValue, o.windowEnd()), ctx));
            return;
        }
        apply(key, lifecycle.decide(current, rule.get(), o.observation()), ctx);
    }

    /**
     * The rules judging a metric of a subject. A park's intensity targets (HJ 274-2009, the carbon-intensity target)
     * are about the park as a whole: an enterprise's intensity is judged only by rules written for enterprises or
     * sectors, not by a park-scoped rule.
     */
    private List<AlertRule> rulesFor(AlertObservation o) {
        return rulesFor(o.metric(), o.window(), o.subject());
    }

    private List<AlertRule> rulesFor(String metric, org.parkwatch.avro.WindowKind window,
                                     org.parkwatch.alerting.Subject subject) {
        List<AlertRule> candidates = rules.rulesFor(metric, window, subject);
        if (subject.type() != org.parkwatch.avro.SubjectType.PARK
                && org.parkwatch.alerting.Metrics.INTENSITY.contains(metric)) {
            candidates = rules.rules().stream()
                    .filter(r -> r.scopeType() != org.parkwatch.avro.SubjectType.PARK)
                    .filter(r -> r.metric().equals(metric) && r.window() == window && r.enabled())
                    .filter(r -> RuleBook.applies(r, subject))
                    .sorted(java.util.Comparator.comparing(AlertProcessor::specificity).reversed())
                    .limit(1).toList();
        }
        return candidates;
    }

    private static int specificity(AlertRule r) {
        return r.scopeType().ordinal() * 2 + (r.exactScope() ? 1 : 0);
    }

    /**
     * Rebuilds the rule book from the global rule table; when it changed, or on the first reading after init(),
     * re-judges every stored watch against the rules now in force.
     */
    private void refreshRules() {
        List<AlertRule> current = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ThresholdRule>> it = ruleTable.all()) {
            it.forEachRemaining(kv -> {
                ThresholdRule r = kv.value == null ? null : kv.value.value();
                if (r == null) {
                    return;
                }
                Optional<String> problem = AlertRule.rejectionReason(r);
                if (problem.isPresent()) {
                    log.warn("Ignoring threshold rule {}: {}", kv.key, problem.get());
                } else {
                    current.add(AlertRule.from(r));
                }
            });
        }
        RuleBook previous = rules;
        Map<String, Integer> versions = new HashMap<>();
        current.forEach(r -> versions.put(r.ruleId(), r.version()));
        boolean firstReading = !rulesRead;
        boolean changed = !versions.equals(ruleVersions);
        rules = RuleBook.of(current);
        ruleVersions = versions;
        rulesRead = true;
        if (firstReading) {
            rekeyWatches();
        }
        if (firstReading || changed) {
            rejudgeWatches(previous);
        }
    }

    /**
     * Moves watches stored under an alert key of an earlier release to the key their subject has now (state
     * version 3 qualified outlets by their enterprise and sectors by their park): the next sample of the outlet
     * then finds its open alert and resolves it. An alert keeps its id. Runs once per task start, before the watches
     * are re-judged.
     */
    private void rekeyWatches() {
        List<KeyValue<String, AlertWatch>> moved = new ArrayList<>();
        try (KeyValueIterator<String, AlertWatch> it = states.all()) {
            it.forEachRemaining(kv -> {
                AlertRecords.Context ctx = AlertRecords.context(kv.value);
                String key = AlertLifecycle.alertKey(kv.value.getRuleId(), ctx.subject(), ctx.window(),
                        ctx.window() == org.parkwatch.avro.WindowKind.SAMPLE ? null : ctx.windowStart());
                if (!key.equals(kv.key)) {
                    moved.add(KeyValue.pair(kv.key, AlertWatch.newBuilder(kv.value).setAlertKey(key).build()));
                }
            });
        }
        for (KeyValue<String, AlertWatch> m : moved) {
            states.delete(m.key);
            if (states.get(m.value.getAlertKey()) == null) {
                states.put(m.value.getAlertKey(), m.value);
            }
            log.info("Alert watch {} moved to key {}", m.key, m.value.getAlertKey());
        }
    }

    /**
     * Judges every stored watch by the rules in force, as an observation would: a deleted or disabled rule resolves
     * its open alert (RULE_RETIRED), a rule that no longer judges the subject resolves it (RULE_SUPERSEDED when a
     * more specific rule now does, else RULE_CHANGED), and a new version re-judges the last value with its levels.
     * Transitions are stamped with the event time of the value re-judged, as every alert time is event time.
     *
     * @param previous the rules before this reading (empty after init(): then a deleted rule is known only by the
     *                 levels its open alert recorded)
     */
    private void rejudgeWatches(RuleBook previous) {
        List<KeyValue<String, AlertWatch>> watched = new ArrayList<>();
        try (KeyValueIterator<String, AlertWatch> it = states.all()) {
            it.forEachRemaining(watched::add);
        }
        for (KeyValue<String, AlertWatch> entry : watched) {
            AlertWatch w = entry.value;
            AlertState state = AlertRecords.state(w);
            AlertRecords.Context ctx = AlertRecords.context(w);
            AlertLifecycle lifecycle = new AlertLifecycle(entry.key);
            Instant at = lastEventTime(state);
            Optional<AlertRule> inForce = rules.rule(w.getRuleId());
            Decision decision;
            if (inForce.isEmpty()) {
                Optional<AlertRule> last = previous.rule(w.getRuleId()).or(() -> recordedRule(state));
                if (last.isEmpty()) {
                    if (state.isOpen()) {
                        log.warn("Alert {} stays open: its rule {} is gone and no record of its levels was found",
                                state.alertId(), w.getRuleId());
                    }
                    continue;
                }
                decision = lifecycle.retire(state, last.get(), at, Transition.Cause.RULE_RETIRED);
            } else if (!inForce.get().enabled()) {
                decision = lifecycle.retire(state, inForce.get(), at, Transition.Cause.RULE_RETIRED);
            } else if (!rulesFor(ctx.metric(), ctx.window(), ctx.subject()).contains(inForce.get())) {
                Transition.Cause cause = rulesFor(ctx.metric(), ctx.window(), ctx.subject()).isEmpty()
                        ? Transition.Cause.RULE_CHANGED : Transition.Cause.RULE_SUPERSEDED;
                decision = lifecycle.retire(state, inForce.get(), at, cause);
            } else if (inForce.get().version() != w.getRuleVersion()) {
                decision = lifecycle.reevaluate(state, inForce.get(), at);
            } else {
                continue;
            }
            if (decision.transition().isPresent() || !state.equals(decision.next())) {
                apply(entry.key, decision, ctx);
            }
        }
    }

    /** The event time of the last value judged under a watch (its opening time without one). */
    private static Instant lastEventTime(AlertState state) {
        return state.lastObservedAt() != null ? state.lastObservedAt()
                : state.openedAt() != null ? state.openedAt() : Instant.EPOCH;
    }

    /** The rule an open alert was last judged by, as its stored record states it (ids, levels, unit, source). */
    private Optional<AlertRule> recordedRule(AlertState state) {
        Alert open = state.alertId() == null ? null : openAlerts.get(state.alertId());
        return open == null ? Optional.empty() : AlertRecords.recordedRule(open);
    }

    /** The factor version behind a figure, as published on the factor topic under this key. */
    private Optional<FactorRef> factor(String versionKey) {
        ValueAndTimestamp<EmissionFactor> f = factorTable.get(versionKey);
        return f == null || f.value() == null ? Optional.empty()
                : Optional.of(LedgerEntries.ref(FactorStoreLookup.toVersion(f.value())));
    }

    private void apply(String key, Decision decision, AlertRecords.Context ctx) {
        if (decision.next() != null) {
            states.put(key, AlertRecords.watch(decision.next(), ctx));
        }
        decision.transition().ifPresent(t -> emit(t, ctx, ""));
    }

    /**
     * Records and sends a transition. Several transitions of one alert can share an event time (a rule change
     * re-judges the value that opened it; a revision judges a closed window at its last millisecond): the step
     * (0 OPEN, 1 ESCALATED, 2 RESOLVED) and, for a revision, its number keep each in the history, in order.
     */
    private void emit(Transition t, AlertRecords.Context ctx, String historySuffix) {
        Alert alert = AlertRecords.alert(t, ctx, this::factor);
        history.put(FIXED.format(t.at()) + "|" + t.alertId() + "|" + t.state().ordinal() + historySuffix, alert);
        if (alert.getState() == RESOLVED) {
            openAlerts.delete(t.alertId());
        } else {
            openAlerts.put(t.alertId(), alert);
        }
        metrics.alert(alert.getSeverity(), alert.getState());
        context.forward(new Record<>(t.alertId(), alert, t.at().toEpochMilli()));
    }

    /**
     * Forgets verdicts on windows that ended longer ago than the backfill horizon before the latest event time
     * judged: activity that old is refused as late, so those windows are never revised again.
     */
    private void forgetOldVerdicts() {
        if (latestObserved == null) {
            return;
        }
        Instant cutoff = latestObserved.minus(backfillHorizon);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, AlertWatch> it = verdicts.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getWindowEnd().isBefore(cutoff)) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(verdicts::delete);
    }
}
