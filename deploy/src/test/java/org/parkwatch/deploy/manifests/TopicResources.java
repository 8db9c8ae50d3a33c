package org.parkwatch.deploy.manifests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.parkwatch.deploy.acl.ParkWatchAcls;
import org.parkwatch.deploy.admin.TopicSpec;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.topology.Topics.TopicRole;

/**
 * Compares the Strimzi resources of a rendered overlay with what the code defines: the topics {@code setup} would
 * create under the same configuration (names, partitions, replicas, settings, from {@link TopicSpec}), and the
 * users' ACLs with those {@code parkwatch acls} grants.
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

    /**
     * How the KafkaUsers' ACLs differ from those {@code parkwatch acls} prints for the same principals
     * ({@link ParkWatchAcls}): every KafkaUser must be one of its principals, with exactly its ACLs. Empty when they
     * agree.
     */
    static List<String> aclDifferences(List<JsonNode> resources, ParkWatchConfig config) {
        Map<String, Set<String>> expected = new HashMap<>();
        for (ParkWatchAcls.Grant grant : ParkWatchAcls.of(config)) {
            Set<String> acls = expected.computeIfAbsent(grant.principal(), p -> new TreeSet<>());
            grant.bindings().forEach(b -> acls.add(acl(b.pattern().resourceType().name(), b.pattern().name(),
                    b.pattern().patternType().name(), b.entry().operation().name())));
        }
        List<String> differences = new ArrayList<>();
        for (JsonNode user : kind(resources, "KafkaUser")) {
            String principal = "User:" + user.path("metadata").path("name").asText();
            Set<String> declared = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String type = upperSnake(resource.path("type").asText());
                String name = type.equals("CLUSTER") ? "kafka-cluster" : resource.path("name").asText();
                String pattern = resource.path("patternType").asText("literal").equals("prefix") ? "PREFIXED"
                        : "LITERAL";
                acl.path("operations").forEach(op -> declared.add(acl(type, name, pattern, upperSnake(op.asText()))));
            }
            Set<String> wanted = expected.get(principal);
            if (wanted == null) {
                differences.add(principal + ": a KafkaUser that is no principal of parkwatch acls");
                continue;
            }
            wanted.stream().filter(a -> !declared.contains(a))
                    .forEach(a -> differences.add(principal + " lacks " + a));
            declared.stream().filter(a -> !wanted.contains(a))
                    .forEach(a -> differences.add(principal + " has more than parkwatch acls grants: " + a));
        }
        return differences;
    }

    private static String acl(String type, String name, String pattern, String operation) {
        return type + " " + pattern + " " + name + " " + operation;
    }

    /** Strimzi's {@code transactionalId}, {@code DescribeConfigs} as Kafka's TRANSACTIONAL_ID, DESCRIBE_CONFIGS. */
    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static List<JsonNode> kind(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    static String topicName(JsonNode topic) {
        JsonNode name = topic.path("spec").path("topicName");
        return name.isMissingNode() ? topic.path("metadata").path("name").asText() : name.asText();
    }
}
