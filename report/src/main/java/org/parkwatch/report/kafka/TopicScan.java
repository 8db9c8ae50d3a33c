package org.parkwatch.report.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics one after the other, each to the end it had when its reading started, with one assigned consumer (no
 * group, no commits), from the beginning or from the first record appended at or after an instant. Only committed
 * records are read (read_committed), as the pipeline writes with exactly-once. One consumer for every topic of a
 * report, as opening one costs more than reading a small topic.
 */
final class TopicScan implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;

    TopicScan(Map<String, Object> clientProperties, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /**
     * Hands every record (key, value; value null for a tombstone) to {@code sink}, in offset order per partition.
     *
     * @param appendedFrom read from the first record appended at or after this instant; empty: from the beginning
     * @throws IllegalStateException when the topic does not exist
     * @throws TimeoutException      when its end is not reached within the timeout
     */
    /** As {@link #read}, reading nothing when the topic does not exist. */
    <T> void readIfExists(String topic, Optional<Instant> appendedFrom, Deserializer<T> values,
                          BiConsumer<String, T> sink) {
        if (!consumer.partitionsFor(topic, timeout).isEmpty()) {
            read(topic, appendedFrom, values, sink);
        }
    }

    <T> void read(String topic, Optional<Instant> appendedFrom, Deserializer<T> values, BiConsumer<String, T> sink) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; run setup first");
        }
        consumer.assign(partitions);
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            consumer.seekToBeginning(partitions);
            if (appendedFrom.isPresent()) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(p -> times.put(p, appendedFrom.get().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(times, timeout);
                for (TopicPartition p : partitions) {
                    OffsetAndTimestamp o = from.get(p);
                    consumer.seek(p, o == null ? end.get(p) : o.offset());
                }
            }
            Instant deadline = Instant.now().plus(timeout);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("topic " + topic + " not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(r.key(), values.deserialize(r.topic(), r.value()));
                    }
                }
            }
        } finally {
            consumer.unsubscribe();
        }
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
