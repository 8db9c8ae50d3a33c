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

    /** Room left in a dead letter for its reason, detail, ids and source, around the original bytes. */
    static final int ENVELOPE_BYTES = 64 * 1024;
    static final int MAX_DETAIL_CHARS = 4_000;

    static DeadLetter of(RejectReason reason, String detail, RecordMetadata source, long sourceTimestamp,
                         byte[] key, byte[] value, String eventId, String enterpriseId, Instant now) {
        long originalBytes = (key == null ? 0 : key.length) + (long) (value == null ? 0 : value.length);
        if (originalBytes > Topics.DEAD_LETTER_MAX_BYTES - ENVELOPE_BYTES) {
            // Only when an input topic takes records larger than a dead letter can carry: writing the letter
            // without them beats failing the stream thread on every attempt; they stay on the input topic.
            detail = detail + " [the original " + originalBytes + " bytes exceed what a dead letter carries ("
                    + Topics.DEAD_LETTER_MAX_BYTES + " bytes); read them at " + source.topic() + "/"
                    + source.partition() + "@" + source.offset() + " within its retention]";
            key = null;
            value = null;
        }
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setDetail(bounded(detail))
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

    /** A detail quoting a huge decoding error must not make the letter itself too large. */
    private static String bounded(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL_CHARS) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL_CHARS - 20) + "... (" + detail.length() + " chars)";
    }
}
