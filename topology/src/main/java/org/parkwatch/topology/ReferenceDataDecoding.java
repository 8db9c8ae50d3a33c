package org.parkwatch.topology;

import java.time.Duration;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the reference-data tables (enterprises, factors, rules) read their topics. Their records are decoded on the
 * global thread, where a decoding failure skips the record: a registry outage while a new schema version of an
 * enterprise or a factor arrives would drop that enterprise or factor for good, and the activity priced against it
 * would become dead letters. So a registry that cannot answer is waited out, as long as it takes: the global thread
 * holds no transaction, and the stream threads go on with the reference data read so far. Bytes that are bad
 * whatever the registry's state fail at once, as before.
 */
final class ReferenceDataDecoding {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataDecoding.class);
    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 2_000;
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private ReferenceDataDecoding() {
    }

    /** {@code serde}, whose deserializer waits out registry outages. */
    static <T> Serde<T> patient(Serde<T> serde, Runnable onUnavailable) {
        return Serdes.serdeFrom(serde.serializer(), patient(serde.deserializer(), onUnavailable, Thread::sleep));
    }

    static <T> Deserializer<T> patient(Deserializer<T> deserializer, Runnable onUnavailable,
                                       RecordDecoding.Pause pause) {
        return (topic, bytes) -> {
            long pauseMs = FIRST_PAUSE_MS;
            long waited = 0;
            long warnedAt = -WARN_EVERY.toMillis();
            while (true) {
                try {
                    return deserializer.deserialize(topic, bytes);
                } catch (SchemaRegistryUnavailableException e) {
                    onUnavailable.run();
                    if (waited - warnedAt >= WARN_EVERY.toMillis()) {
                        LOG.warn("Reference data from {} waits for the schema registry (waited {} ms so far): {}",
                                topic, waited, e.getMessage());
                        warnedAt = waited;
                    }
                    try {
                        pause.sleep(pauseMs);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    waited += pauseMs;
                    pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
                }
            }
        };
    }
}
