package org.parkwatch.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parkwatch.avro.Device;
import org.parkwatch.gateway.intake.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered devices, read whole from their compacted topic and followed while the gateway runs, so a device
 * registered, changed or deactivated (or deleted, with a tombstone) counts from its next packet without a restart.
 * A record that does not decode is logged and skipped: the device's earlier version, if any, stays.
 */
public final class KafkaDeviceDirectory implements DeviceDirectory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeviceDirectory.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<Device> values;
    private final String topic;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean running = true;

    private KafkaDeviceDirectory(Map<String, Object> clientProperties, Deserializer<Device> values, String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "parkwatch-gateway-devices");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = values;
        this.topic = topic;
        this.reader = new Thread(this::run, "parkwatch-gateway-devices");
        this.reader.setDaemon(true);
    }

    /** Starts following {@code topic}; {@link #awaitLoaded(Duration)} waits for what it held at start. */
    public static KafkaDeviceDirectory start(Map<String, Object> clientProperties, Deserializer<Device> values,
                                             String topic) {
        KafkaDeviceDirectory directory = new KafkaDeviceDirectory(clientProperties, values, topic);
        directory.reader.start();
        return directory;
    }

    /**
     * Waits until every device on the topic at start-up is read: until then a registered device would be refused.
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}
     */
    public void awaitLoaded(Duration timeout) throws InterruptedException {
        if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the device list on " + topic + " was not read within " + timeout);
        }
    }

    @Override
    public Optional<Device> find(String mn) {
        return Optional.ofNullable(devices.get(mn));
    }

    public int size() {
        return devices.size();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: run setup first");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (loaded.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("{} devices read from {}", devices.size(), topic);
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Device list reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Device list reader stopped: devices registered from now on are not seen", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            devices.remove(record.key());
            return;
        }
        try {
            devices.put(record.key(), values.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn("Skipping device record {} at {}-{}@{}: {}", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(10_000);
    }
}
