package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.config.RegistryConnection;
import org.parkwatch.deploy.config.TopicLayout;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PipelineRunnerIT {

    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBrokerAndRegistry() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldRunThePipelineUntilClosed() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                KafkaConnection.APPLICATION_ID, "parkwatch-it-" + unique,
                KafkaConnection.STATE_DIR, stateDir.toString(),
                RegistryConnection.URL, registry.url(),
                TopicLayout.PREFIX, "p" + unique,
                TopicLayout.PARTITIONS, "2"));
        try (TopicAdmin topics = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            topics.ensureTopics(config.topicLayout().topics());
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        PipelineRunner runner = PipelineRunner.start(config, meters);
        try {
            runner.awaitRunning(Duration.ofSeconds(90));

            assertThat(runner.isRunning()).isTrue();
            assertThat(runner.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            // Kafka Streams' own metrics are bound to the registry under Micrometer's kafka.* names; they are bound
            // again, in the background, when the client reaches RUNNING, and are absent for that moment.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.getMeters())
                    .anySatisfy(m -> assertThat(m.getId().getName()).startsWith("kafka.")));
        } finally {
            runner.close();
        }

        assertThat(runner.stopped()).succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(runner.isRunning()).isFalse();
    }
}
