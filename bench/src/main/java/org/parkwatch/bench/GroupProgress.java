package org.parkwatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Kafka Streams application id) has committed through a set of topics, read the way an
 * operator reads consumer lag: committed offsets against end offsets, through the admin client.
 */
final class GroupProgress implements AutoCloseable {

    private final Admin admin;
    private final List<TopicPartition> partitions;

    GroupProgress(String bootstrap, Collection<String> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
        this.partitions = partitionsOf(topics);
    }

    /** Records in the topics (end offsets summed; input topics are written without transactions). */
    long endOffsetSum() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        return get(admin.listOffsets(latest).all()).values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Offsets the group has committed on the topics, summed; 0 before its first commit. */
    long committedSum(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        return partitions.stream().map(committed::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** The admin client, for snapshots of other topics than the followed ones. */
    Admin admin() {
        return admin;
    }

    /**
     * Whether the group has read everything written to {@code topics} (internal topics of the application, created
     * by it): on every partition its committed offset is at the end, or one short of it, the marker of the
     * transaction that wrote the partition's last records, which a consumer never commits past.
     */
    boolean caughtUpOn(String group, Collection<String> topics) {
        List<TopicPartition> internal = partitionsOf(topics);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        internal.forEach(p -> latest.put(p, OffsetSpec.latest()));
        var end = get(admin.listOffsets(latest).all());
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        for (TopicPartition p : internal) {
            long last = end.get(p).offset();
            OffsetAndMetadata c = committed.get(p);
            if (last > 0 && (c == null || last - c.offset() > 1)) {
                return false;
            }
        }
        return true;
    }

    /** Offsets the group has committed on {@code topics}, summed. */
    long committedSumOn(String group, Collection<String> topics) {
        List<TopicPartition> of = partitionsOf(topics);
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        return of.stream().map(committed::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /**
     * Samples the group's committed offsets every {@code every} until they reach {@code target} records, and
     * returns the timeline; fails when {@code alive} turns false or {@code timeout} passes.
     */
    Timeline follow(String group, long target, Duration every, Duration timeout, BooleanSupplier alive)
            throws InterruptedException {
        List<Timeline.Sample> samples = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long committed = committedSum(group);
            samples.add(new Timeline.Sample(System.nanoTime(), committed));
            if (committed >= target) {
                return new Timeline(samples);
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("The process under test stopped at " + committed + " of " + target);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Group " + group + " committed " + committed + " of " + target
                        + " within " + timeout);
            }
            Thread.sleep(every.toMillis());
        }
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> result = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> result.add(new TopicPartition(d.name(), p.partition()))));
        return result;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Admin request failed", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
