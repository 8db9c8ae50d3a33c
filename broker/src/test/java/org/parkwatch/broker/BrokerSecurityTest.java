package org.parkwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class BrokerSecurityTest {

    private static Properties file() {
        Properties p = new Properties();
        p.setProperty("keystore.location", "/etc/kafka/broker.p12");
        p.setProperty("keystore.password", "ks-secret");
        p.setProperty("truststore.location", "/etc/kafka/ca.pem");
        p.setProperty("broker.user", "broker");
        p.setProperty("broker.password", "b-secret");
        p.setProperty("admin.user", "admin");
        p.setProperty("admin.password", "a-secret");
        return p;
    }

    @Test
    void shouldListenOnSaslSslWithScramAndTheStandardAuthorizerKeepingTheControllerOnLoopback() {
        BrokerSettings settings = new BrokerSettings(19092, 19093, Path.of("/tmp/k"), false, Map.of(),
                Optional.empty()).withSecurity(BrokerSecurity.fromProperties(file()));

        Properties props = EmbeddedKafkaBroker.serverProperties(settings);

        assertThat(props).containsEntry("listeners", "SASL_SSL://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "SASL_SSL://127.0.0.1:19092")
                .containsEntry("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "SASL_SSL")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:broker;User:admin;User:ANONYMOUS")
                .containsEntry("ssl.keystore.type", "PKCS12").containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" "
                                + "password=\"b-secret\";")
                // a PEM trust store is read without a password, and Kafka refuses one
                .doesNotContainKey("ssl.truststore.password");
        assertThat(settings.security().orElseThrow().formatScramArguments()).containsExactly(
                "SCRAM-SHA-512=[name=broker,password=b-secret]", "SCRAM-SHA-512=[name=admin,password=a-secret]");
    }

    @Test
    void shouldShowNoPasswordWhenPrinted() {
        assertThat(BrokerSecurity.fromProperties(file()).toString()).doesNotContain("secret");
    }

    @Test
    void shouldRefuseMissingSettingsAndPasswordsTheFormatterCannotQuote() {
        Properties missing = file();
        missing.remove("admin.password");
        assertThatThrownBy(() -> BrokerSecurity.fromProperties(missing)).hasMessageContaining("admin.password");
        Properties comma = file();
        comma.setProperty("broker.password", "a,b");
        assertThatThrownBy(() -> BrokerSecurity.fromProperties(comma)).isInstanceOf(IllegalArgumentException.class);
    }
}
