package org.parkwatch.deploy.manifests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The environment a container of a rendered workload starts with, as Kubernetes builds it: its ConfigMaps
 * ({@code envFrom}), then its own variables, {@code $(NAME)} references expanded. Values Kubernetes fills in at run
 * time stand in as samples: a field reference by a pod name, a Secret's key by {@code secret:<name>/<key>}.
 */
final class PodEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private PodEnvironment() {
    }

    static Map<String, String> of(JsonNode container, List<JsonNode> resources, String namespace) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            JsonNode data = resources.stream().filter(r -> r.path("kind").asText().equals("ConfigMap"))
                    .filter(r -> r.path("metadata").path("name").asText().equals(configMap)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no ConfigMap " + configMap)).path("data");
            data.fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                environment.put(name, expand(variable.path("value").asText(), environment));
            } else {
                environment.put(name, sample(variable.path("valueFrom"), namespace));
            }
        }
        return environment;
    }

    private static String expand(String value, Map<String, String> defined) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(out, Matcher.quoteReplacement(
                    defined.getOrDefault(reference.group(1), reference.group())));
        }
        return reference.appendTail(out).toString();
    }

    private static String sample(JsonNode valueFrom, String namespace) {
        String field = valueFrom.path("fieldRef").path("fieldPath").asText();
        return switch (field) {
            case "metadata.name" -> "parkwatch-0";
            case "metadata.namespace" -> namespace;
            case "" -> "secret:" + valueFrom.path("secretKeyRef").path("name").asText() + "/"
                    + valueFrom.path("secretKeyRef").path("key").asText();
            default -> throw new IllegalArgumentException("no sample for field " + field);
        };
    }
}
