package org.parkwatch.serde;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/**
 * Serde for a generated Avro record in the Confluent wire format: a {@link SpecificAvroSerializer} and a
 * {@link SpecificAvroDeserializer} sharing one registry client and its caches.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SchemaRegistryClient givenClient;
    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    /** For configuration by Kafka through {@link #configure(Map, boolean)}. */
    public SpecificAvroSerde() {
        this.givenClient = null;
        this.serializer = new SpecificAvroSerializer<>();
        this.deserializer = new SpecificAvroDeserializer<>();
    }

    /** A ready serde; {@link #configure(Map, boolean)} may still replace the settings, keeping the client. */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type, SerdeSettings settings) {
        this.givenClient = Objects.requireNonNull(client, "client");
        this.serializer = new SpecificAvroSerializer<>(client, settings);
        this.deserializer = new SpecificAvroDeserializer<>(client, type);
    }

    /**
     * Reads the Confluent keys of {@link SerdeConfig} and, unless a client was given, creates one from
     * {@link RegistryClientSettings#fromConfig(Map)}.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient client = givenClient != null ? givenClient
                : new RestSchemaRegistryClient(RegistryClientSettings.fromConfig(configs));
        serializer.use(client, SerdeSettings.fromConfig(configs, isKey));
        deserializer.use(client);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
