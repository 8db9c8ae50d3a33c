package org.parkwatch.topology;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.internal.LedgerEvent;

/**
 * A value of the ledger index: the entries of one accounted event, with its eventId readable without decoding them.
 * The index is also the memory of which events were accounted (resends are recognised by it), so it is read for
 * every event; only an audit query needs the entries themselves, and decodes them then.
 */
public final class IndexedLedgerEvent {

    private final String eventId;
    private final byte[] encoded;
    private final Function<byte[], LedgerEvent> decoder;
    private LedgerEvent event;

    private IndexedLedgerEvent(String eventId, byte[] encoded, LedgerEvent event,
                               Function<byte[], LedgerEvent> decoder) {
        this.eventId = eventId;
        this.encoded = encoded;
        this.event = event;
        this.decoder = decoder;
    }

    /** The index value of an event just accounted. */
    static IndexedLedgerEvent of(List<EmissionEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an accounted event has at least one ledger entry");
        }
        return new IndexedLedgerEvent(entries.get(0).getEventId(), null, new LedgerEvent(List.copyOf(entries)), null);
    }

    /** An index value read from the store: its eventId read, its entries decoded when first asked for. */
    static IndexedLedgerEvent stored(String eventId, byte[] encoded, Function<byte[], LedgerEvent> decoder) {
        return new IndexedLedgerEvent(eventId, encoded, null, decoder);
    }

    public String eventId() {
        return eventId;
    }

    /** The event's ledger entries, as written to the ledger topic. */
    public List<EmissionEntry> entries() {
        return event().getEntries();
    }

    LedgerEvent event() {
        if (event == null) {
            event = decoder.apply(encoded);
        }
        return event;
    }

    /** The bytes read from the store, if this value was read rather than made. */
    byte[] encoded() {
        return encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedLedgerEvent other && eventId.equals(other.eventId)
                && entries().equals(other.entries());
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId);
    }

    @Override
    public String toString() {
        return "IndexedLedgerEvent[" + eventId + "]";
    }
}
