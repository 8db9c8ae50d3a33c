package org.parkwatch.topology;

import java.time.Duration;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.TaskId;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.parkwatch.serde.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes an input record's bytes, telling a bad record from an outage of our own. Bytes that do not decode, or a
 * schema id the registry definitively does not know, are the record's fault: {@link WireFormatException}, a dead
 * letter. A registry that cannot answer is not: the step waits, with a growing pause, for up to {@code patience},
 * then throws {@link SchemaRegistryOutageException}; the processor turns it into {@link #readAgainFromLastCommit},
 * so the task is rewound to its last commit and the record read again. Patience stays well below the transaction
 * timeout (10 s under exactly-once), so an outage never aborts a transaction from under the task.
 */
final class RecordDecoding {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoding.class);

    /** How long one step waits for the registry before failing the task. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 1_000;

    /** Pauses the processing thread; a test passes one that only counts. */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final Duration patience;
    private final Pause pause;
    private final Runnable onUnavailable;

    RecordDecoding(Duration patience, Pause pause, Runnable onUnavailable) {
        this.patience = patience;
        this.pause = pause;
        this.onUnavailable = onUnavailable;
    }

    static RecordDecoding waitingOutOutages(Runnable onUnavailable) {
        return new RecordDecoding(PATIENCE, Thread::sleep, onUnavailable);
    }

    /**
     * The decoded record, or null for a null value.
     *
     * @throws WireFormatException           when the record cannot be read, whatever the registry's state
     * @throws SchemaRegistryOutageException when the registry could not answer within the patience
     */
    <T> T decode(Deserializer<T> deserializer, String topic, byte[] bytes) {
        long waited = 0;
        long pauseMs = FIRST_PAUSE_MS;
        while (true) {
            try {
                return deserializer.deserialize(topic, bytes);
            } catch (WireFormatException e) {
                throw e;
            } catch (SchemaRegistryUnavailableException e) {
                onUnavailable.run();
                long left = patience.toMillis() - waited;
                if (left <= 0) {
                    throw new SchemaRegistryOutageException("schema registry still unavailable after " + waited
                            + " ms; failing the task so the record is read again: " + e.getMessage(), e);
                }
                long nap = Math.min(pauseMs, left);
                try {
                    pause.sleep(nap);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryOutageException("interrupted waiting for the schema registry", e);
                }
                waited += nap;
                pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
            } catch (RuntimeException e) {
                throw new WireFormatException(WireFormatException.Problem.MALFORMED_BYTES,
                        "cannot decode: " + e.getMessage(), e);
            }
        }
    }

    /**
     * What a processor throws when the registry stayed unavailable for a whole step: Kafka Streams drops the
     * thread's tasks, discarding their uncommitted work, and rejoins the group at once, so the record is read
     * again from the last commit by the same thread. (Failing the thread instead costs a session timeout, 45 s,
     * before its tasks reach the thread that replaces it.) Under exactly-once the tasks' local state is rebuilt
     * from the changelogs, the price of never skipping the record.
     */
    static RuntimeException readAgainFromLastCommit(TaskId task, SchemaRegistryOutageException outage) {
        LOG.warn("Task {} rewinds to its last commit to read its record again once the schema registry answers: {}",
                task, outage.getMessage());
        return new TaskMigratedException("schema registry unavailable; reading again from the last commit", outage);
    }

    /**
     * The registry stayed unavailable for a whole step. Not bad input: never a dead letter. Its cause is the
     * {@link SchemaRegistryUnavailableException}, which the pipeline's thread-replacement policy recognises.
     */
    static final class SchemaRegistryOutageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SchemaRegistryOutageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
