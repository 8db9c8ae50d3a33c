package org.parkwatch.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for the pipeline's own state stores and repartition topics. These are never read outside the pipeline, so
 * they use Avro's single-object encoding (a schema fingerprint in each value) instead of the Schema Registry:
 * restoring state does not depend on a registry being reachable.
 *
 * <p>A value written by an earlier state version carries the fingerprint of its schema then: those schemas are kept
 * (resources {@code org/parkwatch/avro/internal/earlier/}) and resolved against the current one, so state restored
 * after an upgrade decodes, new fields taking their defaults (README, "State versions and upgrades").
 */
final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** Schemas of internal records as earlier state versions wrote them, by record name. */
    private static final Map<String, List<String>> EARLIER = Map.of(
            // state version 7 added stack-measured NOx and particulate to every total, and the method of a ledger
            // entry: each record holding totals or entries has a version-6 form
            "org.parkwatch.avro.internal.WindowBookState",
            List.of("WindowBookState-state-v2.avsc", "WindowBookState-state-v6.avsc"),
            // state version 5 added the revision number and reason of a closed window
            "org.parkwatch.avro.EmissionTotals", List.of("EmissionTotals-state-v4.avsc", "EmissionTotals-state-v6.avsc"),
            "org.parkwatch.avro.IntensitySnapshot",
            List.of("IntensitySnapshot-state-v4.avsc", "IntensitySnapshot-state-v6.avsc"),
            // state version 6: the revision reason of folded amounts, the correction of a restated ledger entry
            "org.parkwatch.avro.internal.ActivityAmounts",
            List.of("ActivityAmounts-state-v5.avsc", "ActivityAmounts-state-v6.avsc"),
            "org.parkwatch.avro.internal.TotalsInput", List.of("TotalsInput-state-v5.avsc", "TotalsInput-state-v6.avsc"),
            "org.parkwatch.avro.internal.LedgerEvent", List.of("LedgerEvent-state-v5.avsc", "LedgerEvent-state-v6.avsc"),
            "org.parkwatch.avro.EmissionEntry", List.of("EmissionEntry-state-v5.avsc", "EmissionEntry-state-v6.avsc"),
            "org.parkwatch.avro.Alert", List.of("Alert-state-v6.avsc"));

    InternalAvroSerde(org.apache.avro.Schema schema) {
        this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
        for (org.apache.avro.Schema earlier : earlierSchemas(schema.getFullName())) {
            decoder.addSchema(earlier);
        }
    }

    static List<org.apache.avro.Schema> earlierSchemas(String recordName) {
        return EARLIER.getOrDefault(recordName, List.of()).stream().map(InternalAvroSerde::load).toList();
    }

    private static org.apache.avro.Schema load(String resource) {
        String path = "/org/parkwatch/avro/internal/earlier/" + resource;
        try (InputStream in = InternalAvroSerde.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return new org.apache.avro.Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new SerializationException("Cannot encode " + value.getSchema().getFullName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException e) {
                throw new SerializationException("Cannot decode internal record from " + topic, e);
            }
        };
    }
}
