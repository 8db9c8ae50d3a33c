package org.parkwatch.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>The events of one enterprise at one instant (its meters, units and outlets of the same interval) arrive close
 * together, and reading them from the store costs a RocksDB iterator per check (a quarter of the accounting step in
 * the profile). So the eventIds of the instants checked last are kept in memory, filled from the store on the first
 * check of an instant and extended by every event recorded. They mirror the store as this task wrote it: the
 * accounting step makes a new index at every initialisation, which Kafka Streams repeats whenever it drops a task's
 * uncommitted writes (a task closed dirty is revived and initialised again).
 */
final class LedgerIndex {

    /** Instants (enterprise and accounting time) whose eventIds are kept in memory. */
    static final int INSTANTS_KEPT = 10_000;

    private final WindowStore<String, IndexedLedgerEvent> events;
    private final Map<String, List<String>> eventIdsAt = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > INSTANTS_KEPT;
        }
    };

    LedgerIndex(WindowStore<String, IndexedLedgerEvent> events) {
        this.events = events;
    }

    /** Whether the event {@code eventId} of the enterprise, at accounting time {@code time}, is accounted already. */
    boolean holds(String enterpriseId, String eventId, Instant time) {
        return eventIdsAt(enterpriseId, time).contains(eventId);
    }

    private List<String> eventIdsAt(String enterpriseId, Instant time) {
        return eventIdsAt.computeIfAbsent(instant(enterpriseId, time), k -> {
            List<String> ids = new ArrayList<>();
            long at = time.toEpochMilli();
            try (WindowStoreIterator<IndexedLedgerEvent> it = events.fetch(enterpriseId, at, at)) {
                while (it.hasNext()) {
                    IndexedLedgerEvent event = it.next().value;
                    if (event != null) {
                        ids.add(event.eventId());
                    }
                }
            }
            return ids;
        });
    }

    /** Records an accounted event with all its entries, in one write. */
    void record(String enterpriseId, Instant time, List<EmissionEntry> entries) {
        IndexedLedgerEvent event = IndexedLedgerEvent.of(entries);
        events.put(enterpriseId, event, time.toEpochMilli());
        eventIdsAt(enterpriseId, time).add(event.eventId());
    }

    private static String instant(String enterpriseId, Instant time) {
        return enterpriseId + '\u001F' + time.toEpochMilli();
    }
}
