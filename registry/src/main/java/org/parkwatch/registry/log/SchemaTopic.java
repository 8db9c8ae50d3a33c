package org.parkwatch.registry.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the schema topic when absent: one partition, so the log has a single order, and compacted, which
 * never drops a record because every key is unique.
 */
final class SchemaTopic {

    private SchemaTopic() {
    }

    static void ensure(Admin admin, String topic, short replicationFactor, Duration timeout)
            throws InterruptedException, TimeoutException {
        NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create schema topic " + topic, e.getCause());
            }
        }
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schema topic " + topic + " has " + description.partitions().size()
                        + " partitions; it needs exactly one so every instance reads one order");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe schema topic " + topic, e.getCause());
        }
    }
}
