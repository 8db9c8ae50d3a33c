package org.parkwatch.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.gateway.gaps.DataGapPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gap topic: gap records written keyed by enterpriseId (Confluent wire format, acks=all, idempotent, so the
 * records of one gap stay in the order they were sent), and read back whole at start-up for the gaps still open.
 */
public final class KafkaDataGaps implements DataGapPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDataGaps.class);

    private final Producer<String, byte[]> producer;
    private final Serializer<SpecificRecord> values;
    private final String topic;

    private KafkaDataGaps(Producer<String, byte[]> producer, Serializer<SpecificRecord> values, String topic) {
        this.producer = producer;
        this.values = values;
        this.topic = topic;
    }

    public static KafkaDataGaps create(Map<String, Object> clientProperties, Serializer<SpecificRecord> values,
                                       String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "parkwatch-gateway-gaps");
        return new KafkaDataGaps(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()),
                values, topic);
    }

    @Override
    public CompletableFuture<Void> publish(DataGap gap) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, gap.getEnterpriseId(), values.serialize(topic, gap)),
                    (metadata, error) -> {
                        if (error != null) {
                            LOG.warn("Gap record {} ({}) not written: {}", gap.getGapId(), gap.getState(),
                                    error.toString());
                            written.completeExceptionally(error);
                        } else {
                            written.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Gap record {} ({}) not written: {}", gap.getGapId(), gap.getState(), e.toString());
            written.completeExceptionally(e);
        }
        return written;
    }

    /**
     * The gaps open on the topic now: the latest record of each gapId, read from the beginning to the end offsets of
     * the moment (by assignment, no consumer group). Undecodable records are skipped with a warning.
     */
    public static List<DataGap> openGaps(Map<String, Object> clientProperties, Deserializer<DataGap> values,
                                         String topic, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "parkwatch-gateway-gaps-restore");
        Map<String, DataGap> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: run setup first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gaps on " + topic + " were not read within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        DataGap gap = values.deserialize(record.topic(), record.value());
                        latest.put(gap.getGapId(), gap);
                    } catch (RuntimeException e) {
                        LOG.warn("Skipping gap record at {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        }
        List<DataGap> open = new ArrayList<>();
        latest.values().stream().filter(g -> g.getState() == DataGapState.OPEN).forEach(open::add);
        return open;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
