package org.parkwatch.topology;

import java.time.Instant;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.ingest.Activity;
import org.parkwatch.ingest.ActivityValidator;
import org.parkwatch.ingest.Validation;

/**
 * One activity input topic: how its bytes are decoded and its records validated into canonical activities.
 *
 * @param <R> the Avro record on the topic
 */
record ActivityInput<R extends SpecificRecord>(String name, String topic, Deserializer<R> deserializer,
                                               Validator<R> validator) {

    /** Validation of one decoded record, given the enterprise its key names and the wall-clock time. */
    @FunctionalInterface
    interface Validator<R> {
        Validation<? extends Activity> validate(R record, String key, Optional<Enterprise> enterprise, Instant now);
    }

    static ActivityInput<MeterReading> meter(String topic, Deserializer<MeterReading> d, ActivityValidator v) {
        return new ActivityInput<>("meter", topic, d, v::validateMeter);
    }

    static ActivityInput<FuelConsumption> fuel(String topic, Deserializer<FuelConsumption> d, ActivityValidator v) {
        return new ActivityInput<>("fuel", topic, d, v::validateFuel);
    }

    static ActivityInput<WastewaterSample> wastewater(String topic, Deserializer<WastewaterSample> d,
                                                      ActivityValidator v) {
        return new ActivityInput<>("wastewater", topic, d, v::validateWastewater);
    }

    static ActivityInput<FlueGasSample> flueGas(String topic, Deserializer<FlueGasSample> d, ActivityValidator v) {
        return new ActivityInput<>("flue-gas", topic, d, v::validateFlueGas);
    }

    /** The enterprise a record claims, read before validation so the enterprise can be looked up. */
    static String enterpriseIdOf(SpecificRecord record) {
        Object id = record.get(record.getSchema().getField("enterpriseId").pos());
        return id == null ? null : id.toString();
    }

    static String eventIdOf(SpecificRecord record) {
        Object id = record.get(record.getSchema().getField("eventId").pos());
        return id == null ? null : id.toString();
    }
}
