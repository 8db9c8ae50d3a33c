package org.parkwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/**
 * Interoperability with Confluent's own Avro serde (confluent_kafka.schema_registry.avro from Debian's
 * python3-confluent-kafka, which needs fastavro), both sharing ParkWatch's registry. Skipped when Python lacks them;
 * set INTEROP_PYTHONPATH to a directory holding fastavro if it is not installed system-wide.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConfluentPythonInteropIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;

    @TempDir
    static Path dir;

    private static boolean pythonReady;

    @BeforeAll
    static void start() throws Exception {
        pythonReady = pythonHasConfluentAvro();
        if (pythonReady) {
            broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
            registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0));
        }
    }

    @BeforeEach
    void requirePython() {
        // Checked per test, not in @BeforeAll, so that each skip is reported with its reason.
        assumeTrue(pythonReady, "Skipped: " + PYTHON + " cannot import confluent_kafka.schema_registry.avro "
                + "(apt-get install python3-confluent-kafka python3-requests; pip install --target <dir> fastavro "
                + "and set INTEROP_PYTHONPATH=<dir>)");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldWriteExactlyTheBytesConfluentWritesAndReadThem() throws Exception {
        String topic = "interop.reports-" + UUID.randomUUID();
        OutputReport report = SerdeRoundTripIT.report("py-1", 2020);
        Path schemaFile = dir.resolve("OutputReport.avsc");
        Files.writeString(schemaFile, OutputReport.getClassSchema().toString());
        // 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z and 2026-02-03T08:30:00.123Z in epoch milliseconds.
        String recordJson = "{\"eventId\":\"py-1\",\"enterpriseId\":\"ent-7\",\"periodStart\":1767225600000,"
                + "\"periodEnd\":1769904000000,\"addedValue\":1234.5,\"priceBaseYear\":2020,"
                + "\"reportedAt\":1770107400123}";

        byte[] fromPython = HexFormat.of().parseHex(python("serialize", registry.url(), topic,
                schemaFile.toString(), recordJson));
        var client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
        byte[] fromJava = new SpecificAvroSerializer<OutputReport>(client, SerdeSettings.forValue())
                .serialize(topic, report);

        assertThat(fromJava).containsExactly(fromPython);
        assertThat(new SpecificAvroDeserializer<>(client, OutputReport.class).deserialize(topic, fromPython))
                .isEqualTo(report);
    }

    @Test
    void shouldBeReadByConfluentsDeserializer() throws Exception {
        String topic = "interop.reports-" + UUID.randomUUID();
        var client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
        byte[] fromJava = new SpecificAvroSerializer<OutputReport>(client, SerdeSettings.forValue())
                .serialize(topic, SerdeRoundTripIT.report("java-1", null));

        JsonNode read = JSON.readTree(python("deserialize", registry.url(), topic,
                HexFormat.of().formatHex(fromJava)));

        assertThat(read).isEqualTo(JSON.readTree("{\"addedValue\":1234.5,\"enterpriseId\":\"ent-7\","
                + "\"eventId\":\"java-1\",\"periodEnd\":1769904000000,\"periodStart\":1767225600000,"
                + "\"priceBaseYear\":null,\"reportedAt\":1770107400123}"));
    }

    private static boolean pythonHasConfluentAvro() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process process = processBuilder(List.of(PYTHON, "-c", "import confluent_kafka.schema_registry.avro"))
                .start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    private static String python(String... args) throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.add(Path.of(ConfluentPythonInteropIT.class.getResource("/python/confluent_avro.py").toURI())
                .toString());
        command.addAll(List.of(args));
        Process process = processBuilder(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("python " + String.join(" ", args) + " failed:\n" + output);
        }
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String extra = System.getenv("INTEROP_PYTHONPATH");
        if (extra == null || extra.isBlank()) {
            // where bin/test-setup installs fastavro, which Debian does not package
            extra = System.getProperty("user.home") + "/.cache/parkwatch/python";
        }
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(extra))) {
            String inherited = builder.environment().get("PYTHONPATH");
            builder.environment().put("PYTHONPATH",
                    inherited == null || inherited.isBlank() ? extra : extra + ":" + inherited);
        }
        return builder;
    }
}
