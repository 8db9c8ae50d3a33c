package org.parkwatch.deploy.admin;

import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.parkwatch.deploy.config.TopicLayout;
import org.parkwatch.topology.Topics;
import org.parkwatch.topology.Topics.TopicRole;

/**
 * How a topic is created: its partitions and topic-level settings, decided by the role it plays.
 *
 * @param configs topic-level settings (cleanup.policy, retention.ms, ...)
 */
public record TopicSpec(int partitions, Map<String, String> configs) {

    private static final String FOREVER = "-1";

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** The spec of a topic of {@code role} under {@code layout}. */
    public static TopicSpec forRole(TopicRole role, TopicLayout layout) {
        int partitions = layout.partitions();
        return switch (role) {
            // Inputs, alerts and dead letters carry their own event times in their values; their record timestamps
            // are the broker's append time, so that time-based retention counts from arrival. With the producer's
            // time, a backfilled year or an alert about last month would be deleted by retention at once.
            case INPUT -> new TopicSpec(partitions, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(layout.inputRetention().toMillis()),
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
            // Reference data is read whole by every instance, so its partition count does not matter for
            // co-partitioning; the configured count keeps one scheme for all topics. Factor versions are published
            // ahead of their validity and stamped with it, and Kafka 4 brokers reject by default timestamps more
            // than an hour ahead (log.message.timestamp.after.max.ms, KIP-1030), hence the explicit unbounded limit.
            case REFERENCE -> new TopicSpec(partitions, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.RETENTION_MS_CONFIG, FOREVER,
                    TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE)));
            // The ledger is the audit trail: deleting nothing, neither by age nor by size.
            case LEDGER -> new TopicSpec(partitions, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, FOREVER,
                    TopicConfig.RETENTION_BYTES_CONFIG, FOREVER));
            case LATEST_STATE -> new TopicSpec(partitions, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            case EVENTS -> new TopicSpec(partitions, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(layout.eventsRetention().toMillis()),
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
            // A dead letter wraps a whole input record: the topic must take more than an input topic does.
            case DEAD_LETTERS -> new TopicSpec(partitions, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(layout.eventsRetention().toMillis()),
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.DEAD_LETTER_MAX_BYTES)));
        };
    }
}
