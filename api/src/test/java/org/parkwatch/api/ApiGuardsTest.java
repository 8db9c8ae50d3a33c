package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's guards, without Kafka: every path the OpenAPI description lists under /api and /internal refuses a
 * missing or wrong token; large bodies are refused; no error body carries a stack trace.
 */
class ApiGuardsTest {

    private static final String TOKEN = "the-right-token-0123456789";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path stateDir;

    private static KafkaStreams streams;
    private static ApiServer api;

    /** A client never started: no route can answer from stores, but every guard runs before a route does. */
    @BeforeAll
    static void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("unused");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "api-guards");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
        api = ApiServer.start(ApiSettings.local("127.0.0.1", 0).withToken(TOKEN), streams,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterAll
    static void stop() {
        api.close();
        streams.close();
    }

    private record Operation(String method, String path) {
    }

    /** Every operation of the OpenAPI description on a path under {@code prefixes}, path parameters filled in. */
    private static List<Operation> operationsUnder(String... prefixes) throws Exception {
        JsonNode paths;
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.yaml")) {
            paths = new YAMLMapper().readTree(in).get("paths");
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (List.of(prefixes).stream().noneMatch(path.getKey()::startsWith)) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operations.add(new Operation(method, path.getKey().replaceAll("\\{[^}]+}", "x")));
                }
            }
        }
        return operations;
    }

    private static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseEveryProtectedOperationOfTheOpenApiDescriptionWithoutTheRightToken() throws Exception {
        List<Operation> operations = operationsUnder("/api/", "/internal/");
        // the nine query paths (the report among them) and the three paths between instances
        assertThat(operations).hasSize(12);

        for (Operation op : operations) {
            HttpResponse<String> none = send(op.method(), op.path());
            HttpResponse<String> wrong = send(op.method(), op.path(), "Authorization", "Bearer not-" + TOKEN);
            HttpResponse<String> prefix = send(op.method(), op.path(), "Authorization",
                    "Bearer " + TOKEN.substring(0, TOKEN.length() - 1));
            HttpResponse<String> basic = send(op.method(), op.path(), "Authorization", "Basic " + TOKEN);
            for (HttpResponse<String> refused : List.of(none, wrong, prefix, basic)) {
                assertThat(refused.statusCode()).as(op + " " + refused.request().headers().map())
                        .isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).as(op.toString())
                        .hasValue("Bearer realm=\"parkwatch\"");
                assertThat(refused.body()).as(op.toString()).contains("\"status\":401");
            }
            // the right token passes the guard: whatever the route answers (stores not running), it is not 401
            assertThat(send(op.method(), op.path(), "Authorization", "Bearer " + TOKEN).statusCode())
                    .as(op.toString()).isNotEqualTo(401);
        }
    }

    @Test
    void shouldLeaveHealthMetricsAndTheDescriptionOpen() throws Exception {
        for (Operation op : operationsUnder("/health/", "/metrics", "/openapi.yaml")) {
            assertThat(send(op.method(), op.path()).statusCode()).as(op.toString()).isNotEqualTo(401);
        }
    }

    @Test
    void shouldRefuseARequestBodyLargerThanTheLimit() throws Exception {
        byte[] large = new byte[(int) ApiErrors.MAX_REQUEST_BYTES + 1];
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.port() + "/api/parks"))
                .header("Authorization", "Bearer " + TOKEN)
                .method("GET", HttpRequest.BodyPublishers.ofByteArray(large)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":413");
    }

    @Test
    void shouldRefuseAPageLargerThanTheLimit() throws Exception {
        HttpResponse<String> response = send("GET", "/api/enterprises?size=501", "Authorization", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("size must be at most 500");
    }

    @Test
    void shouldAnswerAFailingRouteWithoutItsStackTraceOrMessage() throws Exception {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("store /var/lib/parkwatch/secret at host-7 is gone");
            });
            ApiErrors.install(config.routes);
        }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/boom")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"status\":500,\"error\":\"Server Error\","
                    + "\"message\":\"internal error: IllegalStateException\"}");
        } finally {
            app.stop();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    @Test
    void shouldServeHttpsOnlyWithTheTokenStillRequiredAndForwardOverHttps() throws Exception {
        Path keyStore = stateDir.resolve("api.p12");
        Path cert = stateDir.resolve("api.pem");
        Path trustStore = stateDir.resolve("trust.p12");
        String pw = "api-keystore-secret";
        keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", pw);
        keytool("-exportcert", "-rfc", "-alias", "api", "-keystore", keyStore.toString(), "-storepass", pw,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "api", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", pw);
        ApiTls tls = new ApiTls(keyStore, pw, "PKCS12", java.util.Optional.of(trustStore), pw);

        try (ApiServer https = ApiServer.start(ApiSettings.local("127.0.0.1", 0).withToken(TOKEN).withTls(tls),
                streams, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(tls.peerContext()).build();
            URI parks = URI.create("https://127.0.0.1:" + https.port() + "/api/parks");

            assertThat(trusting.send(HttpRequest.newBuilder(parks).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(trusting.send(HttpRequest.newBuilder(parks).header("Authorization", "Bearer " + TOKEN).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isNotEqualTo(401);
            // no plain HTTP listener beside it
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + https.port() + "/api/parks")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()))).isInstanceOf(java.io.IOException.class);
            // another instance forwards to it over HTTPS, trusting the certificate of the trust store
            PeerClient.Answer forwarded = new PeerClient(java.util.Optional.of(TOKEN), java.util.Optional.of(tls))
                    .get(new org.apache.kafka.streams.state.HostInfo("127.0.0.1", https.port()), "/api/parks");
            assertThat(forwarded.status()).isNotEqualTo(401);
            assertThat(forwarded.body()).contains("\"status\"");
        }
    }
}
