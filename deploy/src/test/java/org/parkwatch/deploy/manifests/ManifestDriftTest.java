package org.parkwatch.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.registry.RegistryMain;
import org.parkwatch.registry.RegistrySettings;

/**
 * The deployment files and the code cannot drift apart: the PARKWATCH_* variables of every pod and Compose service
 * are loaded by ParkWatch's own {@link ConfigLoader} (a renamed or misspelt key fails), the Strimzi topics equal
 * what {@code setup} creates under that configuration (a renamed topic or a changed setting fails), the users' ACLs
 * name ParkWatch's topics, group and transactional ids, and the pods keep their state on their volume, advertise
 * their own name, and are probed on the health endpoints of the API.
 */
class ManifestDriftTest {

    static final List<String> OVERLAYS = DeploymentFiles.OVERLAYS;
    private static final String PARKWATCH_IMAGE = "parkwatch/parkwatch";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldDeclareTheTopicsSetupCreatesWithTheirSettings(String overlay) {
        List<JsonNode> resources = DeploymentFiles.renderedOverlay(overlay);
        ParkWatchConfig config = configOf(resources, "StatefulSet", "parkwatch", "pipeline");

        assertThat(TopicResources.topicDifferences(resources, config)).as(overlay).isEmpty();
        assertThat(TopicResources.kind(resources, "KafkaTopic")).as(overlay)
                .hasSize(config.topicLayout().roles().size() + (overlay.equals("dev") ? 1 : 0));
        assertThat(TopicResources.aclDifferences(resources, config)).as(overlay).isEmpty();
        // The parties deployed here each have their user, and so does the operator who replays dead letters.
        assertThat(TopicResources.kind(resources, "KafkaUser")).extracting(u -> u.path("metadata").path("name").asText())
                .as(overlay).containsExactlyInAnyOrder("parkwatch-pipeline", "parkwatch-setup", "parkwatch-gateway",
                        "parkwatch-replay");
    }

