package org.parkwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.registry.RegistryHttp.Reply;

@Timeout(120)
class SchemaRegistryIT {

    /** Canonical text, as the registry answers it. */
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}]}";
    /** Adds b without a default: not backward compatible with V1. */
    private static final String INCOMPATIBLE = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}";
    private static final String OTHER = "{\"type\":\"record\",\"name\":\"Factor\",\"fields\":"
            + "[{\"name\":\"value\",\"type\":\"double\"}]}";

    private static EmbeddedKafkaBroker broker;
    private final List<SchemaRegistryServer> servers = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void nameTopic(TestInfo test) {
        topic = "schemas-" + test.getTestMethod().orElseThrow().getName() + "-" + UUID.randomUUID();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(SchemaRegistryServer::close);
    }

    private SchemaRegistryServer start() {
        SchemaRegistryServer server = SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers(), 0).withTopic(topic));
        servers.add(server);
        return server;
    }

    private RegistryHttp startClient() {
        return new RegistryHttp(start().url());
    }

    @Test
    void shouldAnswerTheEndpointsClientsProbe() {
        SchemaRegistryServer server = start();
        RegistryHttp http = new RegistryHttp(server.url());

        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
        Reply root = http.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).startsWith(RegistryHttp.REGISTRY_JSON);
        assertThat(root.json()).isEqualTo(RegistryHttp.json("{}"));
        assertThat(http.get("/schemas/types").json()).isEqualTo(RegistryHttp.json("[\"AVRO\"]"));
        assertThat(http.get("/subjects").json()).isEqualTo(RegistryHttp.json("[]"));
    }

    @Test
    void shouldRegisterSchemasAndReuseIdsAcrossSubjects() {
        RegistryHttp http = startClient();

        assertThat(http.post("/subjects/readings-value/versions", RegistryHttp.schemaBody(V1)).json())
                .isEqualTo(RegistryHttp.json("{\"id\":1}"));
        // Same schema again, sent as plain JSON: no new version, same id.
        assertThat(http.post("/subjects/readings-value/versions", RegistryHttp.schemaBody(V1), "application/json")
                .json()).isEqualTo(RegistryHttp.json("{\"id\":1}"));
        // Same schema under another subject, sent as octet-stream: the same id.
        assertThat(http.post("/subjects/archive-value/versions", RegistryHttp.schemaBody(V1),
                "application/octet-stream").json()).isEqualTo(RegistryHttp.json("{\"id\":1}"));
        assertThat(http.register("readings-value", V2)).isEqualTo(2);

        assertThat(http.get("/subjects").json())
                .isEqualTo(RegistryHttp.json("[\"archive-value\",\"readings-value\"]"));
        assertThat(http.get("/subjects/readings-value/versions").json()).isEqualTo(RegistryHttp.json("[1,2]"));
    }

    @Test
    void shouldReadVersionsSchemasAndLookups() {
        RegistryHttp http = startClient();
        http.register("readings-value", V1);
        http.register("readings-value", V2);
        http.register("archive-value", V1);

        Reply version1 = http.get("/subjects/readings-value/versions/1");
        assertThat(version1.json().get("subject").asText()).isEqualTo("readings-value");
        assertThat(version1.json().get("version").asInt()).isEqualTo(1);
        assertThat(version1.json().get("id").asInt()).isEqualTo(1);
        assertThat(version1.json().get("schema").asText()).isEqualTo(V1);
        assertThat(http.get("/subjects/readings-value/versions/latest").json().get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/subjects/readings-value/versions/-1").json().get("id").asInt()).isEqualTo(2);
        assertThat(RegistryHttp.json(http.get("/subjects/readings-value/versions/latest/schema").body()))
                .isEqualTo(RegistryHttp.json(V2));

        assertThat(http.get("/schemas/ids/2").json().get("schema").asText()).isEqualTo(V2);
        assertThat(http.get("/schemas/ids/1/versions").json()).isEqualTo(RegistryHttp.json(
                "[{\"subject\":\"archive-value\",\"version\":1},{\"subject\":\"readings-value\",\"version\":1}]"));

        // Whitespace does not matter to a lookup: schemas are compared in Avro's canonical form.
        Reply lookup = http.post("/subjects/readings-value", RegistryHttp.schemaBody(V2.replace(",", ", ")));
        assertThat(lookup.json()).isEqualTo(RegistryHttp.json(
                "{\"subject\":\"readings-value\",\"version\":2,\"id\":2,\"schema\":" + quoted(V2) + "}"));
    }

    @Test
    void shouldTestCompatibility() {
        RegistryHttp http = startClient();
        http.register("readings-value", V1);

        assertThat(http.post("/compatibility/subjects/readings-value/versions/latest", RegistryHttp.schemaBody(V2))
                .json()).isEqualTo(RegistryHttp.json("{\"is_compatible\":true}"));
        assertThat(http.post("/compatibility/subjects/readings-value/versions/1", RegistryHttp.schemaBody(INCOMPATIBLE))
                .json()).isEqualTo(RegistryHttp.json("{\"is_compatible\":false}"));

        Reply verbose = http.post("/compatibility/subjects/readings-value/versions/latest?verbose=true",
                RegistryHttp.schemaBody(INCOMPATIBLE));
        assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.json().get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(http.post("/compatibility/subjects/readings-value/versions?verbose=true",
                RegistryHttp.schemaBody(V2)).json())
                .isEqualTo(RegistryHttp.json("{\"is_compatible\":true,\"messages\":[]}"));
    }

    @Test
    void shouldSetAndReadCompatibilityLevels() {
        RegistryHttp http = startClient();

        assertThat(http.get("/config").json()).isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"BACKWARD\"}"));
        assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").json())
                .isEqualTo(RegistryHttp.json("{\"compatibility\":\"FULL\"}"));
        assertThat(http.get("/config").json()).isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"FULL\"}"));

        assertThat(http.put("/config/readings-value", "{\"compatibility\":\"NONE\"}").json())
                .isEqualTo(RegistryHttp.json("{\"compatibility\":\"NONE\"}"));
        assertThat(http.get("/config/readings-value").json())
                .isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"NONE\"}"));
        assertThat(http.get("/config/factors-value?defaultToGlobal=true").json())
                .isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"FULL\"}"));

        // Under NONE the subject takes a schema BACKWARD would refuse.
        http.register("readings-value", V1);
        assertThat(http.register("readings-value", INCOMPATIBLE)).isEqualTo(2);

        assertThat(http.delete("/config/readings-value").json())
                .isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"NONE\"}"));
        assertThat(http.get("/config/readings-value?defaultToGlobal=true").json())
                .isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"FULL\"}"));
    }

    @Test
    void shouldSoftDeleteVersionsAndSubjectsAndThenDeletePermanently() {
        RegistryHttp http = startClient();
        http.register("readings-value", V1);
        http.register("readings-value", V2);

        assertThat(http.delete("/subjects/readings-value/versions/1").json()).isEqualTo(RegistryHttp.json("1"));
        assertThat(http.get("/subjects/readings-value/versions").json()).isEqualTo(RegistryHttp.json("[2]"));
        assertThat(http.get("/subjects/readings-value/versions?deleted=true").json())
                .isEqualTo(RegistryHttp.json("[1,2]"));
        assertThat(http.get("/subjects/readings-value/versions/1").errorCode()).isEqualTo(40402);
        // Soft-deleted versions still resolve by id.
        assertThat(http.get("/schemas/ids/1").json().get("schema").asText()).isEqualTo(V1);

        assertThat(http.delete("/subjects/readings-value").json()).isEqualTo(RegistryHttp.json("[2]"));
        assertThat(http.get("/subjects").json()).isEqualTo(RegistryHttp.json("[]"));
        assertThat(http.get("/subjects?deleted=true").json()).isEqualTo(RegistryHttp.json("[\"readings-value\"]"));
        assertThat(http.get("/schemas/ids/2").status()).isEqualTo(200);

        assertThat(http.delete("/subjects/readings-value?permanent=true").json())
                .isEqualTo(RegistryHttp.json("[1,2]"));
        assertThat(http.get("/subjects?deleted=true").json()).isEqualTo(RegistryHttp.json("[]"));
        assertThat(http.get("/schemas/ids/2").errorCode()).isEqualTo(40403);
    }

    @Test
    void shouldAnswerEveryErrorWithItsConfluentCodeAndStatus() {
        RegistryHttp http = startClient();
        http.register("readings-value", V1);

        assertError(http.get("/subjects/unknown/versions"), 404, 40401);
        assertError(http.post("/subjects/unknown", RegistryHttp.schemaBody(V1)), 404, 40401);
        assertError(http.delete("/subjects/unknown"), 404, 40401);
        assertError(http.get("/subjects/readings-value/versions/7"), 404, 40402);
        assertError(http.delete("/subjects/readings-value/versions/7"), 404, 40402);
        assertError(http.post("/subjects/readings-value", RegistryHttp.schemaBody(OTHER)), 404, 40403);
        assertError(http.get("/schemas/ids/99"), 404, 40403);
        assertError(http.get("/schemas/ids/99/versions"), 404, 40403);
        assertError(http.get("/config/readings-value"), 404, 40408);
        assertError(http.post("/subjects/readings-value/versions", RegistryHttp.schemaBody(INCOMPATIBLE)), 409, 409);
        assertError(http.post("/subjects/readings-value/versions", RegistryHttp.schemaBody("{\"type\":\"recd\"}")),
                422, 42201);
        assertError(http.post("/subjects/readings-value/versions", "{}"), 422, 42201);
        assertError(http.post("/subjects/readings-value/versions",
                "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        assertError(http.get("/subjects/readings-value/versions/zero"), 422, 42202);
        assertError(http.get("/subjects/readings-value/versions/0"), 422, 42202);
        assertError(http.post("/compatibility/subjects/readings-value/versions/first", RegistryHttp.schemaBody(V2)),
                422, 42202);
        assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(http.put("/config/readings-value", "{}"), 422, 42203);
        assertError(http.get("/no/such/path"), 404, 404);

        Reply refused = http.post("/subjects/readings-value/versions", RegistryHttp.schemaBody(INCOMPATIBLE));
        assertThat(refused.contentType()).startsWith(RegistryHttp.REGISTRY_JSON);
        assertThat(refused.json().get("message").asText()).contains("incompatible");
        // Nothing refused was stored.
        assertThat(http.get("/subjects/readings-value/versions").json()).isEqualTo(RegistryHttp.json("[1]"));
    }

    @Test
    void shouldKeepIdsAndVersionsAcrossARestart() {
        SchemaRegistryServer first = start();
        RegistryHttp before = new RegistryHttp(first.url());
        before.register("readings-value", V1);
        before.register("factors-value", OTHER);
        before.register("readings-value", V2);
        before.delete("/subjects/readings-value/versions/1");
        before.put("/config/readings-value", "{\"compatibility\":\"FORWARD\"}");
        first.close();
        servers.remove(first);

        RegistryHttp after = startClient();

        assertThat(after.get("/subjects/readings-value/versions/2").json().get("id").asInt()).isEqualTo(3);
        assertThat(after.get("/subjects/readings-value/versions").json()).isEqualTo(RegistryHttp.json("[2]"));
        assertThat(after.get("/schemas/ids/2").json().get("schema").asText()).isEqualTo(OTHER);
        assertThat(after.get("/config/readings-value").json())
                .isEqualTo(RegistryHttp.json("{\"compatibilityLevel\":\"FORWARD\"}"));
        assertThat(after.register("factors-value", OTHER)).isEqualTo(2);
        // Ids keep counting from the highest one in the log: 1, 2, 3 are taken.
        assertThat(after.register("archive-value", INCOMPATIBLE)).isEqualTo(4);
    }

    @Test
    void shouldLetTwoInstancesOnOneTopicAgree() throws Exception {
        RegistryHttp one = startClient();
        RegistryHttp two = startClient();
        one.put("/config", "{\"compatibility\":\"NONE\"}");

        int id = one.register("readings-value", V1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(two.get("/subjects/readings-value/versions/1").json().get("id").asInt()).isEqualTo(id));
        assertThat(two.register("archive-value", V1)).isEqualTo(id);

        // Different schemas through both instances at once: every id is decided by the log, so both agree.
        List<Callable<Map.Entry<String, Integer>>> registrations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String schema = "{\"type\":\"record\",\"name\":\"Concurrent" + i + "\",\"fields\":"
                    + "[{\"name\":\"n\",\"type\":\"int\"}]}";
            RegistryHttp via = i % 2 == 0 ? one : two;
            registrations.add(() -> Map.entry(schema, via.register("concurrent-value", schema)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, Integer> idsBySchema = new HashMap<>();
        try {
            for (Future<Map.Entry<String, Integer>> result : pool.invokeAll(registrations)) {
                idsBySchema.put(result.get().getKey(), result.get().getValue());
            }
        } finally {
            pool.shutdownNow();
        }

        // 12 new schemas after id 1: ids 2..13, each handed out once.
        assertThat(new HashSet<>(idsBySchema.values())).hasSize(12).allSatisfy(n -> assertThat(n).isBetween(2, 13));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(one.get("/subjects/concurrent-value/versions").json())
                    .isEqualTo(two.get("/subjects/concurrent-value/versions").json());
            assertThat(two.get("/subjects/concurrent-value/versions").json()).hasSize(12);
        });
        for (Map.Entry<String, Integer> registered : idsBySchema.entrySet()) {
            for (RegistryHttp instance : List.of(one, two)) {
                assertThat(instance.get("/schemas/ids/" + registered.getValue()).json().get("schema").asText())
                        .isEqualTo(registered.getKey());
                Reply lookup = instance.post("/subjects/concurrent-value",
                        RegistryHttp.schemaBody(registered.getKey()));
                assertThat(lookup.json().get("id").asInt()).isEqualTo(registered.getValue());
            }
        }
    }

    @Test
    void shouldGiveTheSameIdWhenBothInstancesRegisterOneSchemaAtOnce() throws Exception {
        RegistryHttp one = startClient();
        RegistryHttp two = startClient();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> viaOne = pool.submit(() -> one.register("readings-value", V1));
            Future<Integer> viaTwo = pool.submit(() -> two.register("readings-value", V1));

            assertThat(viaOne.get()).isEqualTo(1);
            assertThat(viaTwo.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(two.get("/subjects/readings-value/versions").json()).isEqualTo(RegistryHttp.json("[1]"));
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(errorCode);
        assertThat(reply.json().get("message").asText()).as(reply.toString()).isNotBlank();
    }

    private static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }
}
