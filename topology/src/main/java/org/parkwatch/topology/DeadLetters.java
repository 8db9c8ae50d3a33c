package org.parkwatch.topology;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;

/** Builds dead letters that keep the original bytes and their exact position, so they can be replayed. */
final class DeadLetters {

    private DeadLetters() {
    }

    static DeadLetter of(RejectReason reason, String detail, RecordMetadata source, long sourceTimestamp,
                         byte[] key, byte[] value, String eventId, String enterpriseId, Instant now) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setDetail(detail)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestamp(Instant.ofEpochMilli(sourceTimestamp))
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setEventId(eventId)
                .setEnterpriseId(enterpriseId)
                .setRejectedAt(now)
                .build();
    }
}
