package org.parkwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
