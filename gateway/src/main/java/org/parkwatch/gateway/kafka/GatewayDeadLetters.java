package org.parkwatch.gateway.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.intake.Outcome;

/**
 * The dead letter of a refused packet. Its source is the packet's record on the raw topic, so the letter points at
 * what to replay; it carries the packet's bytes too.
 */
final class GatewayDeadLetters {

    private GatewayDeadLetters() {
    }

    static RejectReason reason(PacketFault fault) {
        return RejectReason.valueOf(fault.reason());
    }

    static DeadLetter of(Outcome outcome, Outcome.Rejection rejection, RecordMetadata raw, String peer, Instant now) {
        return DeadLetter.newBuilder()
                .setReason(reason(rejection.fault()))
                .setDetail(rejection.detail() + " (from " + peer + ")")
                .setSourceTopic(raw.topic())
                .setSourcePartition(raw.partition())
                .setSourceOffset(raw.offset())
                .setSourceTimestamp(Instant.ofEpochMilli(raw.timestamp()))
                .setOriginalKey(outcome.rawKey() == null ? null
                        : ByteBuffer.wrap(outcome.rawKey().getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(outcome.rawBytes()))
                .setEventId(outcome.eventId().orElse(null))
                .setEnterpriseId(outcome.enterpriseId().orElse(null))
                .setRejectedAt(now)
                .build();
    }
}
