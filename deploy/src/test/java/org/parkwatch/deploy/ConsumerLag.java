package org.parkwatch.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.common.TopicPartition;
import org.parkwatch.topology.Topics;

/** How far a pipeline's consumer group is behind on its partitioned inputs (activity and output reports). */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Records of the inputs written (committed, for transactional writers) and not yet committed by the group. */
    static long of(String bootstrapServers, String applicationId, Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return of(admin, applicationId, topics);
        }
    }

    static long of(Admin admin, String applicationId, Topics topics) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, topics);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Input records the group has committed as processed, summed over its input partitions. */
    static long committed(String bootstrapServers, String applicationId, Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> ends.containsKey(e.getKey())).mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, Topics topics) throws Exception {
        List<String> inputs = new ArrayList<>(topics.activityInputs());
        inputs.add(topics.outputReports());
        var descriptions = admin.describeTopics(inputs).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
