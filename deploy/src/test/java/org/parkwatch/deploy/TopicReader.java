package org.parkwatch.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/** Reads everything committed on a topic so far, as a read_committed consumer would. */
final class TopicReader {

    private TopicReader() {
    }

    static <T extends SpecificRecord> List<T> readCommitted(String bootstrap, SchemaRegistryClient registry,
                                                            String topic, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new SpecificAvroDeserializer<>(registry, type))) {
            consumer.subscribe(List.of(topic));
            List<T> values = new ArrayList<>();
            int empty = 0;
            // until three polls in a row bring nothing: everything committed so far
            while (empty < 3) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    empty++;
                } else {
                    empty = 0;
                    records.forEach(r -> values.add(r.value()));
                }
            }
            return values;
        }
    }

    /**
     * Reads everything committed on a topic up to its current end (the last stable offset of each partition), at
     * once: for conditions polled often, where waiting out empty polls would cost seconds a call.
     */
    static <T extends SpecificRecord> List<T> readToEnd(String bootstrap, SchemaRegistryClient registry,
                                                        String topic, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new SpecificAvroDeserializer<>(registry, type))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<T> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
