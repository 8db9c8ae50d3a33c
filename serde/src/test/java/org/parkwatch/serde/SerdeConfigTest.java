package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.serde.registry.CannedRegistryServer;

class SerdeConfigTest {

    @Test
    void shouldDefaultToTopicNamesAutoRegistrationAndOwnSchema() {
        SerdeSettings settings = SerdeSettings.fromConfig(Map.of(), false);

        assertThat(settings.isKey()).isFalse();
        assertThat(settings.subjectNameStrategy()).isInstanceOf(TopicNameStrategy.class);
        assertThat(settings.autoRegister()).isTrue();
        assertThat(settings.useLatestVersion()).isFalse();
    }

    @Test
    void shouldAcceptConfluentStrategyNamesAsAliases() {
        Map<String, Object> configs = Map.of(
                "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThat(SerdeSettings.fromConfig(configs, true).subjectNameStrategy())
                .isInstanceOf(TopicNameStrategy.class);
        assertThat(SerdeSettings.fromConfig(configs, false).subjectNameStrategy())
                .isInstanceOf(RecordNameStrategy.class);
    }

    @Test
    void shouldAcceptOurStrategyAsClassOrName() {
        assertThat(SerdeSettings.fromConfig(Map.of("value.subject.name.strategy", RecordNameStrategy.class), false)
                .subjectNameStrategy()).isInstanceOf(RecordNameStrategy.class);
        assertThat(SerdeSettings.fromConfig(
                Map.of("value.subject.name.strategy", "org.parkwatch.serde.RecordNameStrategy"), false)
                .subjectNameStrategy()).isInstanceOf(RecordNameStrategy.class);
    }

    @Test
    void shouldReadRegistrationSwitchesAsStringsOrBooleans() {
        SerdeSettings settings = SerdeSettings.fromConfig(
                Map.of("auto.register.schemas", "false", "use.latest.version", true, "specific.avro.reader", "true"),
                true);

        assertThat(settings.isKey()).isTrue();
        assertThat(settings.autoRegister()).isFalse();
        assertThat(settings.useLatestVersion()).isTrue();
    }

    @Test
    void shouldRejectUnknownStrategy() {
        assertThatThrownBy(() -> SerdeSettings.fromConfig(
                Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"),
                false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy");
    }

    @Test
    void shouldRequireRegistryUrlWhenNoClientIsGiven() {
        var serde = new SpecificAvroSerde<OutputReport>();

        assertThatThrownBy(() -> serde.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldConfigureWholeSerdeFromConfluentKeys() throws IOException {
        try (CannedRegistryServer server = CannedRegistryServer.start()) {
            server.answer("POST", "/subjects/org.parkwatch.avro.OutputReport", 200,
                    "{\"subject\":\"org.parkwatch.avro.OutputReport\",\"version\":1,\"id\":5,\"schema\":\"\"}");
            var serde = new SpecificAvroSerde<OutputReport>();
            serde.configure(Map.of(
                    "schema.registry.url", server.url() + "/",
                    "basic.auth.credentials.source", "USER_INFO",
                    "basic.auth.user.info", "parkwatch:s3cret",
                    "auto.register.schemas", "false",
                    "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
                    "specific.avro.reader", "true"), false);

            byte[] bytes = serde.serializer().serialize("park.output-reports", OutputReport.newBuilder()
                    .setEventId("e1").setEnterpriseId("ent-7")
                    .setPeriodStart(Instant.ofEpochMilli(1000)).setPeriodEnd(Instant.ofEpochMilli(2000))
                    .setAddedValue(1.5).setPriceBaseYear(null).setReportedAt(Instant.ofEpochMilli(3000))
                    .build());

            assertThat(bytes).startsWith(0, 0, 0, 0, 5);
            // base64("parkwatch:s3cret")
            assertThat(server.lastRequest().header("Authorization")).isEqualTo("Basic cGFya3dhdGNoOnMzY3JldA==");
            assertThat(server.lastRequest().method()).isEqualTo("POST");
        }
    }

    @Test
    void shouldKeepGivenClientAndTakeSettingsFromConfigure() {
        CountingRegistryClient registry = new CountingRegistryClient();
        var serde = new SpecificAvroSerde<>(registry, OutputReport.class, SerdeSettings.forValue());
        serde.configure(
                Map.of("key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"), true);

        serde.serializer().serialize("park.output-reports", OutputReport.newBuilder()
                .setEventId("e1").setEnterpriseId("ent-7")
                .setPeriodStart(Instant.ofEpochMilli(1000)).setPeriodEnd(Instant.ofEpochMilli(2000))
                .setAddedValue(1.5).setPriceBaseYear(null).setReportedAt(Instant.ofEpochMilli(3000))
                .build());

        assertThat(registry.subjects()).containsExactly("org.parkwatch.avro.OutputReport");
    }
}
