package org.parkwatch.topology;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.parkwatch.avro.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters of refused reference data, written by a producer of their own. Each send waits for the broker's
 * acknowledgement, so a letter is written before the global thread can checkpoint past its record: a crash in
 * between reads the record again on restart and writes the letter again (at least once). Refusals are rare, so
 * the wait costs nothing that matters.
 */
public final class ProducedReferenceDeadLetters implements ReferenceDeadLetters, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProducedReferenceDeadLetters.class);

    private final Producer<String, DeadLetter> producer;
    private final String topic;

    public ProducedReferenceDeadLetters(Producer<String, DeadLetter> producer, String deadLetterTopic) {
        this.producer = producer;
        this.topic = deadLetterTopic;
    }

    @Override
    public void send(String key, DeadLetter letter) {
        try {
            producer.send(new ProducerRecord<>(topic, key, letter)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted writing the dead letter of {}/{}@{} ({}): {}", letter.getSourceTopic(),
                    letter.getSourcePartition(), letter.getSourceOffset(), letter.getReason(), letter.getDetail());
        } catch (ExecutionException e) {
            cannotWrite(letter, e.getCause());
        } catch (RuntimeException e) {
            // Thrown before sending, e.g. the letter's schema could not be registered during a registry outage:
            // the global thread must not die of it, which would stop every stream thread.
            cannotWrite(letter, e);
        }
    }

    /**
     * The record stays refused either way (the version in force stays); only its letter is missing, so the log says
     * everything the letter would have.
     */
    private void cannotWrite(DeadLetter letter, Throwable cause) {
        LOG.error("Cannot write the dead letter of {}/{}@{} ({}: {}) to {}: {}", letter.getSourceTopic(),
                letter.getSourcePartition(), letter.getSourceOffset(), letter.getReason(), letter.getDetail(),
                topic, cause.toString());
    }

    @Override
    public void close() {
        producer.close();
    }
}
