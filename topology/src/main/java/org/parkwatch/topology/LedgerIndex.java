package org.parkwatch.topology;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.parkwatch.avro.EmissionEntry;

/**
 * The accounted events of a task's enterprises, by enterprise and accounting time: the audit trail the API shows
 * behind a figure, and the memory of which events were accounted, so that a resend is recognised and dropped.
 *
 * <p>One write per event serves both. Until state version 3 a separate seen-events store per input took a second
 * write (and a changelog record) per event. A resend is recognised as long as the index holds its event:
 * {@code parkwatch.ledger.store.retention.ms} (400 days by default) behind the latest accounting time of the
 * partition, whichever input it came on.
 */
final class LedgerIndex {

    private final WindowStore<String, IndexedLedgerEvent> events;

    LedgerIndex(WindowStore<String, IndexedLedgerEvent> events) {
        this.events = events;
    }

    /** Whether the event {@code eventId} of the enterprise, at accounting time {@code time}, is accounted already. */
    boolean holds(String enterpriseId, String eventId, Instant time) {
        long at = time.toEpochMilli();
        // the events of one enterprise at one instant: its meters, units and outlets of the same interval
        try (WindowStoreIterator<IndexedLedgerEvent> it = events.fetch(enterpriseId, at, at)) {
            while (it.hasNext()) {
                IndexedLedgerEvent event = it.next().value;
                if (event != null && eventId.equals(event.eventId())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Records an accounted event with all its entries, in one write. */
    void record(String enterpriseId, Instant time, List<EmissionEntry> entries) {
        events.put(enterpriseId, IndexedLedgerEvent.of(entries), time.toEpochMilli());
    }
}
