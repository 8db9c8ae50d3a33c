package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    @Test
    void shouldListenLocallyWithoutAuthByDefault() {
        ApiConfig api = ApiConfig.defaults();

        assertThat(api.host()).isEqualTo("127.0.0.1");
        assertThat(api.port()).isEqualTo(8080);
        assertThat(api.requiredToken()).isEmpty();
        assertThat(api.corsOrigins()).isEmpty();
    }

    @Test
    void shouldRequireTheConfiguredTokenWithoutShowingIt() {
        ApiConfig api = ApiConfig.from(Map.of(ApiConfig.AUTH_TOKEN, "s3cret-token",
                ApiConfig.CORS_ORIGINS, "https://dashboard.park.example,http://localhost:5173"));

        assertThat(api.requiredToken()).contains("s3cret-token");
        assertThat(api.corsOrigins()).containsExactly("https://dashboard.park.example", "http://localhost:5173");
        assertThat(api.toString()).doesNotContain("s3cret-token");
    }

    @Test
    void shouldRejectPortAbove65535NamingTheKey() {
        assertThatThrownBy(() -> ApiConfig.from(Map.of(ApiConfig.PORT, "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ApiConfig.PORT);
    }
}
