package org.parkwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks one pipeline instance over its HTTP API whether it is ready and which subjects it answers for from its own
 * active tasks, the way a load balancer and a client would see it.
 */
final class RestoreProbe {

    /** An answer of /health/ready: the HTTP status (0 when nothing listens yet) and the streams state reported. */
    record Health(int status, String streams) {
        boolean ready() {
            return status == 200;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String base;

    RestoreProbe(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A free loopback port now, for an instance whose API must keep one known port across restarts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    Health health() {
        return get("/health/ready").map(r -> new Health(r.statusCode(), field(r.body(), "streams")))
                .orElse(new Health(0, "UNREACHABLE"));
    }

    /**
     * Ids of the subjects of a type ({@code ENTERPRISE}, {@code PARK}) whose open windows this instance holds in
     * its active tasks: without an advertised address the API answers from local stores only, and Kafka Streams
     * queries only active, fully restored stores. Empty while the stores cannot be queried.
     */
    Optional<Set<String>> heldSubjects(String subjectType) {
        Optional<HttpResponse<String>> answer = get("/internal/open-windows/" + subjectType);
        // A ready instance that keeps only standby replicas holds no active store: it cannot list, and holds none.
        if (answer.filter(r -> r.statusCode() == 503).isPresent() && health().ready()) {
            return Optional.of(Set.of());
        }
        return answer.filter(r -> r.statusCode() == 200).map(r -> {
            Set<String> ids = new TreeSet<>();
            try {
                Iterator<String> names = JSON.readTree(r.body()).fieldNames();
                names.forEachRemaining(ids::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Unexpected answer from " + base, e);
            }
            return ids;
        });
    }

    /**
     * Changelog records this instance's restore consumer has read so far (active restoration and standby updates),
     * summed over the per-topic meters of /metrics; empty when /metrics does not answer.
     */
    Optional<Double> changelogRecordsRead() {
        return get("/metrics").filter(r -> r.statusCode() == 200).map(r -> r.body().lines()
                .filter(l -> l.startsWith("kafka_consumer_fetch_manager_records_consumed_total{")
                        && l.contains("-restore-consumer\"") && l.contains("topic=\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
    }

    /** Standby tasks this instance keeps up to date, from /metrics (0 when it reports none). */
    double standbyTasks() {
        return get("/metrics").filter(r -> r.statusCode() == 200).map(r -> r.body().lines()
                .filter(l -> l.startsWith("kafka_stream_state_updater_standby_updating_tasks{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()).orElse(0.0);
    }

    private Optional<HttpResponse<String>> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            // Not listening yet, or going away: the caller keeps polling.
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String field(String body, String name) {
        try {
            JsonNode node = JSON.readTree(body).get(name);
            return node == null ? "?" : node.asText();
        } catch (IOException e) {
            return "?";
        }
    }
}
