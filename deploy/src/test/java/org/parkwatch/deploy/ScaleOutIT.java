package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;

/**
 * Scale-out as a platform runs it: three pipeline processes of one application share six partitions, a fourth
 * joins and one of the first three leaves (SIGTERM) while events keep arriving, and then every instance answers
 * every query (the enterprises it does not hold by forwarding to the one that does) with totals equal to the sums
 * computed here from the inputs, and the ledger holds every entry once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.extension.ExtendWith(OneAtATime.class)
class ScaleOutIT {

    private static final String PREFIX = "scale";
    private static final String APPLICATION_ID = "scale-out-it";
    private static final String PARK = "park-scale";
    private static final List<String> ENTERPRISES =
            List.of("E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E11", "E12");
    /** Events sent after the last change of instances, at about 100 a second like the rest. */
    private static final int LAST_STRETCH = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KafkaStack kafka;

    @TempDir
    static Path work;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldAnswerEveryQueryFromAnyInstanceWithExactTotalsWhileInstancesJoinAndLeave() throws Exception {
        Map<String, String> shared = Map.ofEntries(
                Map.entry("parkwatch.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("parkwatch.schema.registry.url", kafka.registryUrl()),
                Map.entry("parkwatch.application.id", APPLICATION_ID),
                Map.entry("parkwatch.topic.prefix", PREFIX),
                Map.entry("parkwatch.topic.partitions", "6"),
                Map.entry("parkwatch.api.auth.required", "false"),
                Map.entry("parkwatch.api.advertised.host", "127.0.0.1"),
                // every event is accepted whatever the arrival order: this test is about instances, not lateness
                Map.entry("parkwatch.grace.ms", String.valueOf(Duration.ofDays(2).toMillis())),
                // four JVMs on a small machine: a small RocksDB budget and record cache each
                Map.entry("parkwatch.rocksdb.block.cache.bytes", String.valueOf(64L << 20)),
                Map.entry("parkwatch.rocksdb.write.buffer.bytes", String.valueOf(32L << 20)),
                Map.entry("parkwatch.statestore.cache.bytes", String.valueOf(8L << 20)));
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), shared);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        Map<String, long[]> expected = new LinkedHashMap<>();
        ENTERPRISES.forEach(id -> expected.put(id, new long[5]));
        publishReferenceData(topics);

        Map<String, PipelineProcess> running = new LinkedHashMap<>();
        Map<String, String> apis = new HashMap<>();
        try {
            for (String name : List.of("a", "b", "c")) {
                start(name, shared, running, apis);
            }
            awaitReady(apis, running.keySet());

            // Events keep arriving while an instance joins and another leaves; the sender stops only once both
            // changes are done, and after a last stretch of events.
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean changesDone = new AtomicBoolean();
            CompletableFuture<Void> load = CompletableFuture.runAsync(
                    () -> sendEvents(topics, expected, sent, changesDone));
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 300);
            int beforeJoin = sent.get();
            start("d", shared, running, apis);
            awaitReady(apis, List.of("d"));
            int beforeLeave = sent.get();
            running.remove("a").close();
            apis.remove("a");
            int afterLeave = sent.get();
            changesDone.set(true);
            load.get(120, TimeUnit.SECONDS);
            // events arrived while d joined and while a left, or this test would prove nothing
            assertThat(List.of(beforeJoin, beforeLeave, afterLeave, sent.get())).isSorted().doesNotHaveDuplicates();
            awaitReady(apis, running.keySet());

            long[] park = new long[5];
            expected.values().forEach(sums -> {
                for (int i = 0; i < park.length; i++) {
                    park[i] += sums[i];
                }
            });
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (String instance : running.keySet()) {
                    String api = apis.get(instance);
                    for (String enterprise : ENTERPRISES) {
                        assertThat(yearToDate(getJson(api + "/api/enterprises/" + enterprise)))
                                .as(enterprise + " from instance " + instance).containsExactly(expected.get(enterprise));
                    }
                    assertThat(yearToDate(getJson(api + "/api/parks/" + PARK))).as("park from instance " + instance)
                            .containsExactly(park);
                    assertThat(getJson(api + "/api/enterprises?size=100").path("total").asInt())
                            .as("enterprise list from instance " + instance).isEqualTo(ENTERPRISES.size());
                }
            });
            // Each instance holds only its part, so the answers above came in part by forwarding.
            List<String> held = new ArrayList<>();
            for (String instance : running.keySet()) {
                List<String> local = new ArrayList<>();
                getJson(apis.get(instance) + "/internal/open-windows/ENTERPRISE").fieldNames()
                        .forEachRemaining(local::add);
                assertThat(local).as("enterprises held by instance " + instance).hasSizeLessThan(ENTERPRISES.size());
                held.addAll(local);
            }
            assertThat(held).containsExactlyInAnyOrderElementsOf(ENTERPRISES);
            List<String> entryIds = kafka.readCommittedLedger(topics.emissionsLedger()).stream()
                    .map(EmissionEntry::getEntryId).toList();
            assertThat(entryIds).doesNotHaveDuplicates().hasSize((int) park[4]);
        } finally {
            for (PipelineProcess process : running.values()) {
                process.close();
            }
        }
    }

    private static void start(String name, Map<String, String> shared, Map<String, PipelineProcess> running,
                              Map<String, String> apis) throws Exception {
        int port = freePort();
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("parkwatch.api.port", String.valueOf(port));
        settings.put("parkwatch.state.dir", work.resolve(name).toString());
        running.put(name, PipelineProcess.start(settings, name));
        apis.put(name, "http://127.0.0.1:" + port);
    }

    private static void awaitReady(Map<String, String> apis, Iterable<String> instances) {
        for (String instance : instances) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> get(apis.get(instance) + "/health/ready").statusCode() == 200);
        }
    }

    private static void publishReferenceData(Topics topics) {
        Instant factorsFrom = Instant.parse("2023-12-31T16:00:00Z"); // 2024-01-01 00:00 Shanghai
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            ReconciledLoad.factor(producer, topics, "grid.location.EAST", factorsFrom, 0.55, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "grid.market.residual", factorsFrom, 0.6096, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "tce.electricity", factorsFrom, 0.1229, "kgce/kWh");
            for (String id : ENTERPRISES) {
                producer.send(new ProducerRecord<>(topics.enterprises(), id, Enterprise.newBuilder().setEnterpriseId(id)
                        .setParkId(PARK).setName(id).setSector("chemicals").setGridRegion(GridRegion.EAST)
                        .setPermittedLoads(new PermittedLoads(null, null, null)).build()));
            }
            producer.flush();
        }
    }

    /**
     * Sends events at about 100 a second until the instances have changed and a last stretch after, and adds up per
     * enterprise {CO2 location, CO2 market, energy, COD, ledger entries} in mg (and mgce), as the ledger prices them.
     */
    private static void sendEvents(Topics topics, Map<String, long[]> expected, AtomicInteger sent,
                                   AtomicBoolean changesDone) {
        Random random = new Random(11);
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        int stopAt = Integer.MAX_VALUE;
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            for (int i = 0; i < stopAt; i++) {
                if (stopAt == Integer.MAX_VALUE && changesDone.get()) {
                    stopAt = i + LAST_STRETCH;
                }
                String enterprise = ENTERPRISES.get(random.nextInt(ENTERPRISES.size()));
                ReconciledLoad.send(producer, topics, enterprise, i, start, random, expected.get(enterprise));
                if (i % 20 == 19) {
                    producer.flush();
                    sent.set(i + 1);
                    pause(Duration.ofMillis(200));
                }
            }
            producer.flush();
            sent.set(stopAt);
        }
    }


    /** {CO2 location, CO2 market, energy, COD, entries} of a subject's open year-to-date window, exact. */
    private static long[] yearToDate(JsonNode subject) {
        for (JsonNode window : subject.path("currentWindows")) {
            if (window.path("window").asText().equals("YEAR_TO_DATE")) {
                JsonNode exact = window.path("exactMg");
                return new long[] {exact.path("co2Scope2Location").asLong(), exact.path("co2Scope2Market").asLong(),
                        exact.path("energyMgce").asLong(), exact.path("cod").asLong(),
                        window.path("entryCount").asLong()};
            }
        }
        throw new AssertionError("no open year-to-date window in " + subject);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
