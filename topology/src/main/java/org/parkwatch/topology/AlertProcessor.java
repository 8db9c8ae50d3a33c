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
 * changed or retired rule are re-judged at once.
 */
final class AlertProcessor implements Processor<String, AlertObservation, String, Alert> {

    private static final Logger log = LoggerFactory.getLogger(AlertProcessor.class);
    static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Duration ruleRefresh;
    private final PipelineMetrics metrics;
    private final AlertStores storeNames;

    /** The stores of one alerting step (enterprise level, or park level in its own sub-topology). */
    record AlertStores(String states, String openAlerts, String history) {

        String[] all() {
            return new String[] {states, openAlerts, history};
        }
    }

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AlertWatch> states;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, Alert> history;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<ThresholdRule>> ruleTable;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> factorTable;
    private RuleBook rules = RuleBook.empty();
    private Map<String, Integer> ruleVersions = new HashMap<>();

    AlertProcessor(AlertStores storeNames, Duration ruleRefresh, PipelineMetrics metrics) {
        this.storeNames = storeNames;
        this.ruleRefresh = ruleRefresh;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(storeNames.states());
        this.openAlerts = context.getStateStore(storeNames.openAlerts());
        this.history = context.getStateStore(storeNames.history());
        this.ruleTable = context.getStateStore(StoreNames.THRESHOLD_RULES);
        this.factorTable = context.getStateStore(StoreNames.EMISSION_FACTORS);
        context.schedule(ruleRefresh, PunctuationType.WALL_CLOCK_TIME, now -> refreshRules(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, AlertObservation> record) {
        if (ruleVersions.isEmpty()) {
            refreshRules(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }
        AlertObservation o = record.value();
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
        if (o.windowClosed()) {
            // The window is over: its alert is resolved and its lifecycle forgotten.
            if (current != null) {
                apply(key, lifecycle.retire(current, rule.get(), o.observation().time(), Transition.Cause.WINDOW_CLOSED),
                        ctx);
                states.delete(key);
            }
            return;
        }
        apply(key, lifecycle.decide(current, rule.get(), o.observation()), ctx);
    }

    /**
     * The rules judging an observation. A park's intensity targets (HJ 274-2009, the carbon-intensity target) are
     * about the park as a whole: an enterprise's intensity is judged only by rules written for enterprises or
     * sectors, not by a park-scoped rule.
     */
    private List<AlertRule> rulesFor(AlertObservation o) {
        List<AlertRule> candidates = rules.rulesFor(o.metric(), o.window(), o.subject());
        if (o.subject().type() != org.parkwatch.avro.SubjectType.PARK
                && org.parkwatch.alerting.Metrics.INTENSITY.contains(o.metric())) {
            candidates = rules.rules().stream()
                    .filter(r -> r.scopeType() != org.parkwatch.avro.SubjectType.PARK)
                    .filter(r -> r.metric().equals(o.metric()) && r.window() == o.window() && r.enabled())
                    .filter(r -> RuleBook.applies(r, o.subject()))
                    .sorted(java.util.Comparator.comparing(AlertProcessor::specificity).reversed())
                    .limit(1).toList();
        }
        return candidates;
    }

    private static int specificity(AlertRule r) {
        return r.scopeType().ordinal() * 2 + (r.exactScope() ? 1 : 0);
    }

    /** Rebuilds the rule book from the global rule table and re-judges alerts whose rule changed or went away. */
    private void refreshRules(Instant now) {
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
        boolean changed = !versions.equals(ruleVersions);
        rules = RuleBook.of(current);
        Map<String, Integer> before = ruleVersions;
        ruleVersions = versions;
        if (!changed || before.isEmpty()) {
            return;
        }
        List<KeyValue<String, AlertWatch>> watched = new ArrayList<>();
        try (KeyValueIterator<String, AlertWatch> it = states.all()) {
            it.forEachRemaining(watched::add);
        }
        for (KeyValue<String, AlertWatch> entry : watched) {
            AlertWatch w = entry.value;
            Integer newVersion = versions.get(w.getRuleId());
            if (newVersion != null && newVersion == w.getRuleVersion()) {
                continue;
            }
            AlertState state = AlertRecords.state(w);
            AlertLifecycle lifecycle = new AlertLifecycle(entry.key);
            Decision decision;
            if (newVersion == null) {
                Optional<AlertRule> last = previous.rule(w.getRuleId());
                if (last.isEmpty()) {
                    continue;
                }
                decision = lifecycle.retire(state, last.get(), now, Transition.Cause.RULE_RETIRED);
            } else {
                decision = lifecycle.reevaluate(state, rules.rule(w.getRuleId()).orElseThrow(), now);
            }
            apply(entry.key, decision, AlertRecords.context(w));
        }
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
        decision.transition().ifPresent(t -> {
            Alert alert = AlertRecords.alert(t, ctx, this::factor);
            history.put(FIXED.format(t.at()) + "|" + t.alertId(), alert);
            if (alert.getState() == RESOLVED) {
                openAlerts.delete(t.alertId());
            } else {
                openAlerts.put(t.alertId(), alert);
            }
            metrics.alert(alert.getSeverity(), alert.getState());
            context.forward(new Record<>(t.alertId(), alert, t.at().toEpochMilli()));
        });
    }
}
