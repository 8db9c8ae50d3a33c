package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void shouldDefaultToALocalSingleBrokerWithExactlyOnce() {
        KafkaConnection kafka = KafkaConnection.defaults();

        assertThat(kafka).isEqualTo(new KafkaConnection("127.0.0.1:9092", "parkwatch", Path.of("./data/streams"),
                "exactly_once_v2", 1, 1, 0, Duration.ofMillis(100), Map.of()));
    }

    @Test
    void shouldShowPassThroughKeysButNotTheirValues() {
        KafkaConnection kafka = KafkaConnection.from(Map.of("parkwatch.kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";"));

        assertThat(kafka.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }
}