    @Test
    void shouldFindAKafkaUserWhoseAclsDifferFromTheAclsCommand() {
        // Guards the comparison itself: a grant more, and one less, than `parkwatch acls` prints are both reported.
        List<JsonNode> resources = DeploymentFiles.renderedOverlay("production");
        ParkWatchConfig config = configOf(resources, "StatefulSet", "parkwatch", "pipeline");
        List<JsonNode> changed = new ArrayList<>();
        for (JsonNode resource : resources) {
            JsonNode copy = resource.deepCopy();
            if (copy.path("kind").asText().equals("KafkaUser")
                    && copy.path("metadata").path("name").asText().equals("parkwatch-gateway")) {
                ArrayNode acls = (ArrayNode) copy.path("spec").path("authorization").path("acls");
                acls.remove(0); // Read on park.devices
                ObjectNode factors = acls.addObject();
                factors.putObject("resource").put("type", "topic").put("name", "park.emission-factors")
                        .put("patternType", "literal");
                factors.putArray("operations").add("Write");
            }
            changed.add(copy);
        }

        assertThat(TopicResources.aclDifferences(changed, config)).containsExactlyInAnyOrder(
                "User:parkwatch-gateway lacks TOPIC LITERAL park.devices READ",
                "User:parkwatch-gateway has more than parkwatch acls grants: TOPIC LITERAL park.emission-factors WRITE");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldConfigureThePipelineAndSetupWithKeysTheCodeDefines(String overlay) {
        List<JsonNode> resources = DeploymentFiles.renderedOverlay(overlay);
        ParkWatchConfig pipeline = configOf(resources, "StatefulSet", "parkwatch", "pipeline");
        ParkWatchConfig setup = configOf(resources, "Job", "parkwatch-setup", "setup");

        // Both see the same cluster and topics, so setup prepares what the pipeline reads.
        assertThat(setup.topicLayout()).isEqualTo(pipeline.topicLayout());
        assertThat(setup.kafka().bootstrapServers()).isEqualTo(pipeline.kafka().bootstrapServers());
        // Each with its own Kafka user, otherwise alike.
        assertThat(setup.kafka().clientOverrides()).containsEntry("sasl.jaas.config",
                "secret:parkwatch-setup/sasl.jaas.config");
        assertThat(pipeline.kafka().clientOverrides()).containsEntry("sasl.jaas.config",
                "secret:parkwatch-pipeline/sasl.jaas.config");
        assertThat(withoutCredentials(setup)).isEqualTo(withoutCredentials(pipeline));
        assertThat(pipeline.kafka().clientOverrides()).containsKeys("security.protocol", "sasl.mechanism",
                "sasl.jaas.config", "ssl.truststore.location");
        assertThat(pipeline.api().requiredToken()).isPresent();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldKeepStateOnThePodsVolumeAndAdvertiseThePodsOwnName(String overlay) throws IOException {
        List<JsonNode> resources = DeploymentFiles.renderedOverlay(overlay);
        JsonNode statefulSet = workload(resources, "StatefulSet", "parkwatch");
        JsonNode container = container(statefulSet, "pipeline");
        ParkWatchConfig config = configOf(resources, "StatefulSet", "parkwatch", "pipeline");

        String claim = statefulSet.path("spec").path("volumeClaimTemplates").path(0).path("metadata").path("name")
                .asText();
        Path mount = mountPathOf(container, claim);
        assertThat(config.kafka().stateDir()).startsWithRaw(mount);

        String headless = statefulSet.path("spec").path("serviceName").asText();
        JsonNode service = workload(resources, "Service", headless);
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(config.api().advertisedHost())
                .isEqualTo("parkwatch-0." + headless + "." + statefulSet.path("metadata").path("namespace").asText()
                        + ".svc");

        JsonNode port = container.path("ports").path(0);
        assertThat(port.path("containerPort").asInt()).isEqualTo(config.api().port());
        List<String> healthPaths = openApiPaths().stream().filter(p -> p.startsWith("/health/")).toList();
        assertThat(List.of(container.path("livenessProbe"), container.path("readinessProbe"),
                container.path("startupProbe"))).allSatisfy(probe -> {
                    assertThat(probe.path("httpGet").path("port").asText()).isEqualTo(port.path("name").asText());
                    assertThat(healthPaths).contains(probe.path("httpGet").path("path").asText());
                });
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
    }

    @Test
    void shouldConfigureEveryComposeServiceOfTheImageWithKeysTheCodeDefines() {
        JsonNode services = DeploymentFiles.renderedCompose().path("services");
        List<String> pipelines = new ArrayList<>();

        services.fields().forEachRemaining(entry -> {
            JsonNode service = entry.getValue();
            if (!service.path("image").asText().contains(PARKWATCH_IMAGE) || service.has("entrypoint")) {
                return;
            }
            Map<String, String> environment = new HashMap<>();
            service.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
            ParkWatchConfig config = new ConfigLoader(environment).load(Optional.empty(), Map.of());
            if (service.path("command").path(0).asText().equals("pipeline")) {
                pipelines.add(entry.getKey());
                assertThat(config.api().advertisedHost()).as(entry.getKey()).isEqualTo(entry.getKey())
                        .isEqualTo(service.path("hostname").asText());
                assertThat(service.path("volumes")).as(entry.getKey()).anySatisfy(volume ->
                        assertThat(config.kafka().stateDir()).startsWithRaw(volumeTarget(volume)));
                assertThat(config.registry().clientSettings().urls()).extracting(Object::toString)
                        .containsExactly("http://registry:" + RegistrySettings.DEFAULT_PORT);
            }
        });

        assertThat(pipelines).hasSizeGreaterThan(1);
        JsonNode prometheus = DeploymentFiles.yaml(DeploymentFiles.COMPOSE.resolveSibling("prometheus.yml"));
        assertThat(prometheus.path("scrape_configs").path(0).path("static_configs").path(0).path("targets"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(pipelines.stream().map(p -> p + ":8080").toList());
    }

    @Test
    void shouldStartTheRegistryWithACommandLineItAccepts() {
        JsonNode compose = DeploymentFiles.renderedCompose().path("services").path("registry").path("command");
        List<String> composeArgs = new ArrayList<>();
        compose.forEach(a -> composeArgs.add(a.asText()));
        assertThat(composeArgs).isNotEmpty();
        RegistryMain.checkCommandLine(composeArgs);

        JsonNode devRegistry = DeploymentFiles.renderedOverlay("dev").stream()
                .filter(r -> r.path("kind").asText().equals("Deployment")
                        && r.path("metadata").path("name").asText().equals("parkwatch-registry"))
                .findFirst().orElseThrow();
        List<String> podArgs = new ArrayList<>();
        devRegistry.path("spec").path("template").path("spec").path("containers").path(0).path("args")
                .forEach(a -> podArgs.add(a.asText()));
        assertThat(podArgs).isNotEmpty();
        RegistryMain.checkCommandLine(podArgs);
    }

    @Test
    void shouldReportATopicRenamedOrSetDifferentlyInTheManifests() {
        // Guards the comparison itself, with the production overlay changed the two ways drift happens.
        List<JsonNode> resources = new ArrayList<>();
        DeploymentFiles.renderedOverlay("production").forEach(r -> resources.add(r.deepCopy()));
        ParkWatchConfig config = configOf(resources, "StatefulSet", "parkwatch", "pipeline");
        ((ObjectNode) topic(resources, "park.meter-readings").path("spec")).put("topicName", "park.meter-reading");
        ((ObjectNode) topic(resources, "park.dead-letters").path("spec").path("config"))
                .put("cleanup.policy", "compact");

        assertThat(TopicResources.topicDifferences(resources, config)).containsExactlyInAnyOrder(
                "park.meter-reading: a KafkaTopic for no topic of the code",
                "park.meter-readings: no KafkaTopic",
                "park.dead-letters: settings {cleanup.policy=compact, max.message.bytes=4194304, "
                        + "message.timestamp.type=LogAppendTime, retention.ms=2592000000}, setup creates "
                        + "{cleanup.policy=delete, max.message.bytes=4194304, message.timestamp.type=LogAppendTime, "
                        + "retention.ms=2592000000}");
    }

    @Test
    void shouldRefuseAVariableThatNamesNoConfigurationKey() {
        // What a renamed key does to the manifests: their variable no longer names a key, and loading stops.
        Map<String, String> environment = Map.of(ConfigLoader.environmentVariableOf(KafkaConnection.STATE_DIR)
                .replace("STATE_DIR", "STATE_DIRECTORY"), "/var/lib/parkwatch/streams");

        assertThatThrownBy(() -> new ConfigLoader(environment).load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARKWATCH_STATE_DIRECTORY");
    }

    private static JsonNode topic(List<JsonNode> resources, String name) {
        return TopicResources.kind(resources, "KafkaTopic").stream()
                .filter(t -> TopicResources.topicName(t).equals(name)).findFirst().orElseThrow();
    }

    /** Where a Compose volume is mounted: {@code target} in the long form, the part after the first ':' in the short. */
    private static Path volumeTarget(JsonNode volume) {
        return Path.of(volume.isTextual() ? volume.asText().split(":")[1] : volume.path("target").asText());
    }

    private static Map<String, String> withoutCredentials(ParkWatchConfig config) {
        Map<String, String> overrides = new HashMap<>(config.kafka().clientOverrides());
        overrides.remove("sasl.jaas.config");
        return overrides;
    }

    static ParkWatchConfig configOf(List<JsonNode> resources, String kind, String name, String containerName) {
        JsonNode workload = workload(resources, kind, name);
        Map<String, String> environment = PodEnvironment.of(container(workload, containerName), resources,
                workload.path("metadata").path("namespace").asText());
        return new ConfigLoader(environment).load(Optional.empty(), Map.of());
    }

    private static JsonNode workload(List<JsonNode> resources, String kind, String name) {
        return TopicResources.kind(resources, kind).stream()
                .filter(r -> r.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static JsonNode container(JsonNode workload, String name) {
        for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals(name)) {
                return container;
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static Path mountPathOf(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return Path.of(mount.path("mountPath").asText());
            }
        }
        throw new AssertionError("volume " + volume + " is not mounted");
    }

    /** The paths of the API's own description, served at /openapi.yaml. */
    private static List<String> openApiPaths() throws IOException {
        try (InputStream in = ManifestDriftTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml of the api module").isNotNull();
            List<String> paths = new ArrayList<>();
            new ObjectMapper(new YAMLFactory()).readTree(in).path("paths").fieldNames().forEachRemaining(paths::add);
            return paths;
        }
    }
}
