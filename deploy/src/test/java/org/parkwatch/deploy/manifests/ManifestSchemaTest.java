package org.parkwatch.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every resource of every Kubernetes overlay, rendered by kustomize, is valid against the schema of its kind
 * (Kubernetes 1.33.0, Strimzi 1.2.0), and the Compose file is one Compose accepts.
 */
class ManifestSchemaTest {

    static final List<String> OVERLAYS = DeploymentFiles.OVERLAYS;

    private static ManifestSchemas schemas;

    @TempDir
    Path work;

    @BeforeAll
    static void loadSchemas() {
        schemas = ManifestSchemas.load();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldRenderEveryResourceOfTheOverlayValidAgainstItsSchema(String overlay) {
        List<JsonNode> resources = DeploymentFiles.renderedOverlay(overlay);

        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (JsonNode resource : resources) {
            List<String> found = schemas.problems(resource);
            if (!found.isEmpty()) {
                problems.put(resource.path("kind").asText() + " " + resource.path("metadata").path("name").asText(),
                        found);
            }
        }

        assertThat(problems).as(overlay).isEmpty();
        assertThat(resources).extracting(r -> r.path("kind").asText()).as(overlay)
                .contains("StatefulSet", "Service", "Ingress", "PodDisruptionBudget", "ConfigMap", "Job",
                        "KafkaTopic", "KafkaUser");
    }

    @Test
    void shouldRefuseAFieldTheSchemaDoesNotDefine() {
        // Guards the validation itself: a misspelt field deep in the pod template must be caught, not ignored.
        ObjectNode statefulSet = pipelineOf(DeploymentFiles.renderedOverlay("production")).deepCopy();
        ObjectNode container = (ObjectNode) statefulSet.path("spec").path("template").path("spec")
                .path("containers").path(0);
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertThat(schemas.problems(statefulSet)).singleElement().asString().contains("readinesProbe");
    }

    @Test
    void shouldRefuseAValueOfTheWrongTypeInAStrimziResource() {
        ObjectNode topic = DeploymentFiles.renderedOverlay("production").stream()
                .filter(r -> r.path("kind").asText().equals("KafkaTopic")).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitions", "six");

        assertThat(schemas.problems(topic)).singleElement().asString().contains("partitions");
    }

    @Test
    void shouldAcceptTheComposeFileAndRefuseABrokenOne() throws Exception {
        assertThat(DeploymentFiles.checkCompose(DeploymentFiles.COMPOSE).exitStatus()).isZero();

        Path broken = work.resolve("compose.yaml");
        Files.writeString(broken, Files.readString(DeploymentFiles.COMPOSE)
                .replace("condition: service_completed_successfully", "condition: service_finished"));
        DeploymentFiles.ToolResult result = DeploymentFiles.checkCompose(broken);
        assertThat(result.exitStatus()).isNotZero();
        assertThat(result.output()).contains("service_finished");
    }

    static JsonNode pipelineOf(List<JsonNode> resources) {
        return resources.stream().filter(r -> r.path("kind").asText().equals("StatefulSet"))
                .filter(r -> r.path("metadata").path("name").asText().equals("parkwatch")).findFirst().orElseThrow();
    }
}
