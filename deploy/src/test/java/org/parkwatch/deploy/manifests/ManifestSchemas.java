package org.parkwatch.deploy.manifests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * JSON schemas of the resource kinds ParkWatch's manifests use, from the schemas vendored under
 * {@code deploy/k8s/schemas}: Kubernetes 1.33.0's own OpenAPI definitions, and the CustomResourceDefinitions of
 * Strimzi 1.2.0 (KafkaTopic, KafkaUser). Both are made strict the way the API server's strict field validation is:
 * a field the schema does not define is an error (except where a CRD preserves unknown fields, as KafkaTopic's
 * {@code config} does), and int-or-string and quantity fields take either form.
 */
final class ManifestSchemas {

    static final Path SCHEMAS = DeploymentFiles.K8S.resolve("schemas");
    private static final String DEFINITIONS = "#/definitions/";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode definitions;
    private final Map<String, JsonNode> crdSchemas = new HashMap<>();
    private final Map<String, String> definitionOfKind = new HashMap<>();
    private final Map<String, Schema> schemas = new HashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private ManifestSchemas(ObjectNode definitions) {
        this.definitions = definitions;
    }

    static ManifestSchemas load() {
        JsonNode upstream = DeploymentFiles.json(SCHEMAS.resolve("kubernetes-1.33.0-definitions.json"))
                .get("definitions");
        ObjectNode strict = NODES.objectNode();
        upstream.fields().forEachRemaining(entry -> strict.set(entry.getKey(),
                specialType(entry.getKey()).orElseGet(() -> strict(entry.getValue()))));
        ManifestSchemas schemas = new ManifestSchemas(strict);
        upstream.fields().forEachRemaining(entry -> entry.getValue().path("x-kubernetes-group-version-kind")
                .forEach(gvk -> schemas.definitionOfKind.put(key(apiVersion(gvk.path("group").asText(),
                        gvk.path("version").asText()), gvk.path("kind").asText()), entry.getKey())));
        for (String crd : List.of("strimzi-1.2.0-043-Crd-kafkatopic.yaml", "strimzi-1.2.0-044-Crd-kafkauser.yaml")) {
            schemas.addCustomResource(DeploymentFiles.yaml(SCHEMAS.resolve(crd)));
        }
        return schemas;
    }

    /**
     * What is wrong with a resource against the schema of its apiVersion and kind; empty when it is valid.
     *
     * @throws IllegalArgumentException for a kind no vendored schema describes
     */
    List<String> problems(JsonNode resource) {
        String key = key(resource.path("apiVersion").asText(), resource.path("kind").asText());
        Schema schema = schemas.computeIfAbsent(key, this::schemaOf);
        return schema.validate(resource).stream().map(Object::toString).toList();
    }

    private Schema schemaOf(String key) {
        ObjectNode root = NODES.objectNode();
        root.set("definitions", definitions);
        String[] apiVersionAndKind = key.split(" ");
        ObjectNode identity = root.putObject("properties");
        identity.putObject("apiVersion").putArray("enum").add(apiVersionAndKind[0]);
        identity.putObject("kind").putArray("enum").add(apiVersionAndKind[1]);
        identity.putObject("metadata").putArray("required").add("name");
        root.putArray("required").add("apiVersion").add("kind").add("metadata");
        if (definitionOfKind.containsKey(key)) {
            root.putArray("allOf").addObject().put("$ref", DEFINITIONS + definitionOfKind.get(key));
        } else if (crdSchemas.containsKey(key)) {
            root.putArray("allOf").add(crdSchemas.get(key));
        } else {
            throw new IllegalArgumentException("No vendored schema describes " + key);
        }
        return registry.getSchema(root);
    }

    private void addCustomResource(JsonNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean()) {
                ObjectNode schema = strict(version.path("schema").path("openAPIV3Schema"));
                // A CRD's schema leaves metadata open; the API server checks it as any object's metadata.
                ((ObjectNode) schema.path("properties")).putObject("metadata").put("$ref", DEFINITIONS + OBJECT_META);
                crdSchemas.put(key(apiVersion(group, version.path("name").asText()), kind), schema);
            }
        }
    }

    /** Kubernetes' own types whose JSON form the OpenAPI document gives only as a string. */
    private static Optional<ObjectNode> specialType(String definition) {
        return switch (definition) {
            case "io.k8s.apimachinery.pkg.util.intstr.IntOrString" -> Optional.of(either("string", "integer"));
            case "io.k8s.apimachinery.pkg.api.resource.Quantity" -> Optional.of(either("string", "number"));
            default -> Optional.empty();
        };
    }

    /** A copy of an OpenAPI schema as JSON Schema draft 4, refusing fields it does not define. */
    private static ObjectNode strict(JsonNode openApi) {
        ObjectNode copy = NODES.objectNode();
        boolean preserveUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if (openApi.path("x-kubernetes-int-or-string").asBoolean()) {
            return either("string", "integer");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = openApi.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("x-kubernetes-") || name.equals("description") || name.equals("nullable")) {
                continue;
            }
            switch (name) {
                case "properties" -> {
                    ObjectNode properties = copy.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), strict(p.getValue())));
                }
                case "items", "additionalProperties" -> copy.set(name, value.isObject() ? strict(value) : value);
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode alternatives = copy.putArray(name);
                    value.forEach(alternative -> alternatives.add(strict(alternative)));
                }
                default -> copy.set(name, value.deepCopy());
            }
        }
        if (copy.has("properties") && !copy.has("additionalProperties") && !preserveUnknown) {
            copy.put("additionalProperties", false);
        }
        return copy;
    }

    private static ObjectNode either(String type, String otherType) {
        ObjectNode schema = NODES.objectNode();
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.addObject().put("type", type);
        anyOf.addObject().put("type", otherType);
        return schema;
    }

    private static String apiVersion(String group, String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
