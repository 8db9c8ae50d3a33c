package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.MeterReading;

class SchemaEvolutionTest {

    private static final String TOPIC = "park.meter-readings";

    private final CountingRegistryClient registry = new CountingRegistryClient();
    private final SpecificAvroDeserializer<MeterReading> deserializer =
            new SpecificAvroDeserializer<>(registry, MeterReading.class);

    private final MeterReading reading = MeterReading.newBuilder()
            .setEventId("r-1")
            .setEnterpriseId("ent-7")
            .setMeterId("m-3")
            .setCarrier(EnergyCarrier.values()[0])
            .setQuantity(125.5)
            .setUnit("kWh")
            .setIntervalStart(Instant.parse("2026-03-01T00:00:00Z"))
            .setIntervalEnd(Instant.parse("2026-03-01T01:00:00Z"))
            .setFlag(DataFlag.values()[0])
            .setSteamEnthalpyKjPerKg(null)
            .setSource("hj212")
            .build();

    @Test
    void shouldFillReaderDefaultWhenWriterSchemaIsOlderAndLacksTheField() throws IOException {
        Schema older = withFields(field -> !field.name().equals("source"), List.of());
        int olderId = registry.register("legacy-meter-readings-value", older);

        MeterReading read = deserializer.deserialize(TOPIC, framed(olderId, older));

        // "source" has default "avro" in MeterReading.avsc; the older writer never wrote it.
        assertThat(read).isEqualTo(MeterReading.newBuilder(reading).setSource("avro").build());
    }

    @Test
    void shouldSkipFieldUnknownToReaderWhenWriterSchemaIsNewer() throws IOException {
        Schema newer = withFields(field -> true,
                List.of(new Schema.Field("calibratedAt", Schema.create(Schema.Type.STRING), null, (Object) null)));
        int newerId = registry.register("future-meter-readings-value", newer);

        MeterReading read = deserializer.deserialize(TOPIC, framed(newerId, newer));

        assertThat(read).isEqualTo(reading);
    }

    @Test
    void shouldFetchWriterSchemaOncePerSchemaId() throws IOException {
        Schema older = withFields(field -> !field.name().equals("source"), List.of());
        int olderId = registry.register("legacy-meter-readings-value", older);
        byte[] bytes = framed(olderId, older);

        deserializer.deserialize(TOPIC, bytes);
        deserializer.deserialize(TOPIC, bytes);
        deserializer.deserialize(TOPIC, bytes);

        assertThat(registry.calls("schemaById")).isOne();
    }

    @Test
    void shouldFindGeneratedClassByWriterSchemaNameWhenNoTypeIsGiven() {
        byte[] bytes = new SpecificAvroSerializer<MeterReading>(registry, SerdeSettings.forValue())
                .serialize(TOPIC, reading);
        var untyped = new SpecificAvroDeserializer<MeterReading>();
        untyped.use(registry);

        assertThat(untyped.deserialize(TOPIC, bytes)).isInstanceOf(MeterReading.class).isEqualTo(reading);
    }

    /** MeterReading's schema keeping the fields that pass the filter, plus extra fields at the end. */
    private static Schema withFields(java.util.function.Predicate<Schema.Field> keep, List<Schema.Field> extra) {
        Schema current = MeterReading.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (keep.test(field)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        fields.addAll(extra);
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** The reading written with another schema, framed as Confluent frames it. */
    private byte[] framed(int schemaId, Schema writerSchema) throws IOException {
        GenericRecord record = new GenericData.Record(writerSchema);
        for (Schema.Field field : writerSchema.getFields()) {
            record.put(field.name(), field.name().equals("calibratedAt") ? "2026-01-15"
                    : reading.get(field.name()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
            (byte) schemaId});
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<GenericRecord>(writerSchema, SpecificData.getForClass(MeterReading.class))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
