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

    @Test
    void shouldRefuseToServeTheApiWithoutATokenUnlessToldThatIsIntended() {
        // nothing else is needed to fail: the check comes before any connection to Kafka
        assertThat(PipelineMain.run(new String[0], Map.of())).isEqualTo(2);
        assertThat(org.parkwatch.deploy.config.ApiConfig.defaults().misconfiguration()).get().asString()
                .contains("parkwatch.api.auth.token");
        assertThat(org.parkwatch.deploy.config.ApiConfig.from(Map.of("parkwatch.api.auth.token", "s3cret"))
                .misconfiguration()).isEmpty();
        assertThat(org.parkwatch.deploy.config.ApiConfig.from(Map.of("parkwatch.api.auth.required", "false"))
                .misconfiguration()).isEmpty();
    }
}
