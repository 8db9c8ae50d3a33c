package org.parkwatch.alerting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What an alert transition rests on: the value and the rule's levels, and the figures behind the value (totals,
 * IAV, concentrations, by name), the factor versions and the ledger entries. The lifecycle sets value and levels;
 * the caller fills the rest.
 */
public record Evidence(double value, OptionalDouble warningLevel, double limit, Map<String, Object> figures,
                       List<String> factorKeys, List<String> ledgerEntryIds) {

    public Evidence {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        factorKeys = List.copyOf(factorKeys);
        ledgerEntryIds = List.copyOf(ledgerEntryIds);
    }

    /** No figures, factors nor ledger entries. */
    public static Evidence none() {
        return of(Map.of(), List.of(), List.of());
    }

    /** The figures behind a value, before the lifecycle sets the value and levels. */
    public static Evidence of(Map<String, Object> figures, List<String> factorKeys, List<String> ledgerEntryIds) {
        return new Evidence(Double.NaN, OptionalDouble.empty(), Double.NaN, figures, factorKeys, ledgerEntryIds);
    }

    /** This evidence with the value judged and the levels of the rule that judged it. */
    public Evidence judged(double judgedValue, AlertRule rule) {
        return new Evidence(judgedValue, rule.warningLevel(), rule.limit(), figures, factorKeys, ledgerEntryIds);
    }
}
