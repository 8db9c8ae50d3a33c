package org.parkwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.registry.state.CompatibilityLevel;

class RegistryMainTest {

    @Test
    void shouldDefaultToLoopbackPort8081AndTheParkWatchTopic() {
        assertThat(RegistryMain.parse(new String[] {"--bootstrap-servers", "127.0.0.1:9092"}))
                .isEqualTo(new RegistrySettings("127.0.0.1", 8081, "127.0.0.1:9092", "_parkwatch_schemas",
                        CompatibilityLevel.BACKWARD, (short) 1, Duration.ofSeconds(30)));
    }

    @Test
    void shouldReadEveryOption() {
        RegistrySettings settings = RegistryMain.parse(new String[] {
            "--bootstrap-servers", "kafka:9092", "--port", "0", "--host", "0.0.0.0", "--topic", "schemas",
            "--default-compatibility", "full_transitive", "--replication-factor", "3"});

        assertThat(settings).isEqualTo(new RegistrySettings("0.0.0.0", 0, "kafka:9092", "schemas",
                CompatibilityLevel.FULL_TRANSITIVE, (short) 3, Duration.ofSeconds(30)));
    }

    @Test
    void shouldGiveItsKafkaClientsTheSettingsOfTheKafkaConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security"
                + ".scram.ScramLoginModule required username=\"parkwatch-registry\" password=\"s\";\n");

        RegistrySettings settings = RegistryMain.launch(new String[] {"--bootstrap-servers", "k:9093",
            "--kafka-config", file.toString()}, Map.of()).settings();

        assertThat(settings.kafkaClientSettings()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"parkwatch-registry\" password=\"s\";");
        assertThat(settings.toString()).contains("sasl.jaas.config").doesNotContain("password=");
        assertThatThrownBy(() -> RegistryMain.launch(new String[] {"--bootstrap-servers", "k:9093",
            "--kafka-config", dir.resolve("missing").toString()}, Map.of())).hasMessageContaining("--kafka-config");
    }

    @Test
    void shouldRefuseAMissingBootstrapServerAndUnknownOptions() {
        assertThatThrownBy(() -> RegistryMain.parse(new String[] {"--port", "8081"}))
                .hasMessageContaining("--bootstrap-servers");
        assertThatThrownBy(() -> RegistryMain.parse(new String[] {"--bootstrap-servers", "k:9092", "--colour", "x"}))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> RegistryMain.parse(new String[] {"--bootstrap-servers", "k:9092", "--port", "x"}))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> RegistryMain.parse(new String[] {"--bootstrap-servers"}))
                .hasMessageContaining("Missing value");
    }

    @Test
    void shouldRefuseAnOutOfRangePort() {
        assertThatThrownBy(() -> RegistrySettings.of("k:9092", 70_000)).hasMessageContaining("port");
    }

    @Test
    void shouldRefuseAnOpenRegistryBeyondLoopbackUnlessAskedTo() {
        String[] everywhere = {"--bootstrap-servers", "k:9092", "--host", "0.0.0.0"};
        assertThatThrownBy(() -> RegistryMain.launch(everywhere, Map.of()))
                .hasMessageContaining("--password-file").hasMessageContaining("0.0.0.0");

        assertThat(RegistryMain.launch(new String[] {"--bootstrap-servers", "k:9092", "--host", "0.0.0.0", "--open"},
                Map.of()).security()).isEqualTo(RegistrySecurity.open());
        assertThat(RegistryMain.launch(new String[] {"--bootstrap-servers", "k:9092"}, Map.of()).security())
                .isEqualTo(RegistrySecurity.open());
    }

    @Test
    void shouldReadThePasswordFileAndTheKeyStoreWithItsPasswordFromTheEnvironment() {
        RegistryMain.Launch launch = RegistryMain.launch(new String[] {"--bootstrap-servers", "k:9092",
            "--host", "0.0.0.0", "--password-file", "/etc/parkwatch/registry.password",
            "--tls-keystore", "/etc/parkwatch/registry.p12", "--port", "8443"},
                Map.of(RegistryMain.KEYSTORE_PASSWORD_ENV, "ks-secret"));

        assertThat(launch.settings().port()).isEqualTo(8443);
        assertThat(launch.security()).isEqualTo(new RegistrySecurity(
                Optional.of(Path.of("/etc/parkwatch/registry.password")),
                Optional.of(new RegistrySecurity.Tls(Path.of("/etc/parkwatch/registry.p12"), "ks-secret", "PKCS12"))));
        assertThat(launch.security().tls().orElseThrow().toString()).doesNotContain("ks-secret");
        assertThatThrownBy(() -> RegistryMain.launch(new String[] {"--bootstrap-servers", "k:9092",
            "--tls-keystore", "/etc/parkwatch/registry.p12"}, Map.of()))
                .hasMessageContaining(RegistryMain.KEYSTORE_PASSWORD_ENV);
    }
}
