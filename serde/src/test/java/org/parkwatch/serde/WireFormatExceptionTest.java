package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.serde.WireFormatException.Problem;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

class WireFormatExceptionTest {

    private static final String TOPIC = "park.output-reports";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SpecificAvroSerde<OutputReport> serde =
            new SpecificAvroSerde<>(registry, OutputReport.class, SerdeSettings.forValue());
    private final byte[] valid = serde.serializer().serialize(TOPIC, OutputReport.newBuilder()
            .setEventId("e1")
            .setEnterpriseId("ent-7")
            .setPeriodStart(Instant.ofEpochMilli(1000))
            .setPeriodEnd(Instant.ofEpochMilli(2000))
            .setAddedValue(1.5)
            .setPriceBaseYear(null)
            .setReportedAt(Instant.ofEpochMilli(3000))
            .build());

    @Test
    void shouldReportMalformedBytesWhenMagicByteIsMissing() {
        byte[] plainJson = "{\"eventId\":\"e1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        WireFormatException e = readFailure(plainJson);

        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_BYTES);
        assertThat(e).hasMessageContaining("first byte is 0x7b, not the Confluent magic byte");
    }

    @Test
    void shouldReportMalformedBytesWhenShorterThanHeader() {
        WireFormatException e = readFailure(new byte[] {0, 0, 0});

        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_BYTES);
        assertThat(e).hasMessageContaining("record of 3 byte(s) is shorter than the 5-byte Confluent header");
    }

    @Test
    void shouldReportMalformedBytesWhenBodyIsTruncated() {
        WireFormatException e = readFailure(Arrays.copyOf(valid, valid.length - 1));

        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_BYTES);
        assertThat(e).hasMessageContaining("does not decode with writer schema id 1");
    }

    @Test
    void shouldReportMalformedBytesForGarbageAfterHeader() {
        // 0x03 is zig-zag -2: a negative length for the first string field.
        WireFormatException e = readFailure(new byte[] {0, 0, 0, 0, 1, 0x03, 0x7f, 0x7f});

        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_BYTES);
        assertThat(e).hasMessageContaining("does not decode");
    }

    @Test
    void shouldReportMalformedBytesWhenBytesFollowTheRecord() {
        byte[] padded = Arrays.copyOf(valid, valid.length + 1);

        WireFormatException e = readFailure(padded);

        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_BYTES);
        assertThat(e).hasMessageContaining("bytes left over");
    }

    @Test
    void shouldReportUnknownSchemaIdWhenRegistryDoesNotKnowIt() {
        byte[] unknownId = valid.clone();
        unknownId[4] = 99;

        WireFormatException e = readFailure(unknownId);

        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_SCHEMA_ID);
        assertThat(e).hasMessageContaining("schema id 99 in the record header is unknown to the schema registry");
    }

    @Test
    void shouldReportMalformedBytesWhenWriterSchemaIsAnotherRecordType() {
        int otherId = registry.register("park.other-value", org.parkwatch.avro.DeadLetter.getClassSchema());
        byte[] otherType = valid.clone();
        otherType[4] = (byte) otherId;

        WireFormatException e = readFailure(otherType);

        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_BYTES);
        assertThat(e).hasMessageContaining("cannot be read as org.parkwatch.avro.OutputReport");
    }

    @Test
    void shouldTellAnUnreachableRegistryFromABadRecord() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new RestSchemaRegistryClient(
                RegistryClientSettings.forUrls("http://127.0.0.1:" + closedPort));
        var deserializer = new SpecificAvroDeserializer<>(unreachable, OutputReport.class);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> deserializer.deserialize(TOPIC, valid));

        // an outage of our own, to be waited out: a SerializationException, but not a WireFormatException
        assertThat(thrown).isExactlyInstanceOf(SchemaRegistryUnavailableException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Schema registry unreachable while fetching schema id 1");
    }

    private WireFormatException readFailure(byte[] data) {
        return catchThrowableOfType(WireFormatException.class, () -> serde.deserializer().deserialize(TOPIC, data));
    }
}
