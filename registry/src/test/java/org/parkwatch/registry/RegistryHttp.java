package org.parkwatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** A plain HTTP client for the registry's REST API, as any client would call it. */
final class RegistryHttp {

    static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RegistryHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One answer: status, content type, raw body and the body parsed as JSON. */
    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }
    }

    /** {@code {"schema": schema}} as JSON text. */
    static String schemaBody(String schema) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("schema", schema);
        return body.toString();
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply post(String path, String body) {
        return post(path, body, REGISTRY_JSON);
    }

    Reply post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", REGISTRY_JSON)
                .PUT(BodyPublishers.ofString(body)));
    }

    /** Registers a schema and returns the id, failing on any other answer. */
    int register(String subject, String schema) {
        Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema));
        if (reply.status() != 200) {
            throw new AssertionError("Registering under " + subject + " answered " + reply);
        }
        return reply.json().get("id").asInt();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
