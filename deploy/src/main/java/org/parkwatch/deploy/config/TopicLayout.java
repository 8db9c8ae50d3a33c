package org.parkwatch.deploy.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.parkwatch.topology.Topics;

/**
 * Names, partitioning and retention of the ParkWatch topics.
 *
 * @param prefix          first part of every topic name, {@code <prefix>.<content>}
 * @param partitions      partitions of every topic ParkWatch creates; inputs must share one count so an enterprise's
 *                        events meet in one task
 * @param inputRetention  how long raw input events are kept
 * @param eventsRetention how long alerts and dead letters are kept
 */
public record TopicLayout(String prefix, int partitions, Duration inputRetention, Duration eventsRetention) {

    public static final String PREFIX = "parkwatch.topic.prefix";
    public static final String PARTITIONS = "parkwatch.topic.partitions";
    public static final String INPUT_RETENTION_MS = "parkwatch.topic.input.retention.ms";
    public static final String EVENTS_RETENTION_MS = "parkwatch.topic.events.retention.ms";

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(PREFIX, Type.STRING, "park", Validators.topicPrefix(), Importance.HIGH,
                        "Prefix of every topic name: <prefix>.meter-readings, <prefix>.emissions-ledger-v2, ...")
                .define(PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.HIGH,
                        "Partitions of every topic ParkWatch creates; the upper bound of stream tasks, so of "
                                + "instances doing useful work. Existing topics are left as they are.")
                .define(INPUT_RETENTION_MS, Type.LONG, Duration.ofDays(7).toMillis(), Range.atLeast(-1),
                        Importance.MEDIUM, "Retention of raw input topics (-1: forever). The ledger keeps what "
                                + "was accounted, so this only bounds how far back raw events can be replayed.")
                .define(EVENTS_RETENTION_MS, Type.LONG, Duration.ofDays(30).toMillis(), Range.atLeast(-1),
                        Importance.MEDIUM, "Retention of the alert and dead-letter topics (-1: forever).");
    }

    public static TopicLayout from(Map<String, ?> values) {
        Map<String, Object> parsed = definition().parse(values);
        return new TopicLayout((String) parsed.get(PREFIX), (Integer) parsed.get(PARTITIONS),
                Duration.ofMillis((Long) parsed.get(INPUT_RETENTION_MS)),
                Duration.ofMillis((Long) parsed.get(EVENTS_RETENTION_MS)));
    }

    public static TopicLayout defaults() {
        return from(Map.of());
    }

    /** The topic catalogue these settings name. */
    public Topics topics() {
        return Topics.withPrefix(prefix);
    }

    /**
     * The record of every dead letter {@code replay-dead-letters} re-submitted, keyed by the letter's coordinates
     * on the dead-letter topic: the operators' tool's own topic, beside the pipeline's catalogue.
     */
    public String deadLetterReplays() {
        return prefix + ".dead-letter-replays";
    }

    /**
     * Every topic {@code setup} creates with the role that decides its settings: the pipeline's catalogue and
     * {@link #deadLetterReplays()}, compacted as one latest record per letter is all it needs.
     */
    public Map<String, Topics.TopicRole> roles() {
        Map<String, Topics.TopicRole> roles = new TreeMap<>(topics().roles());
        roles.put(deadLetterReplays(), Topics.TopicRole.LATEST_STATE);
        return roles;
    }
}
