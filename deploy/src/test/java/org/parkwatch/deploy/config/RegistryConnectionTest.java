package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.parkwatch.serde.registry.RegistryClientSettings;

class RegistryConnectionTest {

    @Test
    void shouldDefaultToTheLocalRegistryWithoutAuth() {
        RegistryClientSettings settings = RegistryConnection.defaults().clientSettings();

        assertThat(settings.urls()).containsExactly(URI.create("http://127.0.0.1:8081"));
        assertThat(settings.basicAuthUserInfo()).isEmpty();
        assertThat(settings.trustStore()).isEmpty();
        assertThat(RegistryConnection.defaults().valueSerdeSettings().autoRegister()).isTrue();
    }

    @Test
    void shouldReadUrlsCredentialsStoresAndTimeouts() {
        RegistryConnection registry = RegistryConnection.from(Map.of(
                RegistryConnection.URL, "https://sr1.park.example:8081,https://sr2.park.example:8081",
                RegistryConnection.BASIC_AUTH_USER_INFO, "pipeline:s3cret",
                RegistryConnection.TRUSTSTORE_LOCATION, "/etc/parkwatch/trust.p12",
                RegistryConnection.TRUSTSTORE_PASSWORD, "changeit",
                RegistryConnection.REQUEST_TIMEOUT_MS, "5000",
                RegistryConnection.AUTO_REGISTER, "false"));
        RegistryClientSettings settings = registry.clientSettings();

        assertThat(settings.urls()).containsExactly(URI.create("https://sr1.park.example:8081"),
                URI.create("https://sr2.park.example:8081"));
        assertThat(settings.basicAuthUserInfo()).contains("pipeline:s3cret");
        assertThat(settings.trustStore()).hasValueSatisfying(store -> {
            assertThat(store.location()).isEqualTo(Path.of("/etc/parkwatch/trust.p12"));
            assertThat(store.password()).isEqualTo("changeit");
            assertThat(store.type()).isEqualTo("PKCS12");
        });
        assertThat(settings.keyStore()).isEmpty();
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(registry.valueSerdeSettings().autoRegister()).isFalse();
        assertThat(registry.toString()).doesNotContain("s3cret").doesNotContain("changeit");
    }

    @Test
    void shouldRejectUrlThatIsNotHttpNamingTheKey() {
        assertThatThrownBy(() -> RegistryConnection.from(Map.of(RegistryConnection.URL, "ftp://sr.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConnection.URL);
    }

    @Test
    void shouldRejectCredentialsWithoutColonNamingTheKeyButNotTheSecret() {
        assertThatThrownBy(() -> RegistryConnection.from(Map.of(
                RegistryConnection.BASIC_AUTH_USER_INFO, "tokenwithoutuser")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConnection.BASIC_AUTH_USER_INFO)
                .hasMessageNotContaining("tokenwithoutuser");
    }
}
