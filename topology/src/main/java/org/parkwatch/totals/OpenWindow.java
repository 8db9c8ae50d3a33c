package org.parkwatch.totals;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A window still accepting activity, with its running total, the part of it in hours an IAV report covers (the
 * intensity numerator), the factor versions that priced its activity, whether it changed since it was last
 * published, and the latest accounting time of the activity it sums.
 *
 * @param latestActivityAt nullable: the latest accounting time among the activities summed, the event time the
 *                         running total stands at (null only in state written before it was kept)
 */
public record OpenWindow(WindowSpan span, Amounts amounts, Amounts covered, String lastEntryId, boolean changed,
                         SortedSet<String> factorVersions, Instant latestActivityAt) {

    public OpenWindow {
        factorVersions = Collections.unmodifiableSortedSet(new TreeSet<>(factorVersions));
    }

    public OpenWindow(WindowSpan span, Amounts amounts, Amounts covered, String lastEntryId, boolean changed,
                      SortedSet<String> factorVersions) {
        this(span, amounts, covered, lastEntryId, changed, factorVersions, null);
    }

    public OpenWindow(WindowSpan span, Amounts amounts, String lastEntryId, boolean changed) {
        this(span, amounts, Amounts.ZERO, lastEntryId, changed, new TreeSet<>());
    }

    OpenWindow add(Amounts delta, String entryId, boolean inCoveredHour, Collection<String> versions,
                   Instant activityTime) {
        TreeSet<String> all = new TreeSet<>(factorVersions);
        all.addAll(versions);
        // The maximum, not the last seen: the same activities give the same time whatever order they came in.
        Instant latest = activityTime == null || (latestActivityAt != null && latestActivityAt.isAfter(activityTime))
                ? latestActivityAt : activityTime;
        return new OpenWindow(span, amounts.plus(delta), inCoveredHour ? covered.plus(delta) : covered, entryId, true,
                all, latest);
    }

    OpenWindow withCovered(Amounts newCovered) {
        return new OpenWindow(span, amounts, newCovered, lastEntryId, true, factorVersions, latestActivityAt);
    }

    OpenWindow published() {
        return new OpenWindow(span, amounts, covered, lastEntryId, false, factorVersions, latestActivityAt);
    }
}
