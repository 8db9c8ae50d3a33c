package org.parkwatch.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.serde.registry.RegisteredSchema;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RegistryException;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/**
 * Writes generated Avro records in the Confluent wire format, byte for byte as Confluent's KafkaAvroSerializer does:
 * magic byte 0, the schema id (4 bytes, big-endian), the Avro binary body. The schema id comes from registering the
 * record's schema, from looking it up, or from the subject's latest version, per {@link SerdeSettings}; it is asked
 * once per topic and schema. Null records (tombstones) serialize to null. Thread-safe.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient client;
    private SerdeSettings settings;
    private final ConcurrentMap<TopicSchema, Integer> idsByTopicSchema = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, DatumWriter<T>> writersByClass = new ConcurrentHashMap<>();

    private record TopicSchema(String topic, Schema schema) {
    }

    /** For configuration by Kafka through {@link #configure(Map, boolean)}. */
    public SpecificAvroSerializer() {
    }

    public SpecificAvroSerializer(SchemaRegistryClient client, SerdeSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads the Confluent keys of {@link SerdeConfig}; a serializer built without a client also creates one from
     * {@link RegistryClientSettings#fromConfig(Map)}.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient configured = client != null ? client
                : new RestSchemaRegistryClient(RegistryClientSettings.fromConfig(configs));
        use(configured, SerdeSettings.fromConfig(configs, isKey));
    }

    void use(SchemaRegistryClient registry, SerdeSettings serdeSettings) {
        this.client = registry;
        this.settings = serdeSettings;
        idsByTopicSchema.clear();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("SpecificAvroSerializer used before configure()");
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        byte[] header = new byte[WireFormat.HEADER_LENGTH];
        WireFormat.writeHeader(header, id);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(record).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        TopicSchema key = new TopicSchema(topic, schema);
        Integer cached = idsByTopicSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String subject = settings.subjectNameStrategy().subject(topic, settings.isKey(), schema);
        int id;
        try {
            if (settings.autoRegister()) {
                id = client.register(subject, schema);
            } else if (settings.useLatestVersion()) {
                id = latestId(subject, schema);
            } else {
                id = client.idOf(subject, schema);
            }
        } catch (RegistryException e) {
            throw new SerializationException("Cannot obtain a schema id for " + schema.getFullName()
                    + " under subject " + subject + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SerializationException("Schema registry unreachable while obtaining the id of "
                    + schema.getFullName() + " under subject " + subject + ": " + e.getMessage(), e);
        }
        idsByTopicSchema.put(key, id);
        return id;
    }

    private int latestId(String subject, Schema schema) {
        RegisteredSchema latest = client.latest(subject);
        // Confluent would write with the latest schema itself; we write with the record's schema, which is only
        // the same bytes when both schemas have the same parsing canonical form (docs, defaults, aliases aside).
        if (SchemaNormalization.parsingFingerprint64(latest.schema())
                != SchemaNormalization.parsingFingerprint64(schema)) {
            throw new SerializationException("use.latest.version: version " + latest.version() + " (id "
                    + latest.id() + ") of subject " + subject + " does not encode records as "
                    + schema.getFullName() + " does; regenerate the class from the latest schema");
        }
        return latest.id();
    }

    private DatumWriter<T> writerFor(T record) {
        return writersByClass.computeIfAbsent(record.getClass(),
                type -> new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(type)));
    }
}
