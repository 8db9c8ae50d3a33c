package org.parkwatch.simulator;

import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record the simulator emits, with its Kafka key and event time.
 *
 * @param kind      which topic it goes to
 * @param key       the enterpriseId
 * @param eventTime the end of its interval or period (the Kafka record timestamp)
 * @param value     the Avro record
 * @param defect    {@link EventDefect#NONE} unless deliberately bad
 */
public record SimulatedEvent(EventKind kind, String key, Instant eventTime, SpecificRecord value,
                             EventDefect defect) {

    public SimulatedEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(defect, "defect");
    }
}
