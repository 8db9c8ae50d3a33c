package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.topology.StoreNames;

/**
 * Two instances of one pipeline; instance B is reached by A through a door in front of B's API that can answer
 * 503 for B's open alerts (as an instance does while its alert store cannot be queried, e.g. while it restores) or
 * be shut (B unreachable). An answer that would lack B's alerts is refused with 503 naming B, never given as "no
 * alerts": the enterprise list, one enterprise's status and the open alerts; and the dashboard, refused its data,
 * shows the statuses as unknown instead of the last colours it drew.
 *
 * <p>Each enterprise E{i} has one open WARNING alert A{i}, so every enterprise is WARNING while both answer.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PeerUnavailableIT {

    private static final int ENTERPRISES = 6;

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private PipelineFixture fixture;
    private Door doorToB;
    private HeadlessChromium browser;
    private PipelineFixture.Instance a;
    private PipelineFixture.Instance b;
    private int portA;
    private String bAsSeenByA;

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (doorToB != null) {
            doorToB.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldRefuseAnAnswerLackingTheAlertsOfAnInstanceThatDoesNotGiveThem() {
        startBothWithAnOpenAlertPerEnterprise();
        List<String> alertsHeldByB = new KafkaStreamsQueries(b.streams()).localOpenAlerts().stream()
                .map(Alert::getAlertId).toList();
        assertThat(alertsHeldByB).as("open alerts instance B holds").isNotEmpty().hasSizeLessThan(ENTERPRISES);
        String enterpriseOfAlertOnB = "E" + alertsHeldByB.get(0).substring(1);
        String enterpriseHeldByA = null;
        for (int i = 1; i <= ENTERPRISES && enterpriseHeldByA == null; i++) {
            HostInfo owner = a.streams().queryMetadataForKey(StoreNames.ENTERPRISE_WINDOWS, "E" + i,
                    Serdes.String().serializer()).activeHost();
            enterpriseHeldByA = owner.port() == portA ? "E" + i : null;
        }
        assertThat(enterpriseHeldByA).as("an enterprise whose totals instance A holds").isNotNull();

        // B gives its totals but answers 503 for its open alerts.
        doorToB.refuseOpenAlerts();
        for (String path : List.of("/api/enterprises", "/api/enterprises?size=500&page=0",
                "/api/enterprises/" + enterpriseHeldByA, "/api/alerts", "/api/alerts?state=OPEN&enterprise="
                        + enterpriseOfAlertOnB)) {
            assertIncompleteWithout(Http.get(a.url() + path), bAsSeenByA, "503", path);
        }

        // B cannot be reached at all.
        doorToB.close();
        for (String path : List.of("/api/enterprises", "/api/alerts", "/api/alerts?state=ALL")) {
            assertIncompleteWithout(Http.get(a.url() + path), bAsSeenByA, "cannot be reached", path);
        }
    }

    @Test
    void shouldShowStatusesUnknownOnTheDashboardRatherThanTheLastColours() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY),
                "Skipped: /usr/bin/chromium is absent; run bin/test-setup to install Debian's chromium");
        startBothWithAnOpenAlertPerEnterprise();
        browser = HeadlessChromium.start(1400, 1250);
        browser.navigate(a.url() + "/");
        String statuses = "Array.from(document.querySelectorAll('#enterprises-body .status'))"
                + ".map(s => s.innerText).join(',')";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text(statuses)).isEqualTo(String.join(",", java.util.Collections.nCopies(ENTERPRISES,
                    "WARNING")));
            assertThat(browser.text("document.querySelector('#alert-count').innerText"))
                    .isEqualTo(String.valueOf(ENTERPRISES));
        });

        doorToB.refuseOpenAlerts();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text(statuses)).isEqualTo(String.join(",", java.util.Collections.nCopies(ENTERPRISES,
                    "UNKNOWN")));
            assertThat(browser.text("document.querySelector('#alert-count').innerText")).isEqualTo("?");
            assertThat(browser.text("document.querySelectorAll('#alerts-body tr').length")).isEqualTo("0");
            assertThat(browser.text("document.querySelector('#error').innerText")).contains("incomplete", bAsSeenByA);
        });
    }

    /** A and B running, B reached through the door; every enterprise has a reading and one open WARNING alert. */
    private void startBothWithAnOpenAlertPerEnterprise() {
        fixture = new PipelineFixture();
        List<org.parkwatch.avro.Enterprise> enterprises = new ArrayList<>();
        for (int i = 1; i <= ENTERPRISES; i++) {
            enterprises.add(PipelineFixture.enterprise("E" + i, "park-a", GridRegion.EAST));
        }
        fixture.publishEnterprises(enterprises);
        fixture.publishDefaultFactors(f -> false);
        portA = freePort();
        int portB = freePort();
        int doorPort = freePort();
        String app = fixture.newApplicationId();
        a = fixture.start(app, stateA, ApiSettings.local("127.0.0.1", portA).advertisedAs("127.0.0.1", portA));
        b = fixture.start(app, stateB, ApiSettings.local("127.0.0.1", portB).advertisedAs("127.0.0.1", doorPort));
        doorToB = Door.open(doorPort, portB);
        bAsSeenByA = "127.0.0.1:" + doorPort;
        await().atMost(Duration.ofSeconds(120)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                && b.streams().state() == KafkaStreams.State.RUNNING && hasActiveTasks(a) && hasActiveTasks(b));

        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant t0 = Duration.between(hour, now).toMinutes() < 5 ? hour.minus(1, ChronoUnit.HOURS) : hour;
        for (int i = 1; i <= ENTERPRISES; i++) {
            fixture.sendElectricity("E" + i + "-r1", "E" + i, 100.0 * i, t0.plusSeconds(60));
            fixture.sendAlert(PipelineFixture.alert("A" + i, "E" + i, "park-a", AlertSeverity.WARNING,
                    AlertState.OPEN, t0.plusSeconds(60), t0.plusSeconds(60 + i)));
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode list = Http.getJson(a.url() + "/api/enterprises");
            assertThat(list.get("items").size()).isEqualTo(ENTERPRISES);
            list.get("items").forEach(e -> assertThat(e.get("status").asText()).as(e.toString()).isEqualTo("WARNING"));
        });
    }

    private static void assertIncompleteWithout(HttpResponse<String> response, String instance, String why,
                                                String path) {
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
        JsonNode error = Http.json(response);
        assertThat(error.get("status").asInt()).isEqualTo(503);
        assertThat(error.get("message").asText()).as(path).contains("incomplete", instance, why);
        assertThat(error.get("unavailableInstances")).as(path).isNotNull();
        assertThat(error.get("unavailableInstances")).extracting(JsonNode::asText).as(path).containsExactly(instance);
    }

    private static boolean hasActiveTasks(PipelineFixture.Instance instance) {
        return instance.streams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks).anyMatch(tasks -> !tasks.isEmpty());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The address other instances reach B at: passes requests through to B's API, unless told to answer B's open
     * alerts with the 503 an instance gives while its alert store cannot be queried.
     */
    private static final class Door implements AutoCloseable {
        private static final String STORE_UNAVAILABLE = "{\"status\":503,\"error\":\"Service Unavailable\","
                + "\"message\":\"state store 'enterprise-open-alerts' cannot be queried now (pipeline REBALANCING);"
                + " retry shortly\"}";

        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final int target;
        private volatile boolean refuseOpenAlerts;
        private boolean closed;

        private Door(HttpServer server, int target) {
            this.server = server;
            this.target = target;
        }

        static Door open(int port, int target) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                Door door = new Door(server, target);
                server.createContext("/", door::handle);
                server.start();
                return door;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void refuseOpenAlerts() {
            refuseOpenAlerts = true;
        }

        private void handle(HttpExchange exchange) throws IOException {
            int status;
            byte[] body;
            if (refuseOpenAlerts && exchange.getRequestURI().getPath().equals("/internal/open-alerts")) {
                status = 503;
                body = STORE_UNAVAILABLE.getBytes(StandardCharsets.UTF_8);
            } else {
                HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + target + exchange.getRequestURI())).GET();
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (name.equalsIgnoreCase(PeerClient.FORWARDED_HEADER) || name.equalsIgnoreCase("Authorization")) {
                        values.forEach(v -> request.header(name, v));
                    }
                });
                try {
                    HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                server.stop(0);
            }
        }
    }
}
