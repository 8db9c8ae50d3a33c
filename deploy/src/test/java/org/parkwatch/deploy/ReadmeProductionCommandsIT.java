package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell block of README's "Running against an existing Kafka cluster and Schema Registry", run by bash exactly
 * as written (heredoc, comments, {@code $API_TOKEN} and all) against a real broker and registry.
 *
 * <p>Two stand-ins, both in the directory the block runs in: {@code ./parkwatch} is the launcher without its build
 * step ({@code java -jar target/parkwatch.jar}, which Maven's package phase has just built), and {@code ./mvnw} does
 * nothing (that build, again). The properties file names a cluster of the README's imagination; the test's cluster
 * comes in through the environment, the layer the README documents above the file.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReadmeProductionCommandsIT {

    private static final String SECTION = "Running against an existing Kafka cluster and Schema Registry";
    private static final String TOKEN = "readme-" + UUID.randomUUID();

    private static KafkaStack stack;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        stack = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldSetUpTheClusterAndRunThePipelineWithTheReadmesCommandsAsWritten() throws Exception {
        String block = ReadmeCommands.load().shellBlockUnder(SECTION);
        assertThat(block).contains("./parkwatch setup --config parkwatch.properties",
                "./parkwatch pipeline --config parkwatch.properties --set parkwatch.api.auth.token=$API_TOKEN");
        Path jar = Path.of("target", "parkwatch.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase, before integration tests").exists();
        executable("parkwatch", "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin",
                "java") + "' -Xmx512m -jar '" + jar + "' \"$@\"\n");
        executable("mvnw", "#!/usr/bin/env bash\necho \"mvnw $*\" >> mvnw.calls\n");
        Files.writeString(work.resolve("readme.sh"), "set -euo pipefail\n" + block);
        int apiPort = freePort();
        String prefix = "r" + UUID.randomUUID().toString().substring(0, 8);
        Path log = work.resolve("readme.log");

        ProcessBuilder bash = new ProcessBuilder("bash", "readme.sh").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = bash.environment();
        env.keySet().removeIf(name -> name.startsWith("PARKWATCH_"));
        env.put("API_TOKEN", TOKEN);
        env.put("PARKWATCH_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("PARKWATCH_SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("PARKWATCH_REPLICATION_FACTOR", "1");
        env.put("PARKWATCH_STATE_DIR", work.resolve("state").toString());
        env.put("PARKWATCH_TOPIC_PREFIX", prefix);
        env.put("PARKWATCH_TOPIC_PARTITIONS", "2");
        env.put("PARKWATCH_APPLICATION_ID", "parkwatch-" + prefix);
        env.put("PARKWATCH_API_PORT", String.valueOf(apiPort));
        Process script = bash.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (get(http, apiPort, "/health/ready", null) != 200) {
                if (!script.isAlive()) {
                    fail("the README's block ended with status %d before the pipeline was ready:%n%s",
                            script.exitValue(), text(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("the pipeline was not ready within 180 s:%n%s", text(log));
                }
                Thread.sleep(500);
            }

            assertThat(text(log)).contains("Topics: 21 created, 0 already present",
                    "Emission factors: 51 versions written, 0 already present");
            assertThat(text(work.resolve("mvnw.calls"))).isEqualTo("mvnw -B -DskipTests install\n");
            // The token given with --set is the one the API requires.
            assertThat(get(http, apiPort, "/api/parks", null)).isEqualTo(401);
            assertThat(get(http, apiPort, "/api/parks", TOKEN)).isEqualTo(200);

            // SIGTERM to the pipeline, as a service manager stops it; bash then ends with its status.
            script.toHandle().children().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hook (a clean close) and exits as signalled.
            assertThat(script.exitValue()).as(text(log)).isIn(0, 143);
            assertThat(text(log)).doesNotContain("Unknown option", "Exception");
        } finally {
            script.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private void executable(String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int get(HttpClient http, int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String text(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
