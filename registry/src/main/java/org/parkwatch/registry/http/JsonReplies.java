package org.parkwatch.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parkwatch.registry.state.RegistryException;

/** Writes answers in the registry's content type, and errors in Confluent's {@code error_code} shape. */
final class JsonReplies {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Marks a request this API answered itself, so the catch-all 404 leaves its body alone. */
    static final String ANSWERED = "parkwatch.registry.answered";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReplies() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static void ok(Context ctx, Object body) {
        reply(ctx, 200, body);
    }

    static void error(Context ctx, RegistryException e) {
        error(ctx, e.errorCode().httpStatus(), e.errorCode().code(), e.getMessage());
    }

    static void error(Context ctx, int httpStatus, int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        reply(ctx, httpStatus, body);
    }

    private static void reply(Context ctx, int status, Object body) {
        try {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write response", e);
        }
    }
}
