package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.internal.OpenWindowState;
import org.parkwatch.avro.internal.WindowBookState;

/** State written by an earlier state version is read after an upgrade. */
class InternalAvroSerdeTest {

    @Test
    void shouldReadAWindowBookWrittenByStateVersion2WithoutTheLatestActivityTime() throws Exception {
        Schema written = InternalAvroSerde.earlierSchemas(WindowBookState.getClassSchema().getFullName()).get(0);
        Schema windowSchema = written.getField("windows").schema().getElementType();
        Schema totalsSchema = windowSchema.getField("totals").schema();
        GenericRecord totals = new GenericData.Record(totalsSchema);
        for (Schema.Field f : totalsSchema.getFields()) {
            totals.put(f.name(), f.schema().getType() == Schema.Type.INT ? (Object) 0 : (Object) 0L);
        }
        totals.put("co2Scope2LocationMg", 561_700_000L);
        GenericRecord window = new GenericData.Record(windowSchema);
        window.put("kind", "HOUR");
        window.put("start", Instant.parse("2023-03-01T00:00:00Z").toEpochMilli());
        window.put("end", Instant.parse("2023-03-01T01:00:00Z").toEpochMilli());
        window.put("totals", totals);
        window.put("lastEntryId", "e-1");
        window.put("changed", true);
        window.put("coveredTotals", totals);
        window.put("factorVersions", List.of("grid.location.EAST@2022-12-31T16:00:00Z"));
        GenericRecord book = new GenericData.Record(written);
        book.put("parkId", "park-1");
        book.put("windows", List.of(window));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), written).encode(book);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        WindowBookState read = new InternalAvroSerde<WindowBookState>(WindowBookState.getClassSchema())
                .deserializer().deserialize("enterprise-open-windows-changelog", bytes);

        assertThat(read.getParkId()).isEqualTo("park-1");
        OpenWindowState w = read.getWindows().get(0);
        assertThat(w.getTotals().getCo2Scope2LocationMg()).isEqualTo(561_700_000L);
        assertThat(w.getLastEntryId()).isEqualTo("e-1");
        assertThat(w.getLatestActivityTime()).isNull();
        assertThat(w.getFactorVersions()).extracting(Object::toString)
                .containsExactly("grid.location.EAST@2022-12-31T16:00:00Z");
    }

    @Test
    void shouldReadAClosedWindowWrittenByStateVersion4AsRevisionZero() throws Exception {
        Schema written = InternalAvroSerde.earlierSchemas(EmissionTotals.getClassSchema().getFullName()).get(0);
        assertThat(written.getField("revision")).as("the schema of state version 4").isNull();
        Schema totalsSchema = written.getField("totals").schema();
        GenericRecord totals = new GenericData.Record(totalsSchema);
        for (Schema.Field f : totalsSchema.getFields()) {
            totals.put(f.name(), f.schema().getType() == Schema.Type.INT ? (Object) 0 : (Object) 0L);
        }
        totals.put("codMg", 15_000_000L);
        GenericRecord closed = new GenericData.Record(written);
        closed.put("subjectType", new GenericData.EnumSymbol(written.getField("subjectType").schema(), "PARK"));
        closed.put("subjectId", "park-1");
        closed.put("parkId", "park-1");
        closed.put("window", new GenericData.EnumSymbol(written.getField("window").schema(), "DAY"));
        closed.put("windowStart", Instant.parse("2023-02-28T16:00:00Z").toEpochMilli());
        closed.put("windowEnd", Instant.parse("2023-03-01T16:00:00Z").toEpochMilli());
        closed.put("closed", true);
        closed.put("totals", totals);
        closed.put("lastEntryId", "w-1:COD:DIRECT");
        closed.put("factorVersions", List.of());
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), written).encode(closed);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        EmissionTotals read = new InternalAvroSerde<EmissionTotals>(EmissionTotals.getClassSchema())
                .deserializer().deserialize("park-window-history-changelog", bytes);

        assertThat(read.getTotals().getCodMg()).isEqualTo(15_000_000L);
        assertThat(read.getClosed()).isTrue();
        assertThat(read.getRevision()).isZero();
        assertThat(read.getRevisionReason()).isNull();
    }
}
