package org.parkwatch.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The deployment files under {@code deploy/} as their tools see them: Kubernetes overlays rendered by
 * {@code kubectl kustomize}, the Compose file resolved by {@code docker-compose config}. Both tools are installed by
 * {@code bin/test-setup}; neither needs a cluster or a container engine.
 */
final class DeploymentFiles {

    /** Tests run in the deploy module's directory. */
    static final Path K8S = Path.of("k8s");
    static final Path COMPOSE = Path.of("compose", "compose.yaml");
    static final List<String> OVERLAYS = List.of("dev", "production");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private DeploymentFiles() {
    }

    /**
     * Every resource of {@code deploy/k8s/overlays/<overlay>}, as kustomize renders it for {@code kubectl apply};
     * rendered once per test run, so callers that change a resource change a copy.
     */
    static List<JsonNode> renderedOverlay(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> List.copyOf(yamlDocuments(run(List.of("kubectl", "kustomize",
                K8S.resolve("overlays").resolve(o).toString()), Map.of()))));
    }

    /** The Compose file with its anchors, merges and variables resolved, as Compose itself reads it. */
    static JsonNode renderedCompose() {
        return yamlDocuments(run(List.of("docker-compose", "-f", COMPOSE.toString(), "config"),
                Map.of("PARKWATCH_API_AUTH_TOKEN", "compose-test-token"))).get(0);
    }

    /** The result of {@code docker-compose config -q} for a Compose file: its exit status and what it said. */
    static ToolResult checkCompose(Path file) {
        return execute(List.of("docker-compose", "-f", file.toString(), "config", "-q"),
                Map.of("PARKWATCH_API_AUTH_TOKEN", "compose-test-token"));
    }

    static List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(text)) {
            parser.setCodec(YAML);
            while (parser.nextToken() != null) {
                JsonNode document = parser.readValueAsTree();
                if (document instanceof ObjectNode) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record ToolResult(int exitStatus, String output) {
    }

    private static String run(List<String> command, Map<String, String> environment) {
        ToolResult result = execute(command, environment);
        if (result.exitStatus() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitStatus() + "): "
                    + result.output());
        }
        return result.output();
    }

    private static ToolResult execute(List<String> command, Map<String, String> environment) {
        Path errors = null;
        try {
            // Kept apart from the output: kustomize warns about spellings on stderr, and only stdout is YAML.
            errors = Files.createTempFile("deployment-tool", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            int status = process.exitValue();
            return new ToolResult(status, status == 0 ? output : output + Files.readString(errors));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0) + " (bin/test-setup installs it): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }
}
