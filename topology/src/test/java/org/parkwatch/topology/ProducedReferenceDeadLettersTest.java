package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;

/** The global thread's letters: sent and acknowledged, and a letter that cannot be written never kills the thread. */
class ProducedReferenceDeadLettersTest {

    private static DeadLetter letter() {
        return DeadLetter.newBuilder().setReason(RejectReason.INVALID_FACTOR).setDetail("negative")
                .setSourceTopic("park.emission-factors").setSourcePartition(0).setSourceOffset(7)
                .setSourceTimestamp(Instant.EPOCH).setRejectedAt(Instant.EPOCH).build();
    }

    @Test
    void shouldSendTheLetterToTheDeadLetterTopicUnderItsKey() {
        MockProducer<String, DeadLetter> producer = new MockProducer<>(true, null, new StringSerializer(),
                (Serializer<DeadLetter>) (topic, value) -> new byte[] {1});
        new ProducedReferenceDeadLetters(producer, "park.dead-letters").send("heat@2022", letter());

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("park.dead-letters");
            assertThat(record.key()).isEqualTo("heat@2022");
            assertThat(record.value().getSourceOffset()).isEqualTo(7L);
        });
    }

    @Test
    void shouldLogRatherThanThrowWhenTheLetterCannotBeSerialized() {
        MockProducer<String, DeadLetter> producer = new MockProducer<>(true, null, new StringSerializer(),
                (Serializer<DeadLetter>) (topic, value) -> {
                    throw new SerializationException("schema registry unreachable");
                });

        assertThatCode(() -> new ProducedReferenceDeadLetters(producer, "park.dead-letters").send("k", letter()))
                .doesNotThrowAnyException();
        assertThat(producer.history()).isEmpty();
    }
}
