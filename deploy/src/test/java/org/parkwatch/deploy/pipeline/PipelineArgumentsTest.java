package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PipelineArgumentsTest {

    @Test
    void shouldReadConfigFileAndOverridesInOrder() {
        PipelineArguments args = PipelineArguments.parse("--config", "/etc/parkwatch.properties",
                "--set", "parkwatch.grace.ms=600000", "--set=parkwatch.api.port=9090",
                "--set", "parkwatch.grace.ms=900000");

        assertThat(args.configFile()).contains(Path.of("/etc/parkwatch.properties"));
        assertThat(args.overrides()).containsExactly(Map.entry("parkwatch.grace.ms", "900000"),
                Map.entry("parkwatch.api.port", "9090"));
    }

    @Test
    void shouldKeepEqualsSignsInsideTheValue() {
        PipelineArguments args = PipelineArguments.parse("--set",
                "parkwatch.kafka.sasl.jaas.config=PlainLoginModule required username=\"a\";");

        assertThat(args.overrides()).containsExactly(Map.entry("parkwatch.kafka.sasl.jaas.config",
                "PlainLoginModule required username=\"a\";"));
    }

    @Test
    void shouldAcceptNoArguments() {
        PipelineArguments args = PipelineArguments.parse();

        assertThat(args.configFile()).isEmpty();
        assertThat(args.overrides()).isEmpty();
    }

    @Test
    void shouldRejectUnknownArgumentNamingIt() {
        assertThatThrownBy(() -> PipelineArguments.parse("--conifg", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--conifg");
    }

    @Test
    void shouldRejectSetWithoutKeyValue() {
        assertThatThrownBy(() -> PipelineArguments.parse("--set", "parkwatch.grace.ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void shouldRejectOptionWithoutValue() {
        assertThatThrownBy(() -> PipelineArguments.parse("--config"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config needs a value");
    }
}
