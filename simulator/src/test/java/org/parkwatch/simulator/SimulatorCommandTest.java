package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorCommandTest {

    private static final SimulatorTopics TOPICS =
            new SimulatorTopics("t.meter", "t.fuel", "t.wastewater", "t.output", "t.enterprise");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2025-06-01T03:04:05Z");

    private final MockProducer<String, SpecificRecord> producer =
            new MockProducer<>(true, null, new StringSerializer(), new AvroBinarySerializer());
    private final AtomicReference<Properties> producerConfig = new AtomicReference<>();
    private final SimulatorCommand command = new SimulatorCommand(TOPICS, (generator, config) -> {
        producerConfig.set(config);
        return new ParkSimulator(generator, producer, TOPICS, SimulationClock.system(),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    });

    private SimulatorCommand parse(String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldBackfillBetweenLocalDatesOfThePark() {
        RunPlan plan = parse("--backfill-from", "2024-01-01", "--backfill-to", "2024-02-01").runPlan(NOW, SHANGHAI);

        // Midnight in Shanghai is 16:00 UTC the day before.
        assertThat(plan.from()).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
        assertThat(plan.to()).isEqualTo(Instant.parse("2024-01-31T16:00:00Z"));
        assertThat(plan.pacing()).isEqualTo(Pacing.ACCELERATED);
        assertThat(plan.reportProgress()).isTrue();
    }

    @Test
    void shouldBackfillUpToNowWhenNoEndIsGiven() {
        RunPlan plan = parse("--backfill-from", "2025-05-01T00:00:00Z").runPlan(NOW, SHANGHAI);

        assertThat(plan.from()).isEqualTo(Instant.parse("2025-05-01T00:00:00Z"));
        assertThat(plan.to()).isEqualTo(NOW);
    }

    @Test
    void shouldRunAcceleratedAndBoundedWhenAskedTo() {
        RunPlan plan = parse("--fast", "--duration", "2h", "--events", "500", "--rate", "1000")
                .runPlan(NOW, SHANGHAI);

        assertThat(plan).isEqualTo(new RunPlan(NOW, NOW.plus(Duration.ofHours(2)), 500, Pacing.ACCELERATED, 1000,
                false, true));
    }

    @Test
    void shouldRunInRealTimeByDefault() {
        RunPlan plan = parse().runPlan(NOW, SHANGHAI);

        assertThat(plan).isEqualTo(RunPlan.realTime(NOW));
        assertThat(command.parkSettings()).isEqualTo(ParkSettings.defaults(1));
        assertThat(command.generatorSettings()).isEqualTo(GeneratorSettings.defaults(1));
        assertThat(command.producerConfig()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void shouldPassTheParkAndGeneratorOptionsOn() {
        parse("--enterprises", "200", "--seed", "9", "--park-id", "park-7", "--bad-event-rate", "0.01",
                "--meter-interval", "5m", "--sample-interval", "PT30M", "--cod-spike-probability", "1",
                "--bootstrap-servers", "broker:9093");

        assertThat(command.parkSettings()).isEqualTo(ParkSettings.defaults(9).withEnterpriseCount(200)
                .withParkId("park-7"));
        assertThat(command.generatorSettings()).isEqualTo(GeneratorSettings.defaults(9)
                .withMeterInterval(Duration.ofMinutes(5)).withSampleInterval(Duration.ofMinutes(30))
                .withBadEventRate(0.01).withExcursions(new ExcursionSettings(1, 0.005, 0.02)));
        assertThat(command.producerConfig()).containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void shouldAddTheSettingsOfItsKafkaConfigFileToTheProducers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "bootstrap.servers=elsewhere:9092\n");

        SimulatorCommand parsed = parse("--bootstrap-servers", "broker:9093", "--kafka-config", file.toString());
        parsed.addKafkaSettings(Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM"));
        Properties config = parsed.producerConfig();

        // the file wins over settings from the environment, and the option over both
        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism",
                "SCRAM-SHA-512").containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void shouldReadShortAndIsoDurations() {
        SimulatorCommand.DurationConverter converter = new SimulatorCommand.DurationConverter();

        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldSendAnHourOfEventsAndReportWhatItSent() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(command).setOut(new PrintWriter(out));

        int exit = commandLine.execute("--fast", "--duration", "1h", "--enterprises", "3", "--seed", "5");

        assertThat(exit).isZero();
        Map<String, Long> perTopic = producer.history().stream()
                .collect(Collectors.groupingBy(ProducerRecord::topic, Collectors.counting()));
        ParkModel park = ParkModel.generate(ParkSettings.defaults(5).withEnterpriseCount(3));
        // Any hour holds 4 quarter-hour meter intervals and 1 hourly interval.
        assertThat(perTopic.get("t.meter")).isEqualTo(4L * park.enterprises().stream()
                .mapToInt(e -> e.meters().size()).sum());
        assertThat(perTopic.get("t.fuel")).isEqualTo(park.enterprises().stream()
                .mapToLong(e -> e.combustionUnits().size()).sum());
        assertThat(perTopic.get("t.wastewater")).isEqualTo(park.enterprises().stream()
                .mapToLong(e -> e.outlets().size()).sum());
        assertThat(perTopic.get("t.enterprise")).isEqualTo(3L);
        assertThat(out.toString()).contains("Simulating park-1: 3 enterprises, seed 5, accelerated", "Sent ");
        assertThat(producerConfig.get()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }
}
