package org.parkwatch.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RegistryClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code simulate} command: builds a park, then produces its events to Kafka in real time, accelerated, bounded
 * or as a backfill of a past period, with values in the Confluent wire format (or any serializer built from the
 * Schema Registry URL by the function given to the constructor).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Produces the events of a simulated industrial park to Kafka.")
public final class SimulatorCommand implements Callable<Integer> {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers.")
    private String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "A properties file of further Kafka producer settings, e.g. security.protocol, "
                    + "sasl.mechanism, sasl.jaas.config and ssl.truststore.* for a secured cluster.")
    private Path kafkaConfig;

    @Option(names = "--schema-registry-url", defaultValue = "http://127.0.0.1:8081",
            description = "Schema Registry URL, handed to the value serializer.")
    private String schemaRegistryUrl;

    @Option(names = "--park-id", defaultValue = "park-1", description = "Park id of the Enterprise records.")
    private String parkId;

    @Option(names = "--enterprises", defaultValue = "50", description = "Number of enterprises, 1-5000.")
    private int enterprises;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the park and its events.")
    private long seed;

    @Option(names = "--rate", defaultValue = "0", description = "Send at most this many events per second; 0: no limit.")
    private double rate;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this much event time, e.g. 90s, 15m, 2h, 7d or PT1H.")
    private Duration duration;

    @Option(names = "--events", defaultValue = "0", description = "Stop after this many events; 0: no limit.")
    private long events;

    @Option(names = "--fast", description = "Accelerated event time from now instead of real time.")
    private boolean fast;

    @Option(names = "--backfill-from", description = "Backfill from this instant or local date (park zone).")
    private String backfillFrom;

    @Option(names = "--backfill-to", description = "Backfill up to this instant or local date; default now.")
    private String backfillTo;

    @Option(names = "--bad-event-rate", defaultValue = "0",
            description = "Share of events followed by a deliberately bad one (dead-letter demo).")
    private double badEventRate;

    @Option(names = "--meter-interval", defaultValue = "15m", converter = DurationConverter.class,
            description = "Metering interval; divides an hour, or whole hours dividing a day (daily records).")
    private Duration meterInterval;

    @Option(names = "--sample-interval", defaultValue = "1h", converter = DurationConverter.class,
            description = "Fuel and wastewater interval; divides an hour, or whole hours dividing a day.")
    private Duration sampleInterval;

    @Option(names = "--analyser-gap-probability", defaultValue = "0.02",
            description = "Chance that an analyser has no valid value in a sample.")
    private double analyserGapProbability;

    @Option(names = "--cod-spike-probability", defaultValue = "0.01",
            description = "Chance per outlet and day of a COD spike above the limit.")
    private double codSpikeProbability;

    @Option(names = "--desulfurization-failure-probability", defaultValue = "0.005",
            description = "Chance per combustion unit and day of a desulfurisation failure.")
    private double desulfurizationFailureProbability;

    @Option(names = "--low-output-probability", defaultValue = "0.02",
            description = "Chance per enterprise and month of a low-output month.")
    private double lowOutputProbability;

    private final SimulatorTopics topics;
    private final Function<String, Serializer<SpecificRecord>> serializerForRegistry;
    private final BiFunction<EventGenerator, Properties, ParkSimulator> simulators;
    private final Properties kafkaSettings = new Properties();

    /** A command producing to {@code topics} in the Confluent wire format, see {@link #registrySerializer}. */
    public SimulatorCommand(SimulatorTopics topics) {
        this(topics, SimulatorCommand::registrySerializer);
    }

    /**
     * A command producing to {@code topics}; {@code serializerForRegistry} returns a configured value serializer for
     * a Schema Registry URL.
     */
    public SimulatorCommand(SimulatorTopics topics, Function<String, Serializer<SpecificRecord>> serializerForRegistry) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.serializerForRegistry = Objects.requireNonNull(serializerForRegistry, "serializerForRegistry");
        this.simulators = (generator, config) -> ParkSimulator.withKafka(generator, this.topics, config,
                this.serializerForRegistry.apply(schemaRegistryUrl));
    }

    /** For tests: {@code simulators} builds the simulator from the generator and the producer configuration. */
    SimulatorCommand(SimulatorTopics topics, BiFunction<EventGenerator, Properties, ParkSimulator> simulators) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.serializerForRegistry = url -> {
            throw new IllegalStateException("no serializer in this command");
        };
        this.simulators = Objects.requireNonNull(simulators, "simulators");
    }

    @Override
    public Integer call() {
        ParkModel park = ParkModel.generate(parkSettings());
        EventGenerator generator = new EventGenerator(park, generatorSettings());
        RunPlan plan = runPlan(Instant.now(), park.zone());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Simulating %s: %d enterprises, seed %d, %s from %s%s%n", park.parkId(),
                enterprises, seed, plan.pacing() == Pacing.WALL_CLOCK ? "real time" : "accelerated", plan.from(),
                plan.to() == null ? "" : " to " + plan.to());
        out.flush();
        CountDownLatch finished = new CountDownLatch(1);
        try (ParkSimulator simulator = simulators.apply(generator, producerConfig())) {
            Thread hook = new Thread(() -> {
                simulator.stop();
                awaitQuietly(finished);
            }, "simulator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                SimulationResult result = simulator.run(plan);
                out.printf(Locale.ROOT, "Sent %s up to event time %s in %s%n", result.tally(),
                        result.eventTimeReached(), result.elapsed());
            } finally {
                finished.countDown();
                removeQuietly(hook);
            }
        }
        return 0;
    }

    /**
     * The serde module's Confluent wire-format serializer for values, registering each topic's schema under the
     * subject {@code <topic>-value} at {@code schemaRegistryUrl}.
     */
    public static Serializer<SpecificRecord> registrySerializer(String schemaRegistryUrl) {
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), false);
        return serializer;
    }

    ParkSettings parkSettings() {
        return ParkSettings.defaults(seed).withParkId(parkId).withEnterpriseCount(enterprises);
    }

    GeneratorSettings generatorSettings() {
        return GeneratorSettings.defaults(seed)
                .withMeterInterval(meterInterval)
                .withSampleInterval(sampleInterval)
                .withAnalyserGapProbability(analyserGapProbability)
                .withBadEventRate(badEventRate)
                .withExcursions(new ExcursionSettings(codSpikeProbability, desulfurizationFailureProbability,
                        lowOutputProbability));
    }

    RunPlan runPlan(Instant now, ZoneId zone) {
        RunPlan plan;
        if (backfillFrom != null) {
            Instant to = backfillTo == null ? now : parseTime(backfillTo, zone);
            plan = RunPlan.backfill(parseTime(backfillFrom, zone), to);
        } else if (backfillTo != null) {
            throw new IllegalArgumentException("--backfill-to needs --backfill-from");
        } else {
            plan = fast ? RunPlan.asFastAsPossible(now) : RunPlan.realTime(now);
        }
        if (duration != null) {
            Instant end = plan.from().plus(duration);
            plan = plan.to() != null && plan.to().isBefore(end) ? plan : plan.withDuration(duration);
        }
        return plan.withMaxEvents(events).withRate(rate);
    }

    /**
     * Kafka producer settings from elsewhere than the command line (the {@code parkwatch} command's
     * {@code PARKWATCH_KAFKA_*} variables); a {@code --kafka-config} file wins over them.
     */
    public void addKafkaSettings(Map<String, String> settings) {
        kafkaSettings.putAll(settings);
    }

    Properties producerConfig() {
        Properties config = new Properties();
        config.putAll(kafkaSettings);
        if (kafkaConfig != null) {
            config.putAll(kafkaSettings(kafkaConfig));
        }
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** The settings of a {@code --kafka-config} file. */
    public static Properties kafkaSettings(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --kafka-config " + file, e);
        }
        return props;
    }

    /** An instant ({@code 2024-01-01T00:00:00Z}), or a local date-time or date in the park's zone. */
    static Instant parseTime(String text, ZoneId zone) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notDateTime) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    /** Reads {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d} or an ISO-8601 duration such as {@code PT1H}. */
    static final class DurationConverter implements ITypeConverter<Duration> {

        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
    }
}
