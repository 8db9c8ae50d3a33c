package org.parkwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.registry.RegistryHttp.Reply;

@Timeout(120)
class RegistryStoreFailureIT {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"}]}";

    @Test
    void shouldAnswer50001WhenKafkaIsGoneAndStillServeReads() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        RegistrySettings settings = RegistrySettings.of(broker.bootstrapServers(), 0)
                .withTopic("schemas-store-failure-" + UUID.randomUUID())
                .withTimeout(Duration.ofSeconds(3));
        try (SchemaRegistryServer server = SchemaRegistryServer.start(settings)) {
            RegistryHttp http = new RegistryHttp(server.url());
            assertThat(http.register("readings-value", SCHEMA)).isEqualTo(1);

            broker.close();

            Reply write = http.put("/config", "{\"compatibility\":\"NONE\"}");
            assertThat(write.status()).as(write.toString()).isEqualTo(500);
            assertThat(write.errorCode()).isEqualTo(50001);
            // Reads come from local state and need no broker.
            assertThat(http.get("/schemas/ids/1").json().get("schema").asText()).isEqualTo(SCHEMA);
        } finally {
            broker.close();
        }
    }
}
