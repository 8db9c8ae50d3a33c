package org.parkwatch.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What a process wrote to Kafka, per topic: end-offset growth between two snapshots. Under exactly-once the growth
 * includes one transaction marker per partition written in each transaction, so it is the log's growth, what the
 * brokers store and replicate, not the data records alone.
 */
final class TopicGrowth {

    private TopicGrowth() {
    }

    /** End offsets, summed per topic, of every topic whose name {@code selects}. */
    static Map<String, Long> endOffsets(Admin admin, Predicate<String> selects) {
        try {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(selects)
                    .collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(
                    p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> sums = new TreeMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
            return sums;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Admin request failed", e);
        }
    }

    /** Growth per topic from {@code before} to {@code after}; a topic absent before grew from 0. */
    static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((topic, end) -> {
            long delta = end - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                grown.put(topic, delta);
            }
        });
        return grown;
    }
}
