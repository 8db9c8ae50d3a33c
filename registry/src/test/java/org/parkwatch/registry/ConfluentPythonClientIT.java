package org.parkwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;

/**
 * Drives the registry with Confluent's own client, {@code confluent_kafka.schema_registry.SchemaRegistryClient}
 * from Debian's python3-confluent-kafka, through src/test/python/confluent_client_check.py.
 */
@Timeout(180)
class ConfluentPythonClientIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/confluent_client_check.py");

    @BeforeAll
    static void requireConfluentClient() throws Exception {
        boolean importable = Files.isExecutable(PYTHON)
                && run(PYTHON.toString(), "-c", "import confluent_kafka.schema_registry").exitCode() == 0;
        assumeTrue(importable, "/usr/bin/python3 cannot import confluent_kafka.schema_registry: install Debian's "
                + "python3-confluent-kafka and python3-requests (apt-get install -y python3-confluent-kafka "
                + "python3-requests) to run the Confluent client check");
    }

    @Test
    void shouldSatisfyConfluentsPythonClient() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
             SchemaRegistryServer server = SchemaRegistryServer.start(RegistrySettings
                     .of(broker.bootstrapServers(), 0).withTopic("schemas-python-" + UUID.randomUUID()))) {

            Outcome outcome = run(PYTHON.toString(), SCRIPT.toString(), server.url());

            assertThat(outcome.exitCode()).as(outcome.output()).isZero();
            assertThat(outcome.output()).contains(
                    "OK register_schema\n",
                    "OK get_schema\n",
                    "OK lookup_schema\n",
                    "OK get_subjects\n",
                    "OK get_latest_version\n",
                    "OK get_versions\n",
                    "OK test_compatibility true\n",
                    "OK test_compatibility false\n",
                    "OK register incompatible under BACKWARD\n",
                    "OK set_compatibility subject\n",
                    "OK get_compatibility subject\n",
                    "OK set_compatibility global\n",
                    "OK get_compatibility global\n",
                    "OK delete_version\n",
                    "OK delete_subject\n",
                    "OK delete_subject permanent\n");
            assertThat(outcome.output()).endsWith("ALL CHECKS PASSED\n");
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Output is small, so reading it to the end before waiting cannot block the child.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out running " + String.join(" ", command) + "\n" + output);
        }
        return new Outcome(process.exitValue(), output);
    }
}
