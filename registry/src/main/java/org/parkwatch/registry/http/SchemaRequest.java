package org.parkwatch.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.parkwatch.registry.state.ErrorCode;
import org.parkwatch.registry.state.RegistryException;

/**
 * The schema in a request body, {@code {"schema": "...", "schemaType": "AVRO", "references": []}}, read
 * whatever content type the client declared, as Confluent does.
 */
final class SchemaRequest {

    private SchemaRequest() {
    }

    /**
     * The schema text of the body.
     *
     * @throws RegistryException 42201 for a missing schema, another schema type or schema references
     * @throws MalformedBodyException when the body is not a JSON object
     */
    static String schemaText(String body) {
        JsonNode json = object(body);
        JsonNode type = json.path("schemaType");
        if (!type.isMissingNode() && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA,
                    "Invalid schema type " + type.asText() + "; this registry supports AVRO only");
        }
        JsonNode references = json.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Schema references are not supported");
        }
        JsonNode schema = json.path("schema");
        if (!schema.isTextual() || schema.asText().isBlank()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Empty schema");
        }
        return schema.asText();
    }

    /** The {@code compatibility} field of a config body, or {@code null} when absent. */
    static String compatibility(String body) {
        JsonNode level = object(body).path("compatibility");
        return level.isTextual() ? level.asText() : null;
    }

    private static JsonNode object(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JsonReplies.mapper().readTree(body);
            if (json == null || !json.isObject()) {
                throw new MalformedBodyException("The request body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("Malformed JSON request body: " + e.getOriginalMessage());
        }
    }

    /** A body that is not JSON at all, answered with 400 as Confluent does. */
    static final class MalformedBodyException extends RuntimeException {
        MalformedBodyException(String message) {
            super(message);
        }
    }
}
