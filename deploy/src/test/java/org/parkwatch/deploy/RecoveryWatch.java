package org.parkwatch.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.parkwatch.topology.Topics;

/**
 * Times how long a pipeline takes to recover from a fault: from the fault until its consumer group has committed,
 * on every partition of its inputs, everything that had arrived when the fault struck, so the partitions of a killed
 * instance are served again and what piled up meanwhile is processed.
 */
final class RecoveryWatch implements AutoCloseable {

    /** One fault and, once the group got past it, how long that took. */
    record Fault(String what, long atNanos, Map<TopicPartition, Long> arrived, long[] recoveredNanos) {

        boolean recovered() {
            return recoveredNanos[0] > 0;
        }

        Duration recovery() {
            return Duration.ofNanos(recoveredNanos[0] - atNanos);
        }
    }

    private final String bootstrapServers;
    private final String applicationId;
    private final Topics topics;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread watcher;

    RecoveryWatch(String bootstrapServers, String applicationId, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
        this.topics = topics;
        this.watcher = new Thread(this::watch, "recovery-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Notes a fault striking now, with the input offsets it must be recovered past. */
    void fault(String what) throws Exception {
        long at = System.nanoTime();
        try (Admin admin = admin()) {
            faults.add(new Fault(what, at, ConsumerLag.endOffsets(admin, topics), new long[1]));
        }
    }

    List<Fault> faults() {
        return new ArrayList<>(faults);
    }

    private void watch() {
        while (running.get()) {
            try (Admin admin = admin()) {
                while (running.get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                    long now = System.nanoTime();
                    for (Fault fault : faults) {
                        if (!fault.recovered() && past(committed, fault.arrived())) {
                            fault.recoveredNanos()[0] = now;
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception brokerAway) {
                // the broker is being restarted: try again with a new client
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static boolean past(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> arrived) {
        for (Map.Entry<TopicPartition, Long> a : arrived.entrySet()) {
            OffsetAndMetadata done = committed.get(a.getKey());
            if (a.getValue() > 0 && (done == null || done.offset() < a.getValue())) {
                return false;
            }
        }
        return true;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        watcher.interrupt();
        watcher.join(10_000);
    }
}
