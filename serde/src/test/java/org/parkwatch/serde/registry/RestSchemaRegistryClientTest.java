package org.parkwatch.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"org.parkwatch.test\","
                    + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final String SCHEMA_TEXT =
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"org.parkwatch.test\","
                    + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

    private CannedRegistryServer server;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = CannedRegistryServer.start();
        client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(server.url()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldRegisterCanonicalSchemaTextWithConfluentContentType() throws IOException {
        server.answer("POST", "/subjects/park.probes-value/versions", 200, "{\"id\":7}");

        int id = client.register("park.probes-value", SCHEMA);

        assertThat(id).isEqualTo(7);
        CannedRegistryServer.Request request = server.lastRequest();
        assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Authorization")).isNull();
        // No schemaType: Confluent leaves it out for Avro.
        assertThat(new ObjectMapper().readTree(request.body()))
                .isEqualTo(new ObjectMapper().createObjectNode().put("schema", SCHEMA_TEXT));
    }

    @Test
    void shouldNotAskAgainForSchemaItRegisteredOrFetched() {
        server.answer("POST", "/subjects/park.probes-value/versions", 200, "{\"id\":7}")
                .answer("GET", "/schemas/ids/8", 200, "{\"schema\":" + quoted(SCHEMA_TEXT) + "}");

        client.register("park.probes-value", SCHEMA);
        client.register("park.probes-value", SCHEMA);
        Schema seven = client.schemaById(7);
        Schema eight = client.schemaById(8);
        client.schemaById(8);

        assertThat(seven).isEqualTo(SCHEMA);
        assertThat(eight).isEqualTo(SCHEMA);
        assertThat(server.requests()).extracting(CannedRegistryServer.Request::pathAndQuery)
                .containsExactly("/subjects/park.probes-value/versions", "/schemas/ids/8");
    }

    @Test
    void shouldLookUpIdWithoutRegisteringAndCacheIt() {
        server.answer("POST", "/subjects/park.probes-value", 200, "{\"subject\":\"park.probes-value\",\"version\":2,"
                + "\"id\":11,\"schema\":" + quoted(SCHEMA_TEXT) + "}");

        assertThat(client.idOf("park.probes-value", SCHEMA)).isEqualTo(11);
        assertThat(client.idOf("park.probes-value", SCHEMA)).isEqualTo(11);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldSendBasicAuthHeader() {
        server.answer("GET", "/subjects", 200, "[\"a-value\",\"b-value\"]");
        var authenticated = new RestSchemaRegistryClient(
                RegistryClientSettings.forUrls(server.url()).withBasicAuth("parkwatch:s3cret"));

        assertThat(authenticated.subjects()).containsExactly("a-value", "b-value");
        // base64("parkwatch:s3cret")
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Basic cGFya3dhdGNoOnMzY3JldA==");
        assertThat(Base64.getDecoder().decode("cGFya3dhdGNoOnMzY3JldA=="))
                .isEqualTo("parkwatch:s3cret".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadVersionsLatestAndOneVersion() {
        String version = "{\"subject\":\"park.probes-value\",\"version\":3,\"id\":21,\"schema\":"
                + quoted(SCHEMA_TEXT) + "}";
        server.answer("GET", "/subjects/park.probes-value/versions", 200, "[1,2,3]")
                .answer("GET", "/subjects/park.probes-value/versions/latest", 200, version)
                .answer("GET", "/subjects/park.probes-value/versions/3", 200, version);

        assertThat(client.versions("park.probes-value")).containsExactly(1, 2, 3);
        assertThat(client.latest("park.probes-value"))
                .isEqualTo(new RegisteredSchema("park.probes-value", 3, 21, SCHEMA));
        assertThat(client.version("park.probes-value", 3))
                .isEqualTo(new RegisteredSchema("park.probes-value", 3, 21, SCHEMA));
    }

    @Test
    void shouldEncodeSubjectInPath() {
        server.answer("GET", "/subjects/a%20b%2Fc/versions", 200, "[1]");

        assertThat(client.versions("a b/c")).containsExactly(1);
    }

    @Test
    void shouldTestCompatibilityAgainstLatest() {
        server.answer("POST", "/compatibility/subjects/park.probes-value/versions/latest", 200,
                "{\"is_compatible\":false}");

        assertThat(client.isCompatible("park.probes-value", SCHEMA)).isFalse();
        assertThat(server.lastRequest().body()).isEqualTo("{\"schema\":" + quoted(SCHEMA_TEXT) + "}");
    }

    @Test
    void shouldReadAndSetCompatibilityLevels() {
        server.answer("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}")
                .answer("GET", "/config/park.probes-value?defaultToGlobal=true", 200,
                        "{\"compatibilityLevel\":\"FULL\"}")
                .answer("PUT", "/config/park.probes-value", 200, "{\"compatibility\":\"NONE\"}");

        assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
        assertThat(client.compatibility("park.probes-value")).isEqualTo("FULL");
        client.setCompatibility("park.probes-value", "NONE");
        assertThat(server.lastRequest().body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(server.lastRequest().header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void shouldFallBackToGlobalLevelWhenSubjectHasNoneOfItsOwn() {
        server.answer("GET", "/config", 200, "{\"compatibilityLevel\":\"FORWARD\"}")
                .answer("GET", "/config/park.probes-value?defaultToGlobal=true", 404,
                        "{\"error_code\":40408,\"message\":\"Subject 'park.probes-value' does not have subject-level "
                                + "compatibility configured\"}");

        assertThat(client.compatibility("park.probes-value")).isEqualTo("FORWARD");
    }

    @Test
    void shouldSurfaceSubjectNotFound() {
        server.answer("GET", "/subjects/nobody-value/versions/latest", 404,
                "{\"error_code\":40401,\"message\":\"Subject 'nobody-value' not found.\"}");

        RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.latest("nobody-value"));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(e).hasMessageContaining("Subject 'nobody-value' not found.");
    }

    @Test
    void shouldSurfaceSchemaNotFound() {
        server.answer("GET", "/schemas/ids/404", 404, "{\"error_code\":40403,\"message\":\"Schema 404 not found\"}");

        RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.schemaById(404));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(RegistryException.SCHEMA_NOT_FOUND);
    }

    @Test
    void shouldSurfaceIncompatibleSchemaAndNotCacheFailures() {
        server.answer("POST", "/subjects/park.probes-value/versions", 409, "{\"error_code\":409,\"message\":"
                + "\"Schema being registered is incompatible with an earlier schema\"}");

        RegistryException first = catchThrowableOfType(RegistryException.class,
                () -> client.register("park.probes-value", SCHEMA));
        assertThatThrownBy(() -> client.register("park.probes-value", SCHEMA)).isInstanceOf(RegistryException.class);

        assertThat(first.httpStatus()).isEqualTo(409);
        assertThat(first.errorCode()).isEqualTo(RegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void shouldUseHttpStatusAsCodeWhenErrorBodyIsNotJson() {
        server.answerText("GET", "/subjects", 502, "Bad Gateway");

        RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.subjects());

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.errorCode()).isEqualTo(502);
        assertThat(e).hasMessageContaining("Bad Gateway");
    }

    @Test
    void shouldTryNextUrlWhenOneIsUnreachable() throws IOException {
        server.answer("GET", "/subjects", 200, "[\"a-value\"]");
        var failingOver = new RestSchemaRegistryClient(
                RegistryClientSettings.forUrls("http://127.0.0.1:" + closedPort(), server.url()));

        assertThat(failingOver.subjects()).containsExactly("a-value");
        assertThat(failingOver.subjects()).containsExactly("a-value");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void shouldReportUnreachableWhenNoUrlAnswers() throws IOException {
        var unreachable = new RestSchemaRegistryClient(
                RegistryClientSettings.forUrls("http://127.0.0.1:" + closedPort()));

        assertThatThrownBy(unreachable::subjects)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no schema registry reachable at [http://127.0.0.1:");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
