package org.parkwatch.deploy.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.parkwatch.deploy.admin.TopicSpec;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.replay.DeadLetterReplayer;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.topology.Topics.TopicRole;

/**
 * Compares the Strimzi resources of a rendered overlay with what the code defines: the topics {@code setup} would
 * create under the same configuration (names, partitions, replicas, settings, from {@link TopicSpec}), and the
 * topics, groups and transactional ids the users' ACLs name.
 */
final class TopicResources {

    private TopicResources() {
    }

    /** Every way the KafkaTopic resources differ from the topics of {@code config}; empty when they agree. */
    static List<String> topicDifferences(List<JsonNode> resources, ParkWatchConfig config) {
        Map<String, JsonNode> declared = new TreeMap<>();
        kind(resources, "KafkaTopic").forEach(topic -> declared.put(topicName(topic), topic.path("spec")));
        // The registry's own log is no topic of setup's; it is checked on its own.
        declared.remove(RegistrySettings.DEFAULT_TOPIC);
        Map<String, TopicRole> expected = new TreeMap<>(config.topicLayout().roles());
        List<String> differences = new ArrayList<>();
        Set<String> unexpected = new TreeSet<>(declared.keySet());
        unexpected.removeAll(expected.keySet());
        unexpected.forEach(name -> differences.add(name + ": a KafkaTopic for no topic of the code"));
        expected.forEach((name, role) -> {
            JsonNode spec = declared.get(name);
            if (spec == null) {
                differences.add(name + ": no KafkaTopic");
                return;
            }
            TopicSpec code = TopicSpec.forRole(role, config.topicLayout());
            if (spec.path("partitions").asInt() != code.partitions()) {
                differences.add(name + ": " + spec.path("partitions") + " partitions, setup creates " + code.partitions());
            }
            if (spec.path("replicas").asInt() != config.kafka().replicationFactor()) {
                differences.add(name + ": " + spec.path("replicas") + " replicas, parkwatch.replication.factor is "
                        + config.kafka().replicationFactor());
            }
            Map<String, String> settings = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            if (!settings.equals(new TreeMap<>(code.configs()))) {
                differences.add(name + ": settings " + settings + ", setup creates " + new TreeMap<>(code.configs()));
            }
        });
        return differences;
    }

    /** Every ACL of the KafkaUsers whose resource is none of ParkWatch's; empty when they all are. */
    static List<String> aclDifferences(List<JsonNode> resources, ParkWatchConfig config) {
        Set<String> topics = config.topicLayout().roles().keySet();
        String applicationId = config.kafka().applicationId();
        Set<String> topicPrefixes = Set.of(config.topicLayout().prefix() + ".", applicationId + "-");
        List<String> differences = new ArrayList<>();
        for (JsonNode user : kind(resources, "KafkaUser")) {
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String name = resource.path("name").asText();
                boolean prefix = resource.path("patternType").asText().equals("prefix");
                boolean known = switch (resource.path("type").asText()) {
                    case "topic" -> prefix ? topicPrefixes.contains(name)
                            : topics.contains(name) || name.equals(RegistrySettings.DEFAULT_TOPIC);
                    case "group" -> !prefix && name.equals(applicationId);
                    case "transactionalId" -> prefix ? name.equals(applicationId + "-")
                            : name.equals(DeadLetterReplayer.transactionalId(config.kafka()));
                    case "cluster" -> true;
                    default -> false;
                };
                if (!known) {
                    differences.add(user.path("metadata").path("name").asText() + ": " + resource);
                }
            }
        }
        return differences;
    }

    static List<JsonNode> kind(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    static String topicName(JsonNode topic) {
        JsonNode name = topic.path("spec").path("topicName");
        return name.isMissingNode() ? topic.path("metadata").path("name").asText() : name.asText();
    }
}
