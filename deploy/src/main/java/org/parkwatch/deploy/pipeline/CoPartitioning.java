package org.parkwatch.deploy.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.streams.TopologyDescription;
import org.parkwatch.deploy.admin.StartupRefusedException;

/**
 * Which topics must have the same number of partitions, and the refusal when they do not.
 *
 * <p>Kafka Streams makes one task per partition number of a sub-topology and gives it partition <i>p</i> of every
 * topic that sub-topology reads; the task's stores hold the state of the keys of those partitions. The activity
 * inputs and the output reports are read by one sub-topology and meet in one book per enterprise, so an enterprise
 * must land on the same partition number in each: the same key partitioner (Java's murmur2) and the same partition
 * count. Kafka Streams checks counts only for joins; with unequal counts it runs, silently splitting an
 * enterprise's state between tasks.
 */
final class CoPartitioning {

    private CoPartitioning() {
    }

    /**
     * The groups of topics each sub-topology of {@code topology} reads, counting only topics of {@code ownTopics}
     * (internal repartition topics are sized by Kafka Streams itself), and only groups of two or more.
     */
    static List<SortedSet<String>> groups(TopologyDescription topology, Set<String> ownTopics) {
        List<SortedSet<String>> groups = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
            SortedSet<String> read = new TreeSet<>();
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().stream().filter(ownTopics::contains).forEach(read::add);
                }
            }
            if (read.size() > 1) {
                groups.add(read);
            }
        }
        return groups;
    }

    /**
     * Refuses a group whose topics differ in partition count, or of which a topic is missing.
     *
     * @param partitions partition count of every existing topic of the group
     * @throws StartupRefusedException naming every topic of the group with its partition count
     */
    static void requireAgreement(SortedSet<String> group, Map<String, Integer> partitions) {
        Set<Integer> counts = group.stream().map(partitions::get).collect(Collectors.toSet());
        if (counts.size() == 1 && !counts.contains(null)) {
            return;
        }
        String each = group.stream().map(topic -> topic + ": " + (partitions.containsKey(topic)
                ? partitions.get(topic) + " partitions" : "does not exist")).collect(Collectors.joining(", "));
        if (counts.contains(null)) {
            throw new StartupRefusedException("Topics missing (" + each + "); create them first with "
                    + "./parkwatch setup");
        }
        throw new StartupRefusedException("Topics read together must have the same number of partitions, so that "
                + "all the records of an enterprise meet in one task and one state; they have " + each
                + ". Recreate them with one count (adding partitions to a topic moves existing keys).");
    }
}
