package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void shouldUseDefaultsWhenNoLayerSetsAKey() {
        ParkWatchConfig config = new ConfigLoader(NO_ENV).load(Optional.empty(), Map.of());

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofHours(2));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topicLayout().prefix()).isEqualTo("park");
    }

    @Test
    void shouldLetFileOverrideDefault() throws IOException {
        Path file = properties("parkwatch.grace.ms=3600000\n");

        ParkWatchConfig config = new ConfigLoader(NO_ENV).load(Optional.of(file), Map.of());

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldLetEnvironmentOverrideFile() throws IOException {
        Path file = properties("parkwatch.grace.ms=3600000\n");

        ParkWatchConfig config = new ConfigLoader(Map.of("PARKWATCH_GRACE_MS", "1800000"))
                .load(Optional.of(file), Map.of());

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldLetExplicitOverrideEnvironment() throws IOException {
        Path file = properties("parkwatch.grace.ms=3600000\n");

        ParkWatchConfig config = new ConfigLoader(Map.of("PARKWATCH_GRACE_MS", "1800000"))
                .load(Optional.of(file), Map.of("parkwatch.grace.ms", "600000"));

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldKeepValuesOfLowerLayersForKeysHigherLayersDoNotSet() throws IOException {
        Path file = properties("parkwatch.topic.prefix=plant\nparkwatch.grace.ms=3600000\n");

        ParkWatchConfig config = new ConfigLoader(Map.of("PARKWATCH_TOPIC_PARTITIONS", "12"))
                .load(Optional.of(file), Map.of("parkwatch.api.port", "9090"));

        assertThat(config.topicLayout().prefix()).isEqualTo("plant");
        assertThat(config.accounting().grace()).isEqualTo(Duration.ofHours(1));
        assertThat(config.topicLayout().partitions()).isEqualTo(12);
        assertThat(config.api().port()).isEqualTo(9090);
    }

    @Test
    void shouldMapEnvironmentVariableToKeyWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        // In Turkish, "I".toLowerCase() is a dotless i: DIR would become dır without Locale.ROOT.
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(ConfigLoader.keyOf("PARKWATCH_STATE_DIR")).isEqualTo("parkwatch.state.dir");
            assertThat(ConfigLoader.environmentVariableOf("parkwatch.state.dir")).isEqualTo("PARKWATCH_STATE_DIR");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void shouldIgnoreEnvironmentVariablesWithoutThePrefix() {
        ParkWatchConfig config = new ConfigLoader(Map.of("PATH", "/usr/bin", "GRACE_MS", "1"))
                .load(Optional.empty(), Map.of());

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldRejectUnknownKeyInFileNamingIt() throws IOException {
        Path file = properties("parkwatch.grace.msec=3600000\n");
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.grace.msec")
                .hasMessageContaining(file.toString());
    }

    @Test
    void shouldRejectUnknownEnvironmentVariableNamingIt() {
        ConfigLoader loader = new ConfigLoader(Map.of("PARKWATCH_GRACE_MSEC", "1"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.grace.msec")
                .hasMessageContaining("PARKWATCH_GRACE_MSEC");
    }

    @Test
    void shouldSkipTheVariablesKubernetesSetsForServicesNamedAfterParkWatch() {
        // what a pod gets for Services "parkwatch" and "parkwatch-api" (port named http) in its namespace
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "PARKWATCH_SERVICE_HOST", "10.96.0.10", "PARKWATCH_SERVICE_PORT", "8080",
                "PARKWATCH_PORT", "tcp://10.96.0.10:8080", "PARKWATCH_PORT_8080_TCP", "tcp://10.96.0.10:8080",
                "PARKWATCH_PORT_8080_TCP_PROTO", "tcp", "PARKWATCH_PORT_8080_TCP_PORT", "8080",
                "PARKWATCH_PORT_8080_TCP_ADDR", "10.96.0.10"));
        env.putAll(Map.of("PARKWATCH_API_SERVICE_HOST", "10.96.0.11", "PARKWATCH_API_SERVICE_PORT_HTTP", "80",
                "PARKWATCH_API_PORT", "tcp://10.96.0.11:80", "PARKWATCH_GRACE_MS", "3600000"));

        ParkWatchConfig config = new ConfigLoader(env).load(Optional.empty(), Map.of());

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofHours(1));
        // PARKWATCH_API_PORT=tcp://... is a service link, not the API's port
        assertThat(new ConfigLoader(env).layered(Optional.empty(), Map.of()))
                .containsOnlyKeys("parkwatch.grace.ms");
    }

    @Test
    void shouldStillTakeAPortAPersonSetsAsANumber() {
        assertThat(new ConfigLoader(Map.of("PARKWATCH_API_PORT", "9090")).layered(Optional.empty(), Map.of()))
                .containsEntry("parkwatch.api.port", "9090");
    }

    @Test
    void shouldRejectUnknownOverrideNamingIt() {
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("grace.ms", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("grace.ms");
    }

    @Test
    void shouldIgnoreKeysOutsideParkwatchInFile() throws IOException {
        Path file = properties("log.level=DEBUG\nparkwatch.grace.ms=3600000\n");

        ParkWatchConfig config = new ConfigLoader(NO_ENV).load(Optional.of(file), Map.of());

        assertThat(config.accounting().grace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRejectValueOfWrongTypeNamingTheKey() {
        ConfigLoader loader = new ConfigLoader(Map.of("PARKWATCH_GRACE_MS", "two hours"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.grace.ms");
    }

    @Test
    void shouldRejectValueOutOfRangeNamingTheKey() {
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("parkwatch.topic.partitions", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.topic.partitions");
    }

    @Test
    void shouldRejectUnknownTimeZoneNamingTheKey() {
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("parkwatch.calendar.zone", "Asia/Beijing")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.calendar.zone");
    }

    @Test
    void shouldRejectProcessingGuaranteeOutsideTheSupportedOnes() {
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.empty(),
                Map.of("parkwatch.processing.guarantee", "exactly_once")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.processing.guarantee");
    }

    @Test
    void shouldRejectMissingFileNamingIt() {
        Path missing = dir.resolve("absent.properties");
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldReadFileAsUtf8() throws IOException {
        Path file = properties("parkwatch.topic.prefix=园区\n");
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        // Read as ISO-8859-1 the prefix would be mojibake and pass or fail by accident; as UTF-8 it is two
        // Chinese characters, which a Kafka topic name cannot contain.
        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("园区");
    }

    @Test
    void shouldPassKafkaClientSettingsThroughWithoutThePrefix() {
        ParkWatchConfig config = new ConfigLoader(Map.of("PARKWATCH_KAFKA_SECURITY_PROTOCOL", "SSL"))
                .load(Optional.empty(), Map.of("parkwatch.kafka.ssl.truststore.location", "/etc/kafka/trust.p12"));

        assertThat(config.kafka().clientOverrides()).containsOnly(
                Map.entry("security.protocol", "SSL"),
                Map.entry("ssl.truststore.location", "/etc/kafka/trust.p12"));
        assertThat(config.kafka().clientProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldRejectPassThroughOfASettingParkWatchManages() {
        ConfigLoader loader = new ConfigLoader(NO_ENV);

        assertThatThrownBy(() -> loader.load(Optional.empty(),
                Map.of("parkwatch.kafka.bootstrap.servers", "10.0.0.1:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.kafka.bootstrap.servers");
    }

    private Path properties(String content) throws IOException {
        Path file = dir.resolve("parkwatch.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
