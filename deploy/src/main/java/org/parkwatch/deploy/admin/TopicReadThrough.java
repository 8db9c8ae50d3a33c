package org.parkwatch.deploy.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic whole, from its beginning to the end it had when reading began, by assignment (no consumer group),
 * committed records only: how the operator commands (dead-letter replay, restatement) see a topic. Records written
 * after the read began are left to the next run.
 */
public final class TopicReadThrough {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReadThrough() {
    }

    /** A consumer for {@link #read}: committed records only, no group, never creating a topic. */
    public static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientProperties,
                                                         Map<String, Object> more) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putAll(more);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Hands every record of {@code topic} below its current end to {@code each}, in partition order.
     *
     * @throws StartupRefusedException when the topic does not exist
     * @throws KafkaException          when nothing comes for {@code timeout} before the end is reached
     */
    /** As {@link #read}, reading nothing when the topic does not exist. */
    public static void readIfExists(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout,
                                    Consumer<ConsumerRecord<byte[], byte[]>> each) {
        if (!consumer.partitionsFor(topic, timeout).isEmpty()) {
            read(consumer, topic, timeout, each);
        }
    }

    public static void read(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout,
                            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new StartupRefusedException("The topic " + topic + " does not exist: run ./parkwatch setup");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Instant stalledSince = Instant.now();
        while (!reachedEnd(consumer, end)) {
            var records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                stalledSince = Instant.now();
            } else if (Instant.now().isAfter(stalledSince.plus(timeout))) {
                throw new KafkaException(topic + " not read to its end: nothing came for " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
        consumer.unsubscribe();
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
