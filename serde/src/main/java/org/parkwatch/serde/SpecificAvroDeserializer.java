package org.parkwatch.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.parkwatch.serde.WireFormatException.Problem;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RegistryException;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/**
 * Reads Confluent wire-format Avro into generated records. The writer schema is fetched from the registry by the id
 * in the header and resolved against the generated class's schema (Avro schema resolution: defaults fill fields the
 * writer lacked, fields the reader lacks are skipped); the resolving reader is built once per id. Records that
 * cannot be read throw {@link WireFormatException}; a registry that fails or cannot be reached throws
 * {@link SchemaRegistryUnavailableException} (a {@link SerializationException}), as retrying will help. Null data
 * deserializes to null. Thread-safe.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private final Class<T> type;
    private final ConcurrentMap<Integer, DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    /**
     * For configuration by Kafka through {@link #configure(Map, boolean)}; the generated class is found from the
     * writer schema's full name, as Confluent's specific reader does.
     */
    public SpecificAvroDeserializer() {
        this.type = null;
    }

    /** Reads every record into {@code type}, whatever record name its writer schema has. */
    public SpecificAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = Objects.requireNonNull(client, "client");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A deserializer built without a client creates one from {@link RegistryClientSettings#fromConfig(Map)}. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        use(client != null ? client : new RestSchemaRegistryClient(RegistryClientSettings.fromConfig(configs)));
    }

    void use(SchemaRegistryClient registry) {
        this.client = registry;
        readersBySchemaId.clear();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("SpecificAvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(data);
        DatumReader<T> reader = readerFor(id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                data.length - WireFormat.HEADER_LENGTH, null);
        T value;
        boolean atEnd;
        try {
            value = reader.read(null, decoder);
            atEnd = decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(Problem.MALFORMED_BYTES, "Avro body of " + data.length
                    + "-byte record on topic " + topic + " does not decode with writer schema id " + id + ": " + e,
                    e);
        }
        if (!atEnd) {
            throw new WireFormatException(Problem.MALFORMED_BYTES, "bytes left over after decoding a record of "
                    + "writer schema id " + id + " on topic " + topic);
        }
        return value;
    }

    private DatumReader<T> readerFor(int id) {
        DatumReader<T> cached = readersBySchemaId.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer = writerSchema(id);
        Class<?> readerClass = type != null ? type : SpecificData.get().getClass(writer);
        if (readerClass == null || !SpecificRecord.class.isAssignableFrom(readerClass)) {
            throw new WireFormatException(Problem.MALFORMED_BYTES, "writer schema id " + id + " ("
                    + writer.getFullName() + ") has no generated class on the classpath");
        }
        SpecificData model = SpecificData.getForClass(readerClass);
        Schema reader = model.getSchema(readerClass);
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new WireFormatException(Problem.MALFORMED_BYTES, "writer schema id " + id + " ("
                    + writer.getFullName() + ") cannot be read as " + reader.getFullName() + ": "
                    + compatibility.getResult().getIncompatibilities());
        }
        DatumReader<T> created = new SpecificDatumReader<>(writer, reader, model);
        DatumReader<T> raced = readersBySchemaId.putIfAbsent(id, created);
        return raced != null ? raced : created;
    }

    private Schema writerSchema(int id) {
        try {
            return client.schemaById(id);
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SCHEMA_NOT_FOUND) {
                throw new WireFormatException(Problem.UNKNOWN_SCHEMA_ID, "schema id " + id
                        + " in the record header is unknown to the schema registry", e);
            }
            // 5xx, and also 401/403 or a proxy's 404 without Confluent's code: our outage or misconfiguration,
            // not the record's fault.
            throw new SchemaRegistryUnavailableException("Schema registry failed to return schema id " + id + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SchemaRegistryUnavailableException("Schema registry unreachable while fetching schema id "
                    + id + ": " + e.getMessage(), e);
        } catch (AvroRuntimeException e) {
            throw new WireFormatException(Problem.MALFORMED_BYTES, "schema id " + id
                    + " is not a usable Avro schema: " + e.getMessage(), e);
        }
    }
}
