package org.parkwatch.deploy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.TopicLayout;
import org.parkwatch.topology.Topics;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicAdminIT {

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldCreateEveryTopicOfTheCatalogueWithTheSettingsOfItsRole() throws Exception {
        TopicLayout layout = new TopicLayout(uniquePrefix(), 3, Duration.ofDays(7), Duration.ofDays(30));
        Topics topics = layout.topics();

        TopicSummary summary;
        try (TopicAdmin topicAdmin = TopicAdmin.connect(connection(), layout)) {
            summary = topicAdmin.ensureTopics(topics);
        }

        assertThat(summary.created()).containsExactlyElementsOf(topics.roles().keySet().stream().sorted().toList());
        assertThat(summary.created()).hasSize(20);
        assertThat(summary.existing()).isEmpty();
        TopicDescription ledger = admin.describeTopics(List.of(topics.emissionsLedger())).allTopicNames().get()
                .get(topics.emissionsLedger());
        assertThat(ledger.partitions()).hasSize(3);
        assertThat(config(topics.emissionsLedger()).get("retention.ms").value()).isEqualTo("-1");
        assertThat(config(topics.emissionsLedger()).get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(config(topics.emissionFactors()).get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config(topics.enterpriseTotals()).get("cleanup.policy").value()).isEqualTo("compact");
        // 7 days = 604 800 000 ms; 30 days = 2 592 000 000 ms.
        assertThat(config(topics.meterReadings()).get("retention.ms").value()).isEqualTo("604800000");
        assertThat(config(topics.alerts()).get("retention.ms").value()).isEqualTo("2592000000");
    }

    @Test
    void shouldLeaveExistingTopicsAloneAndReportThem() throws Exception {
        TopicLayout layout = new TopicLayout(uniquePrefix(), 2, Duration.ofDays(7), Duration.ofDays(30));
        Topics topics = layout.topics();
        try (TopicAdmin topicAdmin = new TopicAdmin(admin, layout, 1)) {
            topicAdmin.ensureTopics(topics);
        }

        TopicLayout morePartitions = new TopicLayout(layout.prefix(), 5, Duration.ofDays(1), Duration.ofDays(1));
        TopicSummary second;
        try (TopicAdmin topicAdmin = new TopicAdmin(admin, morePartitions, 1)) {
            second = topicAdmin.ensureTopics(topics);
        }

        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).containsExactlyElementsOf(topics.roles().keySet().stream().sorted().toList());
        assertThat(admin.describeTopics(List.of(topics.meterReadings())).allTopicNames().get()
                .get(topics.meterReadings()).partitions()).hasSize(2);
        assertThat(config(topics.meterReadings()).get("retention.ms").value()).isEqualTo("604800000");
    }

    @Test
    void shouldCreateOnlyTheTopicsThatAreMissing() throws Exception {
        TopicLayout layout = new TopicLayout(uniquePrefix(), 1, Duration.ofDays(7), Duration.ofDays(30));
        Topics topics = layout.topics();
        admin.createTopics(List.of(new NewTopic(topics.alerts(), 1, (short) 1)))
                .all().get();

        TopicSummary summary;
        try (TopicAdmin topicAdmin = new TopicAdmin(admin, layout, 1)) {
            summary = topicAdmin.ensureTopics(topics);
        }

        assertThat(summary.existing()).containsExactly(topics.alerts());
        assertThat(summary.created()).hasSize(19).doesNotContain(topics.alerts());
        assertThat(admin.listTopics().names().get()).containsAll(Set.copyOf(topics.roles().keySet()));
    }

    private static KafkaConnection connection() {
        return KafkaConnection.from(Map.of(KafkaConnection.BOOTSTRAP_SERVERS, broker.bootstrapServers()));
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    private static String uniquePrefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
