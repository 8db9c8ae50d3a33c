package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PipelineMainTest {

    @Test
    void shouldExitWithUsageStatusOnUnknownArgument() {
        assertThat(PipelineMain.run(new String[] {"--bogus"}, Map.of())).isEqualTo(2);
    }

    @Test
    void shouldExitWithUsageStatusOnInvalidConfigurationBeforeConnecting() {
        assertThat(PipelineMain.run(new String[0], Map.of("PARKWATCH_GRACE_MS", "soon"))).isEqualTo(2);
    }
}
