package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.OutputReport;

class WireFormatBytesTest {

    private static final int SCHEMA_ID = 0x01020304;

    private static final OutputReport REPORT = OutputReport.newBuilder()
            .setEventId("e1")
            .setEnterpriseId("ent-7")
            .setPeriodStart(Instant.ofEpochMilli(1000))
            .setPeriodEnd(Instant.ofEpochMilli(2000))
            .setAddedValue(1.5)
            .setPriceBaseYear(2020)
            .setReportedAt(Instant.ofEpochMilli(-3))
            .build();

    // Written out by hand from the Avro 1.12 specification, "Binary Encoding".
    private static final byte[] EXPECTED = {
        0x00,                                   // Confluent magic byte
        0x01, 0x02, 0x03, 0x04,                 // schema id 16909060, big-endian
        0x04, 'e', '1',                         // eventId: length 2 zig-zag -> 4, then UTF-8
        0x0A, 'e', 'n', 't', '-', '7',          // enterpriseId: length 5 -> 10
        (byte) 0xD0, 0x0F,                      // periodStart 1000 -> zig-zag 2000 = 0x50 + 15*128
        (byte) 0xA0, 0x1F,                      // periodEnd 2000 -> zig-zag 4000 = 0x20 + 31*128
        0, 0, 0, 0, 0, 0, (byte) 0xF8, 0x3F,    // addedValue 1.5 = 0x3FF8000000000000, little-endian
        0x02,                                   // priceBaseYear: union branch 1 ("int") -> zig-zag 2
        (byte) 0xC8, 0x1F,                      // 2020 -> zig-zag 4040 = 0x48 + 31*128
        0x05                                    // reportedAt -3 -> zig-zag 2*3-1 = 5
    };

    private final FixedIdRegistryClient registry = new FixedIdRegistryClient(SCHEMA_ID, OutputReport.getClassSchema());

    @Test
    void shouldWriteConfluentWireFormatByteForByte() {
        var serializer = new SpecificAvroSerializer<OutputReport>(registry, SerdeSettings.forValue());

        assertThat(serializer.serialize("park.output-reports", REPORT)).containsExactly(EXPECTED);
    }

    @Test
    void shouldReadHandWrittenWireFormatBytes() {
        var deserializer = new SpecificAvroDeserializer<>(registry, OutputReport.class);

        assertThat(deserializer.deserialize("park.output-reports", EXPECTED)).isEqualTo(REPORT);
    }

    @Test
    void shouldWriteNullUnionBranchAsIndexZeroWithoutValue() {
        OutputReport noBaseYear = OutputReport.newBuilder(REPORT).setPriceBaseYear(null).build();
        byte[] expected = new byte[EXPECTED.length - 2];
        System.arraycopy(EXPECTED, 0, expected, 0, 26);
        expected[26] = 0x00;   // union branch 0 ("null"), nothing follows
        expected[27] = 0x05;   // reportedAt as before

        var serializer = new SpecificAvroSerializer<OutputReport>(registry, SerdeSettings.forValue());

        assertThat(serializer.serialize("park.output-reports", noBaseYear)).containsExactly(expected);
    }

    @Test
    void shouldPassTombstonesThroughAsNull() {
        var serde = new SpecificAvroSerde<>(registry, OutputReport.class, SerdeSettings.forValue());

        assertThat(serde.serializer().serialize("park.output-reports", null)).isNull();
        assertThat(serde.deserializer().deserialize("park.output-reports", null)).isNull();
    }
}
