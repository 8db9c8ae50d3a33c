package org.parkwatch.deploy.restate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.deploy.admin.TopicReadThrough;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restatement an agency enables to run by itself ({@code parkwatch.restatement.automatic}): a thread of the
 * pipeline process follows the factor topic and, a delay after factor records arrive, restates their factors, as the
 * restate command would, requested by "automatic". At start it restates every factor once: a version published while
 * the pipeline was down is caught up (a run with nothing due writes nothing). A failed run is logged and tried again
 * with the next factor record or restart; the command stays available.
 */
public final class AutomaticRestatement implements AutoCloseable {

    public static final String REQUESTED_BY = "automatic";
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticRestatement.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConnection kafka;
    private final SpecificAvroDeserializer<EmissionFactor> factors;
    private final String factorTopic;
    private final LedgerRestatement restatement;
    private final Duration delay;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean closing;

    public AutomaticRestatement(KafkaConnection kafka, SchemaRegistryClient registry, String factorTopic,
                                LedgerRestatement restatement, Duration delay) {
        this.kafka = kafka;
        this.factors = new SpecificAvroDeserializer<>(registry, EmissionFactor.class);
        this.factorTopic = factorTopic;
        this.restatement = restatement;
        this.delay = delay;
        this.consumer = consumer();
        this.thread = new Thread(this::follow, "parkwatch-automatic-restatement");
        this.thread.setDaemon(true);
    }

    public AutomaticRestatement start() {
        thread.start();
        return this;
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(factorTopic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> due = new TreeSet<>();
            Instant runAt = Instant.now().plus(delay);
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    String key = factorKeyOf(record);
                    if (key != null) {
                        due.add(key);
                        runAt = Instant.now().plus(delay);
                    }
                }
                if (!due.isEmpty() && !Instant.now().isBefore(runAt)) {
                    restate(new ArrayList<>(due));
                    due.clear();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    private void restate(List<String> keys) {
        try {
            restatement.run(new LedgerRestatement.Request(keys, null, null, REQUESTED_BY), false,
                    line -> LOG.info("Automatic restatement: {}", line));
        } catch (RuntimeException e) {
            LOG.warn("Automatic restatement of {} failed, tried again with the next factor record or restart: {}",
                    keys, e.getMessage());
        }
    }

    private String factorKeyOf(ConsumerRecord<byte[], byte[]> record) {
        try {
            EmissionFactor f = factors.deserialize(record.topic(), record.value());
            if (f != null) {
                return f.getFactorKey();
            }
        } catch (RuntimeException e) {
            LOG.debug("Factor record at {}@{} unreadable, not a restatement trigger: {}", record.partition(),
                    record.offset(), e.getMessage());
        }
        // a tombstone retires a version: its key is factorKey@validFrom
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return key == null || key.indexOf('@') < 0 ? null : key.substring(0, key.lastIndexOf('@'));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return TopicReadThrough.consumer(kafka.clientProperties(), Map.of());
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
