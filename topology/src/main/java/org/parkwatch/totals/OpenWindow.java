package org.parkwatch.totals;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A window still accepting activity, with its running total, the part of it in hours an IAV report covers (the
 * intensity numerator), the factor versions that priced its activity, and whether it changed since it was last
 * published.
 */
public record OpenWindow(WindowSpan span, Amounts amounts, Amounts covered, String lastEntryId, boolean changed,
                         SortedSet<String> factorVersions) {

    public OpenWindow {
        factorVersions = Collections.unmodifiableSortedSet(new TreeSet<>(factorVersions));
    }

    public OpenWindow(WindowSpan span, Amounts amounts, String lastEntryId, boolean changed) {
        this(span, amounts, Amounts.ZERO, lastEntryId, changed, new TreeSet<>());
    }

    OpenWindow add(Amounts delta, String entryId, boolean inCoveredHour, Collection<String> versions) {
        TreeSet<String> all = new TreeSet<>(factorVersions);
        all.addAll(versions);
        return new OpenWindow(span, amounts.plus(delta), inCoveredHour ? covered.plus(delta) : covered, entryId, true,
                all);
    }

    OpenWindow withCovered(Amounts newCovered) {
        return new OpenWindow(span, amounts, newCovered, lastEntryId, true, factorVersions);
    }

    OpenWindow published() {
        return new OpenWindow(span, amounts, covered, lastEntryId, false, factorVersions);
    }
}
