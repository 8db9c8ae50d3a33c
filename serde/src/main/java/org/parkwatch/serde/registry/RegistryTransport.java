package org.parkwatch.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one JSON request to the registry, trying each base URL in turn when one cannot be reached, and turns error
 * answers into {@link RegistryException}.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    // The Accept header Confluent's own client sends, so content negotiation behaves the same.
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, "
            + "application/json; qs=0.5";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);

    private final ObjectMapper json;
    private final HttpClient http;
    private final List<URI> baseUrls;
    private final String authorization;
    private final RegistryClientSettings settings;
    // Starts each request at the URL that answered last, so a dead first URL costs one timeout, not one per call.
    private final AtomicInteger preferredUrl = new AtomicInteger();

    RegistryTransport(RegistryClientSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.baseUrls = settings.urls();
        this.authorization = settings.basicAuthUserInfo()
                .map(userInfo -> "Basic " + Base64.getEncoder().encodeToString(
                        userInfo.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(SslContexts.forSettings(settings))
                .build();
    }

    /** Encodes one path segment such as a subject name. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        byte[] payload = body == null ? null : write(body);
        int first = preferredUrl.get();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < baseUrls.size(); attempt++) {
            int index = (first + attempt) % baseUrls.size();
            URI url = URI.create(baseUrls.get(index) + path);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request(method, url, payload), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("interrupted calling " + url));
            } catch (IOException e) {
                LOG.warn("Schema registry {} unreachable for {} {}: {}", baseUrls.get(index), method, path,
                        e.toString());
                if (lastFailure != null) {
                    e.addSuppressed(lastFailure);
                }
                lastFailure = e;
                continue;
            }
            preferredUrl.set(index);
            return answer(method, url, response);
        }
        throw new UncheckedIOException("no schema registry reachable at " + baseUrls + " for " + method + " "
                + path, lastFailure);
    }

    private HttpRequest request(String method, URI url, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (payload == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        return builder.build();
    }

    private JsonNode answer(String method, URI url, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new RegistryException(status, status,
                        "unreadable answer to " + method + " " + url + ": " + e.getMessage());
            }
        }
        throw error(status, response.body(), method + " " + url);
    }

    private RegistryException error(int status, byte[] body, String call) {
        // Confluent's error body is {"error_code": 40403, "message": "..."}; proxies may answer with anything.
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("error_code")) {
                return new RegistryException(status, node.get("error_code").asInt(),
                        node.path("message").asText("") + " [" + call + "]");
            }
        } catch (IOException e) {
            LOG.debug("Error body of {} is not JSON", call, e);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        return new RegistryException(status, status, (text.isEmpty() ? "no error body" : text) + " [" + call + "]");
    }

    private byte[] write(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
