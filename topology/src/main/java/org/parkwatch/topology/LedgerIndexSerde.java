package org.parkwatch.topology;

import java.util.List;

import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.internal.LedgerEvent;

/**
 * Values of the ledger index: one {@link LedgerEvent} per accounted event (its 1 to 4 entries), where state version 2
 * stored one {@link EmissionEntry} per entry. Both are read: an entry of version 2, restored from the changelog or
 * found on disk after an upgrade, reads as an event of that one entry, so the audit trail spans the upgrade.
 */
final class LedgerIndexSerde implements Serde<LedgerEvent> {

    private final InternalAvroSerde<LedgerEvent> events = new InternalAvroSerde<>(LedgerEvent.getClassSchema());
    private final InternalAvroSerde<EmissionEntry> entries = new InternalAvroSerde<>(EmissionEntry.getClassSchema());

    @Override
    public Serializer<LedgerEvent> serializer() {
        return events.serializer();
    }

    @Override
    public Deserializer<LedgerEvent> deserializer() {
        Deserializer<LedgerEvent> current = events.deserializer();
        Deserializer<EmissionEntry> before = entries.deserializer();
        return (topic, bytes) -> {
            try {
                return current.deserialize(topic, bytes);
            } catch (MissingSchemaException notAnEvent) {
                EmissionEntry entry = before.deserialize(topic, bytes);
                return entry == null ? null : new LedgerEvent(List.of(entry));
            }
        };
    }
}
