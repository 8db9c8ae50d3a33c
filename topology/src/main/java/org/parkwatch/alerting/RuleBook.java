package org.parkwatch.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

/**
 * The rules in force, keyed by ruleId. Immutable: {@link #with} and {@link #without} return a new book. A rule
 * applies to every subject inside its scope, so a park rule also judges the park's enterprises and outlets unless a
 * more specific rule does: OUTLET over ENTERPRISE over SECTOR over PARK, and within one scope type an exact scopeId
 * over "*".
 */
public final class RuleBook {

    private static final RuleBook EMPTY = new RuleBook(Map.of());

    /** Among equally specific rules, the strictest first (lowest opening level), then by ruleId. */
    private static final Comparator<AlertRule> TIE_ORDER =
            Comparator.comparingDouble(AlertRule::openingLevel).thenComparing(AlertRule::ruleId);

    private final Map<String, AlertRule> rules;

    private RuleBook(Map<String, AlertRule> rules) {
        this.rules = rules;
    }

    public static RuleBook empty() {
        return EMPTY;
    }

    /** A book of the rules; of two with the same ruleId the later in the collection is kept. */
    public static RuleBook of(Collection<AlertRule> rules) {
        Map<String, AlertRule> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.ruleId(), r));
        return new RuleBook(Collections.unmodifiableMap(byId));
    }

    /**
     * The book with the rule added, or replacing the rule of the same ruleId whatever its version: the latest
     * record on the rule topic is the rule in force.
     */
    public RuleBook with(AlertRule rule) {
        Map<String, AlertRule> next = new LinkedHashMap<>(rules);
        next.put(rule.ruleId(), rule);
        return new RuleBook(Collections.unmodifiableMap(next));
    }

    /** The book without the rule (a tombstone on the rule topic). */
    public RuleBook without(String ruleId) {
        if (!rules.containsKey(ruleId)) {
            return this;
        }
        Map<String, AlertRule> next = new LinkedHashMap<>(rules);
        next.remove(ruleId);
        return new RuleBook(Collections.unmodifiableMap(next));
    }

    public Optional<AlertRule> rule(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    /** Every rule, enabled or not. */
    public Collection<AlertRule> rules() {
        return rules.values();
    }

    /**
     * The most specific enabled rule for the metric and window that applies to the subject; among equally specific
     * ones the strictest (lowest opening level), then the smallest ruleId.
     */
    public Optional<AlertRule> ruleFor(String metric, WindowKind window, Subject subject) {
        List<AlertRule> winners = rulesFor(metric, window, subject);
        return winners.isEmpty() ? Optional.empty() : Optional.of(winners.get(0));
    }

    /**
     * Every enabled rule for the metric and window that applies to the subject at the most specific level found,
     * strictest first: several when several standards judge the same metric at the same scope (e.g. HJ 274-2009
     * and the Jiangsu guideline both judge the park's energy intensity), each with its own alerts.
     */
    public List<AlertRule> rulesFor(String metric, WindowKind window, Subject subject) {
        List<AlertRule> winners = new ArrayList<>();
        int best = -1;
        for (AlertRule r : rules.values()) {
            if (!r.enabled() || !r.metric().equals(metric) || r.window() != window || !applies(r, subject)) {
                continue;
            }
            int s = specificity(r);
            if (s > best) {
                winners.clear();
                best = s;
            }
            if (s == best) {
                winners.add(r);
            }
        }
        winners.sort(TIE_ORDER);
        return List.copyOf(winners);
    }

    /** Whether the subject lies inside the rule's scope. */
    public static boolean applies(AlertRule rule, Subject subject) {
        String id = subject.idAt(rule.scopeType());
        return id != null && (!rule.exactScope() || rule.scopeId().equals(id));
    }

    /** Higher is more specific: the scope type first, then an exact scopeId over "*". */
    static int specificity(AlertRule rule) {
        return 2 * rank(rule.scopeType()) + (rule.exactScope() ? 1 : 0);
    }

    private static int rank(SubjectType scope) {
        return switch (scope) {
            case PARK -> 0;
            case SECTOR -> 1;
            case ENTERPRISE -> 2;
            case OUTLET -> 3;
        };
    }

    public int size() {
        return rules.size();
    }
}
