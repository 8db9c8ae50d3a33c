package org.parkwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/**
 * Reads the enterprise intensity and alert topics as a dashboard does (read_committed, so a result counts only once
 * its transaction is committed) and notes when each result for the probe enterprise arrived: the ledger entry count
 * of its probe hour, and the alerts of its outlet under the COD concentration rule. Other alerts (the simulator's
 * excursions) are only counted.
 */
final class LatencyWatch implements AutoCloseable {

    static final String COD_RULE = "default.gb8978.cod.concentration";

    /** The probe hour's entry count as of a record that arrived at {@code receivedNanos}. */
    record HourCount(long receivedNanos, long entryCount) {
    }

    /** An alert of the probe outlet: which wastewater probe caused it, its state, when it arrived. */
    record ProbeAlert(int sampleIndex, org.parkwatch.avro.AlertState state, long receivedNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final SpecificAvroDeserializer<IntensitySnapshot> intensities;
    private final SpecificAvroDeserializer<Alert> alerts;
    private final String intensityTopic;
    private final String alertTopic;
    private final String hourKey;
    private final Instant probeHour;
    private final LatencyProbes probes;
    private final List<HourCount> hourCounts = new ArrayList<>();
    private final Map<Integer, ProbeAlert> probeAlerts = new ConcurrentHashMap<>();
    private final AtomicLong otherAlerts = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    LatencyWatch(BenchCluster cluster, String intensityTopic, String alertTopic, Instant probeHour,
                 LatencyProbes probes) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(
                RegistryClientSettings.forUrls(cluster.registryUrl()));
        this.intensities = new SpecificAvroDeserializer<>(registry, IntensitySnapshot.class);
        this.alerts = new SpecificAvroDeserializer<>(registry, Alert.class);
        this.intensityTopic = intensityTopic;
        this.alertTopic = alertTopic;
        this.probeHour = probeHour;
        this.hourKey = SubjectType.ENTERPRISE + ":" + LatencyProbes.ENTERPRISE_ID + ":" + WindowKind.HOUR + ":"
                + probeHour;
        this.probes = probes;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(intensityTopic, alertTopic)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        // The park's topics are new: everything on them belongs to this phase.
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "latency-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The highest entry count of the probe hour seen so far, 0 before any. */
    synchronized long latestHourCount() {
        return hourCounts.isEmpty() ? 0 : hourCounts.get(hourCounts.size() - 1).entryCount();
    }

    synchronized List<HourCount> hourCounts() {
        return List.copyOf(hourCounts);
    }

    Map<Integer, ProbeAlert> probeAlerts() {
        return probeAlerts;
    }

    /** Alerts of other subjects: the simulator's own excursions. */
    long otherAlerts() {
        return otherAlerts.get();
    }

    /** Probe-outlet alerts that match no timed probe or not its expected state. */
    long unexpectedAlerts() {
        return unexpected.get();
    }

    void requireHealthy() {
        if (failure.get() != null) {
            throw new IllegalStateException("Reading the output topics failed", failure.get());
        }
    }

    private void poll() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long received = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.topic().equals(intensityTopic)) {
                        onIntensity(r, received);
                    } else if (r.topic().equals(alertTopic)) {
                        onAlert(r, received);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onIntensity(ConsumerRecord<String, byte[]> r, long received) {
        // The key names subject, window and start: only the probe hour's records are decoded.
        if (!hourKey.equals(r.key()) || r.value() == null) {
            return;
        }
        IntensitySnapshot s = intensities.deserialize(r.topic(), r.value());
        if (s.getWindow() != WindowKind.HOUR || !s.getWindowStart().equals(probeHour)) {
            return;
        }
        synchronized (this) {
            hourCounts.add(new HourCount(received, s.getTotals().getEntryCount()));
        }
    }

    private void onAlert(ConsumerRecord<String, byte[]> r, long received) {
        if (r.value() == null) {
            return;
        }
        if (r.key() == null || !r.key().contains(LatencyProbes.OUTLET_ID)) {
            otherAlerts.incrementAndGet();
            return;
        }
        Alert alert = alerts.deserialize(r.topic(), r.value());
        if (!COD_RULE.equals(alert.getRuleId()) || !LatencyProbes.OUTLET_ID.equals(alert.getSubjectId())) {
            unexpected.incrementAndGet();
            return;
        }
        int index = probes.sampleIndexAt(alert.getTransitionAt());
        LatencyProbes.AlertProbe probe = probes.alertSent().get(index);
        if (probe == null || probe.expected() != alert.getState()) {
            unexpected.incrementAndGet();
            return;
        }
        probeAlerts.putIfAbsent(index, new ProbeAlert(index, alert.getState(), received));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
