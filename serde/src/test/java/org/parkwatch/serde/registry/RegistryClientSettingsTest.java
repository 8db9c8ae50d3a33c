package org.parkwatch.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientSettingsTest {

    @Test
    void shouldReadUrlListAndUserInfoCredentials() {
        RegistryClientSettings settings = RegistryClientSettings.fromConfig(Map.of(
                "schema.registry.url", "http://reg-a:8081, http://reg-b:8081/",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "parkwatch:s3cret"));

        assertThat(settings.urls()).containsExactly(URI.create("http://reg-a:8081"), URI.create("http://reg-b:8081"));
        assertThat(settings.basicAuthUserInfo()).contains("parkwatch:s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldTakeCredentialsFromUrlByDefaultAndStripThemFromIt() {
        RegistryClientSettings settings = RegistryClientSettings.fromConfig(Map.of(
                "schema.registry.url", "https://parkwatch:s3cret@reg-a:8081"));

        assertThat(settings.urls()).containsExactly(URI.create("https://reg-a:8081"));
        assertThat(settings.basicAuthUserInfo()).contains("parkwatch:s3cret");
    }

    @Test
    void shouldIgnoreUserInfoKeyUnlessSourceIsUserInfo() {
        RegistryClientSettings settings = RegistryClientSettings.fromConfig(Map.of(
                "schema.registry.url", "http://reg-a:8081",
                "basic.auth.user.info", "parkwatch:s3cret"));

        assertThat(settings.basicAuthUserInfo()).isEmpty();
    }

    @Test
    void shouldReadTlsStoresAndTimeouts() {
        RegistryClientSettings settings = RegistryClientSettings.fromConfig(Map.of(
                "schema.registry.url", "https://reg-a:8081",
                "schema.registry.ssl.truststore.location", "/etc/parkwatch/trust.p12",
                "schema.registry.ssl.truststore.password", "trustpw",
                "schema.registry.ssl.truststore.type", "PKCS12",
                "schema.registry.ssl.keystore.location", "/etc/parkwatch/client.jks",
                "schema.registry.ssl.keystore.password", "keypw",
                "schema.registry.http.connect.timeout.ms", "2500",
                "schema.registry.http.read.timeout.ms", 4000));

        assertThat(settings.trustStore()).contains(
                new RegistryClientSettings.StoreFile(Path.of("/etc/parkwatch/trust.p12"), "trustpw", "PKCS12"));
        assertThat(settings.keyStore()).contains(
                new RegistryClientSettings.StoreFile(Path.of("/etc/parkwatch/client.jks"), "keypw", "JKS"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.toString()).doesNotContain("trustpw").doesNotContain("keypw");
    }

    @Test
    void shouldRejectMissingUrl() {
        assertThatThrownBy(() -> RegistryClientSettings.fromConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectUserInfoSourceWithoutUserInfo() {
        assertThatThrownBy(() -> RegistryClientSettings.fromConfig(Map.of(
                "schema.registry.url", "http://reg-a:8081", "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void shouldRejectUnsupportedCredentialsSource() {
        assertThatThrownBy(() -> RegistryClientSettings.fromConfig(Map.of(
                "schema.registry.url", "http://reg-a:8081", "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source");
    }

    @Test
    void shouldRejectNonHttpUrl() {
        assertThatThrownBy(() -> RegistryClientSettings.fromConfig(Map.of("schema.registry.url", "ftp://reg-a")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be http or https");
    }
}
