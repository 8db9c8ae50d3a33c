package org.parkwatch.totals;

/**
 * A window still accepting activity, with its running total, the part of it in hours an IAV report covers (the
 * intensity numerator), and whether it changed since it was last published.
 */
public record OpenWindow(WindowSpan span, Amounts amounts, Amounts covered, String lastEntryId, boolean changed) {

    public OpenWindow(WindowSpan span, Amounts amounts, String lastEntryId, boolean changed) {
        this(span, amounts, Amounts.ZERO, lastEntryId, changed);
    }

    OpenWindow add(Amounts delta, String entryId, boolean inCoveredHour) {
        return new OpenWindow(span, amounts.plus(delta), inCoveredHour ? covered.plus(delta) : covered, entryId, true);
    }

    OpenWindow withCovered(Amounts newCovered) {
        return new OpenWindow(span, amounts, newCovered, lastEntryId, true);
    }

    OpenWindow published() {
        return new OpenWindow(span, amounts, covered, lastEntryId, false);
    }
}
