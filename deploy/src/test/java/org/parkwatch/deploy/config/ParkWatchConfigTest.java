package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The address other instances reach this instance's API at: Kafka Streams' application.server. */
class ParkWatchConfigTest {

    private static ParkWatchConfig load(Map<String, String> environment, Map<String, String> overrides) {
        return new ConfigLoader(environment).load(Optional.empty(), overrides);
    }

    @Test
    void shouldAdvertiseNothingForASingleInstance() {
        assertThat(ParkWatchConfig.defaults().applicationServer()).isEmpty();
    }

    @Test
    void shouldAdvertiseTheConfiguredHostWithTheApiPort() {
        ParkWatchConfig config = load(Map.of(), Map.of(
                ApiConfig.ADVERTISED_HOST, "pw-2.park.internal",
                ApiConfig.PORT, "8081"));

        assertThat(config.applicationServer()).contains("pw-2.park.internal:8081");
    }

    @Test
    void shouldTakeTheAdvertisedHostFromTheEnvironment() {
        ParkWatchConfig config = load(Map.of("PARKWATCH_API_ADVERTISED_HOST", "10.0.4.17"), Map.of());

        // the API port is the default, 8080
        assertThat(config.applicationServer()).contains("10.0.4.17:8080");
    }

    @Test
    void shouldKeepAnExplicitApplicationServerAsItIs() {
        ParkWatchConfig config = load(Map.of(), Map.of("parkwatch.kafka.application.server", "gateway.park:9443"));

        assertThat(config.applicationServer()).contains("gateway.park:9443");
    }

    @Test
    void shouldAcceptAnExplicitApplicationServerThatAgreesWithTheAdvertisedHost() {
        ParkWatchConfig config = load(Map.of(), Map.of(
                ApiConfig.ADVERTISED_HOST, "pw-2.park.internal",
                ApiConfig.PORT, "8081",
                "parkwatch.kafka.application.server", "pw-2.park.internal:8081"));

        assertThat(config.applicationServer()).contains("pw-2.park.internal:8081");
    }

    @Test
    void shouldRefuseAnExplicitApplicationServerThatDisagreesWithTheAdvertisedHost() {
        // the port was changed to 8081 but the hand-written application.server still says 8080
        Map<String, String> settings = Map.of(
                ApiConfig.ADVERTISED_HOST, "pw-2.park.internal",
                ApiConfig.PORT, "8081",
                "parkwatch.kafka.application.server", "pw-2.park.internal:8080");

        assertThatThrownBy(() -> load(Map.of(), settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.kafka.application.server=pw-2.park.internal:8080")
                .hasMessageContaining("pw-2.park.internal:8081")
                .hasMessageContaining(ApiConfig.ADVERTISED_HOST);
    }

    @Test
    void shouldRefuseToAdvertiseAPortPickedAtStartUp() {
        Map<String, String> settings = Map.of(ApiConfig.ADVERTISED_HOST, "pw-2.park.internal", ApiConfig.PORT, "0");

        assertThatThrownBy(() -> load(Map.of(), settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ApiConfig.ADVERTISED_HOST)
                .hasMessageContaining("needs a fixed " + ApiConfig.PORT);
    }

    @Test
    void shouldRefuseAnAdvertisedHostCarryingAPort() {
        assertThatThrownBy(() -> load(Map.of(), Map.of(ApiConfig.ADVERTISED_HOST, "pw-2.park.internal:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ApiConfig.ADVERTISED_HOST)
                .hasMessageContaining("without a port");
    }

    @Test
    void shouldRefuseAnExplicitApplicationServerWithoutPort() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("parkwatch.kafka.application.server", "pw-2.park.internal")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parkwatch.kafka.application.server")
                .hasMessageContaining("expected host:port");
    }
}
