package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;

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

    @Test
    void shouldExitWithUsageStatusWhenTheApplicationServerDisagreesWithTheAdvertisedHost() {
        String[] args = {"--set", "parkwatch.api.auth.required=false",
                "--set", "parkwatch.api.advertised.host=pw-2.park.internal",
                "--set", "parkwatch.kafka.application.server=pw-2.park.internal:9000"};

        // refused before any connection to Kafka: the API port is 8080, not 9000
        assertThat(PipelineMain.run(args, Map.of())).isEqualTo(2);
    }

    @Test
    void shouldAdvertiseTheApiAtTheAdvertisedHostAndApiPort() {
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.api.advertised.host", "pw-2.park.internal", "parkwatch.api.port", "8081"));

        assertThat(PipelineMain.apiSettings(config).applicationServer()).contains("pw-2.park.internal:8081");
        assertThat(PipelineMain.apiSettings(ParkWatchConfig.defaults()).applicationServer()).isEmpty();
    }
}
