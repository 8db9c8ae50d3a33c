package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.OutputReport;

class SpecificAvroSerializerTest {

    private static final String TOPIC = "park.output-reports";
    private static final OutputReport REPORT = OutputReport.newBuilder()
            .setEventId("e1")
            .setEnterpriseId("ent-7")
            .setPeriodStart(Instant.ofEpochMilli(1000))
            .setPeriodEnd(Instant.ofEpochMilli(2000))
            .setAddedValue(1.5)
            .setPriceBaseYear(2020)
            .setReportedAt(Instant.ofEpochMilli(3000))
            .build();

    private final CountingRegistryClient registry = new CountingRegistryClient();

    @Test
    void shouldRegisterUnderTopicValueSubjectByDefault() {
        new SpecificAvroSerializer<OutputReport>(registry, SerdeSettings.forValue()).serialize(TOPIC, REPORT);

        assertThat(registry.subjects()).containsExactly("park.output-reports-value");
        assertThat(registry.latest("park.output-reports-value").schema()).isEqualTo(OutputReport.getClassSchema());
    }

    @Test
    void shouldRegisterUnderTopicKeySubjectForKeys() {
        new SpecificAvroSerializer<OutputReport>(registry, SerdeSettings.forKey()).serialize(TOPIC, REPORT);

        assertThat(registry.subjects()).containsExactly("park.output-reports-key");
    }

    @Test
    void shouldRegisterUnderFullRecordNameWithRecordNameStrategy() {
        var settings = SerdeSettings.forValue().withSubjectNameStrategy(new RecordNameStrategy());

        new SpecificAvroSerializer<OutputReport>(registry, settings).serialize(TOPIC, REPORT);
        new SpecificAvroSerializer<OutputReport>(registry, settings).serialize("park.other-reports", REPORT);

        assertThat(registry.subjects()).containsExactly("org.parkwatch.avro.OutputReport");
    }

    @Test
    void shouldAskRegistryOncePerTopicAndSchema() {
        var serializer = new SpecificAvroSerializer<OutputReport>(registry, SerdeSettings.forValue());

        serializer.serialize(TOPIC, REPORT);
        serializer.serialize(TOPIC, REPORT);
        serializer.serialize("park.other-reports", REPORT);

        assertThat(registry.calls("register")).isEqualTo(2);
    }

    @Test
    void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
        int id = registry.register("park.output-reports-value", OutputReport.getClassSchema());
        var settings = SerdeSettings.forValue().withAutoRegister(false);

        byte[] bytes = new SpecificAvroSerializer<OutputReport>(registry, settings).serialize(TOPIC, REPORT);

        assertThat(bytes[4]).isEqualTo((byte) id);
        assertThat(registry.calls("idOf")).isOne();
        assertThat(registry.calls("register")).isOne();
    }

    @Test
    void shouldFailWhenAutoRegisterIsOffAndSchemaIsNotRegistered() {
        registry.register("park.output-reports-value", OutputReport.getClassSchema());
        var settings = SerdeSettings.forValue().withAutoRegister(false);
        var serializer = new SpecificAvroSerializer<OutputReport>(registry, settings);

        assertThatThrownBy(() -> serializer.serialize("park.unregistered", REPORT))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("under subject park.unregistered-value")
                .hasMessageContaining("40401");
    }

    @Test
    void shouldUseIdOfLatestVersionWhenItEncodesTheSameWay() {
        // The registered text differs from the class's schema (a doc string) but not its parsing canonical form.
        Schema documented = new Schema.Parser().parse(OutputReport.getClassSchema().toString()
                .replace("\"name\":\"eventId\",", "\"name\":\"eventId\",\"doc\":\"Unique per report.\","));
        int id = registry.register("park.output-reports-value", documented);
        var settings = SerdeSettings.forValue().withAutoRegister(false).withUseLatestVersion(true);

        byte[] bytes = new SpecificAvroSerializer<OutputReport>(registry, settings).serialize(TOPIC, REPORT);

        assertThat(documented.toString()).isNotEqualTo(OutputReport.getClassSchema().toString());
        assertThat(bytes[4]).isEqualTo((byte) id);
    }

    @Test
    void shouldRefuseLatestVersionThatEncodesDifferently() {
        // A renamed field changes the parsing canonical form though not the binary layout: still refused.
        Schema renamed = new Schema.Parser().parse(OutputReport.getClassSchema().toString()
                .replace("\"name\":\"priceBaseYear\"", "\"name\":\"baseYear\""));
        registry.setCompatibility(null, "NONE");
        registry.register("park.output-reports-value", renamed);
        var settings = SerdeSettings.forValue().withAutoRegister(false).withUseLatestVersion(true);
        var serializer = new SpecificAvroSerializer<OutputReport>(registry, settings);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, REPORT))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not encode records as org.parkwatch.avro.OutputReport");
    }

    @Test
    void shouldNameSubjectsAsConfluentDoes() {
        Schema schema = OutputReport.getClassSchema();

        assertThat(new TopicNameStrategy().subject("park.alerts", false, schema)).isEqualTo("park.alerts-value");
        assertThat(new TopicNameStrategy().subject("park.alerts", true, schema)).isEqualTo("park.alerts-key");
        assertThat(new RecordNameStrategy().subject("park.alerts", false, schema))
                .isEqualTo("org.parkwatch.avro.OutputReport");
    }
}
