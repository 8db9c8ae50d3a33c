package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.electricity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.parkwatch.avro.internal.LedgerEvent;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionMethod;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;

/** The ledger index behind the API's audit trail: one record per event, and entries of state version 2 still read. */
class LedgerIndexTopologyTest {

    private PipelineFixture p;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST, new PermittedLoads(100.0, null, null));
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    @Test
    void shouldIndexAllEntriesOfAnEventInOneRecord() {
        // an electricity reading: CO2 location-based, CO2 market-based and energy, three ledger entries
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());
        List<EmissionEntry> ledger = p.ledger.readValuesToList();
        assertThat(ledger).hasSize(3);

        WindowStore<String, IndexedLedgerEvent> index = p.driver.getWindowStore(StoreNames.LEDGER_ENTRIES);
        List<IndexedLedgerEvent> records = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, IndexedLedgerEvent> it = index.all()) {
            it.forEachRemaining(kv -> records.add(kv.value));
        }
        assertThat(records).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo("m-1");
            assertThat(e.entries()).isEqualTo(ledger);
        });
    }

    @Test
    void shouldWriteOneLedgerRecordPerEventHoldingAllItsEntries() {
        // two readings of three entries each (CO2 location-based, CO2 market-based, energy), the first one resent
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());
        p.meter("E1", electricity("m-2", "E1", "2023-03-01T11:00", "2023-03-01T12:00", 1.0, "MWh").build());
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());

        List<org.parkwatch.avro.LedgerRecord> records = p.ledger.readRecords();

        assertThat(records).extracting(r -> r.getRecordId(), r -> r.getEnterpriseId(), r -> r.getParkId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m-1", "E1", "park-1"),
                        org.assertj.core.groups.Tuple.tuple("m-2", "E1", "park-1"));
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getEntries()).hasSize(3);
            assertThat(r.getEntries()).allSatisfy(e -> assertThat(e.getEventId()).isEqualTo(r.getRecordId()));
            assertThat(r.getEntries()).extracting(EmissionEntry::getEntryId).doesNotHaveDuplicates();
        });
    }

    @Test
    void shouldReadAnEntryIndexedByStateVersion2AsAnEventOfThatEntry() {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());
        EmissionEntry entry = p.ledger.readValue();
        // how state version 2 wrote the index: one EmissionEntry per entry
        byte[] version2 = new InternalAvroSerde<EmissionEntry>(EmissionEntry.getClassSchema()).serializer()
                .serialize("ledger-entries-changelog", entry);

        IndexedLedgerEvent read = new LedgerIndexSerde().deserializer().deserialize("ledger-entries-changelog",
                version2);

        assertThat(read.eventId()).isEqualTo("m-1");
        assertThat(read.entries()).containsExactly(entry);
    }

    @Test
    void shouldReadAnEventIndexedByStateVersion5WithoutCorrection() throws Exception {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());
        List<EmissionEntry> ledger = p.ledger.readValuesToList();
        // how state version 5 wrote the index: its LedgerEvent schema, whose entries have no correction field
        Schema version5 = InternalAvroSerde.earlierSchemas(LedgerEvent.getClassSchema().getFullName()).get(0);
        assertThat(version5.getField("entries").schema().getElementType().getField("correction")).isNull();
        byte[] written = inSchema(new LedgerEvent(ledger), version5);

        IndexedLedgerEvent read = new LedgerIndexSerde().deserializer().deserialize("ledger-entries-changelog",
                written);

        assertThat(read.eventId()).isEqualTo("m-1");
        assertThat(read.entries()).extracting(EmissionEntry::getEntryId, EmissionEntry::getAmountMg)
                .containsExactlyElementsOf(ledger.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getEntryId(), e.getAmountMg())).toList());
        assertThat(read.entries()).allSatisfy(e -> assertThat(e.getCorrection()).isNull());
    }

    @Test
    void shouldReadAnEventIndexedByStateVersion6WithoutMethod() throws Exception {
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 2.0, "MWh").build());
        List<EmissionEntry> ledger = p.ledger.readValuesToList();
        assertThat(ledger).allSatisfy(e -> assertThat(e.getMethod()).isEqualTo(EmissionMethod.CALCULATION));
        // how state version 6 wrote the index: entries with a correction field but no method
        Schema version6 = InternalAvroSerde.earlierSchemas(LedgerEvent.getClassSchema().getFullName()).get(1);
        Schema entry6 = version6.getField("entries").schema().getElementType();
        assertThat(entry6.getField("correction")).isNotNull();
        assertThat(entry6.getField("method")).isNull();
        byte[] written = inSchema(new LedgerEvent(ledger), version6);

        IndexedLedgerEvent read = new LedgerIndexSerde().deserializer().deserialize("ledger-entries-changelog",
                written);

        assertThat(read.eventId()).isEqualTo("m-1");
        assertThat(read.entries()).hasSameSizeAs(ledger).allSatisfy(e -> assertThat(e.getMethod()).isNull());
        assertThat(read.entries()).extracting(EmissionEntry::getEntryId, EmissionEntry::getAmountMg)
                .containsExactlyElementsOf(ledger.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getEntryId(), e.getAmountMg())).toList());
    }

    /** A record as an earlier schema writes it (single-object encoding), through its JSON form without new fields. */
    private static byte[] inSchema(LedgerEvent event, Schema earlier) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonEncoder encoder = EncoderFactory.get().jsonEncoder(LedgerEvent.getClassSchema(), json);
        new SpecificDatumWriter<LedgerEvent>(LedgerEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        String asEarlier = json.toString(StandardCharsets.UTF_8).replaceAll(",\"method\":(null|\\{[^}]*\\})", "");
        if (earlier.getField("entries").schema().getElementType().getField("correction") == null) {
            asEarlier = asEarlier.replace(",\"correction\":null", "");
        }
        GenericRecord old = new GenericDatumReader<GenericRecord>(earlier)
                .read(null, DecoderFactory.get().jsonDecoder(earlier, asEarlier));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), earlier).encode(old);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }
}
