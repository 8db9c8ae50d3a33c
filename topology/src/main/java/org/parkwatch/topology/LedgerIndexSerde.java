package org.parkwatch.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.internal.LedgerEvent;

/**
 * Values of the ledger index: one {@link LedgerEvent} per accounted event (its 1 to 4 entries), where state version 2
 * stored one {@link EmissionEntry} per entry. Both are read: an entry of version 2, restored from the changelog or
 * found on disk after an upgrade, reads as an event of that one entry, so the audit trail spans the upgrade.
 *
 * <p>The eventId is read straight from the bytes (Avro single-object encoding: a 10-byte header naming the schema,
 * then the fields in order; an entry's first fields are its entryId and its eventId), so that recognising a resend
 * decodes nothing else.
 */
final class LedgerIndexSerde implements Serde<IndexedLedgerEvent> {

    private static final int HEADER = 10;
    /** Fingerprints of a stored event: this version's, and those of earlier versions (state version 6 added fields). */
    private static final List<byte[]> EVENT_FINGERPRINTS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(LedgerEvent.getClassSchema()),
            InternalAvroSerde.earlierSchemas(LedgerEvent.getClassSchema().getFullName()).stream())
            .map(LedgerIndexSerde::fingerprint).toList();

    private final InternalAvroSerde<LedgerEvent> events = new InternalAvroSerde<>(LedgerEvent.getClassSchema());
    private final InternalAvroSerde<EmissionEntry> entries = new InternalAvroSerde<>(EmissionEntry.getClassSchema());

    @Override
    public Serializer<IndexedLedgerEvent> serializer() {
        Serializer<LedgerEvent> encode = events.serializer();
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            return value.encoded() != null ? value.encoded() : encode.serialize(topic, value.event());
        };
    }

    @Override
    public Deserializer<IndexedLedgerEvent> deserializer() {
        Deserializer<LedgerEvent> current = events.deserializer();
        Deserializer<EmissionEntry> before = entries.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return IndexedLedgerEvent.stored(eventIdOf(bytes), bytes, encoded -> {
                try {
                    return current.deserialize(topic, encoded);
                } catch (MissingSchemaException notAnEvent) {
                    return new LedgerEvent(List.of(before.deserialize(topic, encoded)));
                }
            });
        };
    }

    /** The eventId of a stored event (or of a version-2 entry), without decoding the rest. */
    static String eventIdOf(byte[] bytes) {
        if (bytes.length <= HEADER) {
            throw new SerializationException("ledger index value of " + bytes.length + " bytes holds no event");
        }
        try {
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
            if (isEvent(bytes) && in.readArrayStart() == 0) {
                throw new SerializationException("ledger index value holds an event without entries");
            }
            in.skipString(); // entryId
            return in.readString();
        } catch (IOException e) {
            throw new SerializationException("ledger index value is not an event", e);
        }
    }

    private static boolean isEvent(byte[] bytes) {
        for (byte[] fingerprint : EVENT_FINGERPRINTS) {
            if (Arrays.equals(bytes, 2, HEADER, fingerprint, 0, fingerprint.length)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] fingerprint(org.apache.avro.Schema schema) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    }
}
