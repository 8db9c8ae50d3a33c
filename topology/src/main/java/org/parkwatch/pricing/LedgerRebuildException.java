package org.parkwatch.pricing;

/**
 * The ledger entries of an event do not tell its activity unambiguously, so it cannot be priced again from them:
 * entries of several events, a line missing or doubled, or lines this pricer would not write for any activity
 * (another writer, another version of the formulas). Checked, so that a restatement decides what to do with
 * such an event instead of dropping it silently.
 */
public final class LedgerRebuildException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String eventId;

    public LedgerRebuildException(String eventId, String reason) {
        super("ledger entries of event " + eventId + " cannot be priced again: " + reason);
        this.eventId = eventId;
    }

    /** The event whose entries were refused ({@code null} when there were no entries at all). */
    public String eventId() {
        return eventId;
    }
}
