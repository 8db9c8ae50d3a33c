package org.parkwatch.totals;

/**
 * A window still accepting activity, with its running total and whether it changed since it was last published.
 */
public record OpenWindow(WindowSpan span, Amounts amounts, String lastEntryId, boolean changed) {

    OpenWindow add(Amounts delta, String entryId) {
        return new OpenWindow(span, amounts.plus(delta), entryId, true);
    }

    OpenWindow published() {
        return new OpenWindow(span, amounts, lastEntryId, false);
    }
}
