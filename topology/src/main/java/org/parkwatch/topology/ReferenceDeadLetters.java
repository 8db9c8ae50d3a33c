package org.parkwatch.topology;

import org.parkwatch.avro.DeadLetter;

/**
 * Where the reference tables send the dead letters of the records they refuse. Reference data is read by each
 * instance's global thread, which has no sink of its own (a global processor cannot forward), so the pipeline
 * hands it a producer ({@link ProducedReferenceDeadLetters}); a test hands it a list.
 */
@FunctionalInterface
public interface ReferenceDeadLetters {

    /** Sends {@code letter}, keyed {@code key}, to the dead-letter topic, returning once the broker has it. */
    void send(String key, DeadLetter letter);
}
