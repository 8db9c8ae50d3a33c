package org.parkwatch.deploy;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.parkwatch.api.ApiServer;
import org.parkwatch.deploy.report.ConfiguredReports;
import org.parkwatch.api.ApiMetrics;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.gateway.GatewayRunner;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.deploy.pipeline.PipelineMain;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import org.parkwatch.simulator.ParkSimulator;
import org.parkwatch.simulator.RunPlan;
import org.parkwatch.simulator.SimulatorCommand;
import org.parkwatch.simulator.SimulatorTopics;
import org.parkwatch.simulator.hj212.DeviceFleet;
import org.parkwatch.simulator.hj212.DeviceFleetRunner;
import org.parkwatch.simulator.hj212.FaultPlan;
import org.parkwatch.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of ParkWatch on one machine: a KRaft broker, the schema registry, the topics, the default reference
 * data, the pipeline, the HTTP API, the HJ 212 gateway and a simulated park, started in that order and stopped in
 * the reverse order.
 * Data stays in the data directory across runs.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** What to start and where. */
    public record Options(int kafkaPort, int controllerPort, int registryPort, int apiPort, int gatewayPort,
                          Path dataDir, boolean simulator, boolean history, int enterprises, long seed,
                          Map<String, String> overrides) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private Thread simulatorThread;
    private String bootstrapServers;
    private String apiUrl;
    private int gatewayPort;

    private LocalStack() {
    }

    public static LocalStack start(Options options, PrintStream out) {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(options, out);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options o, PrintStream out) {
        boolean newData;
        out.println("Starting the ParkWatch local stack (data in " + o.dataDir().toAbsolutePath() + ")");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                BrokerSettings.persistent(o.kafkaPort(), o.controllerPort(), o.dataDir().resolve("kafka")));
        started.push(broker);
        endpoints.put("Kafka broker (KRaft)", broker.bootstrapServers());
        bootstrapServers = broker.bootstrapServers();

        SchemaRegistryServer registry = SchemaRegistryServer.start(
                RegistrySettings.of(broker.bootstrapServers(), o.registryPort()));
        started.push(registry);
        // Open on loopback, for the person at this machine; README's Security section says how to secure it.
        endpoints.put("Schema registry", registry.url() + (registry.authenticates() ? ""
                : " (open: no authentication, loopback only)"));

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parkwatch.bootstrap.servers", broker.bootstrapServers());
        settings.put("parkwatch.schema.registry.url", registry.url());
        settings.put("parkwatch.state.dir", o.dataDir().resolve("streams").toString());
        settings.put("parkwatch.api.port", String.valueOf(o.apiPort()));
        settings.put("parkwatch.api.host", "127.0.0.1");
        settings.put("parkwatch.gateway.port", String.valueOf(o.gatewayPort()));
        // Devices on this machine only: a real device is pointed at a gateway configured for its network.
        settings.put("parkwatch.gateway.host", "127.0.0.1");
        // The local stack serves on loopback for the person at this machine: no token.
        settings.put("parkwatch.api.auth.required", "false");
        settings.putAll(o.overrides());
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();

        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            var created = admin.ensureTopics(config.topicLayout().roles());
            // A data directory from before a topic was added gets that topic, but holds its data all the same.
            newData = created.created().stream().anyMatch(topics.roles()::containsKey);
            out.printf("Topics: %d created, %d already present%n", created.created().size(), created.existing().size());
        }
        ParkModel generated = ParkModel.generate(ParkSettings.defaults(o.seed()).withEnterpriseCount(o.enterprises()));
        DeviceFleet devices = DeviceFleet.of(generated, o.simulator() ? config.gateway().simulatedEnterprises() : 0,
                o.seed());
        // The register says a stack has a CEMS where a simulated one sends its data, and only there.
        ParkModel park = generated.withCemsOn(devices.stackIds());
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            print(out, "Emission factors", loader.publishDefaultFactors(topics.emissionFactors()));
            print(out, "Enterprises", loader.publishEnterprises(topics.enterprises(), park.enterpriseRecords()));
            print(out, "Threshold rules", loader.publishDefaultThresholdRules(topics.thresholdRules()));
            if (!devices.isEmpty()) {
                // Registered as the device command registers one, before the gateway reads the list.
                print(out, "HJ 212 devices", loader.publish(topics.devices(), devices.records()));
            }
        }

        var meters = ApiMetrics.prometheusRegistry();
        PipelineRunner pipeline = PipelineRunner.start(config, meters);
        started.push(pipeline);
        pipeline.awaitRunning(Duration.ofMinutes(2));
        endpoints.put("Pipeline", "application id " + config.kafka().applicationId() + ", state in "
                + config.kafka().stateDir());

        ApiServer api = ApiServer.start(PipelineMain.apiSettings(config), pipeline.streams(), meters,
                Clock.systemUTC(), Optional.of(ConfiguredReports.of(config)));
        started.push(api);
        apiUrl = "http://127.0.0.1:" + api.port();
        endpoints.put("HTTP API", apiUrl + "/api/enterprises");

        Hj212Gateway gateway = GatewayRunner.start(config, meters);
        started.push(gateway);
        gatewayPort = gateway.port();
        endpoints.put("HJ 212 gateway", config.gateway().host() + ":" + gateway.port() + " (devices on "
                + topics.devices() + ", packets kept on " + topics.hj212Packets() + ", data gaps on "
                + topics.dataGaps() + ")");

        if (o.simulator()) {
            startSimulator(park, devices, topics, broker.bootstrapServers(), registry.url(), o.seed(), newData,
                    o.history());
            endpoints.put("Simulated park", park.parkId() + ", " + o.enterprises() + " enterprises, 1-minute readings");
            if (!devices.isEmpty()) {
                startDevices(park, devices, config, o.seed(), newData, o.history());
                endpoints.put("Simulated devices", devices.enterpriseIds().size() + " enterprises ("
                        + String.join(", ", devices.enterpriseIds()) + ") as " + devices.devices().size()
                        + " HJ 212 wastewater data loggers and " + devices.cems().size() + " stack CEMS on "
                        + config.gateway().host() + ":" + gatewayPort + ", hourly data and 1-minute real-time data");
            }
        }
        printEndpoints(out, topics);
    }

    /**
     * On a new data directory the park's history is filled in first, so the API shows figures at once: the previous
     * month and this month up to yesterday as daily records (with the previous month's IAV reports, so intensities
     * have a denominator), yesterday and today up to the current hour at hourly readings, then the current hour at
     * 1-minute readings. Then events follow the wall clock. The coarser the past, the fewer events the pipeline
     * accounts before it reaches the current hour (BENCHMARKS.md, "First minutes of ./parkwatch local"); the totals
     * are as exact either way, since each record carries its own amount. A restart on kept data resumes at the wall
     * clock: filling in again would only produce resends and late events.
     */
    private void startSimulator(ParkModel park, DeviceFleet devices, Topics topics, String bootstrap,
                                String registryUrl, long seed, boolean newData, boolean withHistory) {
        SimulatorTopics simulatorTopics = SimulatorTopicsOf.park(topics);
        Properties producer = new Properties();
        producer.put("bootstrap.servers", bootstrap);
        // The loggers' enterprises send their wastewater over HJ 212 from where the hourly history starts, and not
        // as Avro from then on, so no interval is counted twice; the daily records before stay Avro (a logger
        // uploading a month of hours would slow the first minutes, see BENCHMARKS.md).
        Set<String> viaDevices = devices.enterpriseIds();
        ParkSimulator daily = simulator(park, Set.of(), GeneratorSettings.defaults(seed).withMeterInterval(Duration.ofDays(1))
                .withSampleInterval(Duration.ofDays(1)), simulatorTopics, producer, registryUrl);
        ParkSimulator hourly = simulator(park, viaDevices, GeneratorSettings.defaults(seed).withMeterInterval(Duration.ofHours(1))
                .withSampleInterval(Duration.ofHours(1)), simulatorTopics, producer, registryUrl);
        ParkSimulator live = simulator(park, viaDevices, GeneratorSettings.defaults(seed).withMeterInterval(Duration.ofMinutes(1))
                .withSampleInterval(Duration.ofMinutes(5)), simulatorTopics, producer, registryUrl);
        started.push(daily::stop);
        started.push(hourly::stop);
        started.push(live::stop);
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(park.zone());
        Instant startOfDay = today.atStartOfDay(park.zone()).toInstant();
        Instant startOfYesterday = today.minusDays(1).atStartOfDay(park.zone()).toInstant();
        Instant startOfLastMonth = today.withDayOfMonth(1).minusMonths(1).atStartOfDay(park.zone()).toInstant();
        Instant startOfHour = now.atZone(park.zone()).truncatedTo(ChronoUnit.HOURS).toInstant();
        simulatorThread = new Thread(() -> {
            try {
                if (newData && withHistory) {
                    daily.run(RunPlan.backfill(startOfLastMonth, startOfYesterday).withProgress(false)
                            .withEnterprises(false));
                }
                if (newData) {
                    hourly.run(RunPlan.backfill(withHistory ? startOfYesterday : startOfDay, startOfHour)
                            .withProgress(false).withEnterprises(false));
                    live.run(RunPlan.backfill(startOfHour, now).withProgress(false).withEnterprises(false));
                }
                live.run(RunPlan.realTime(newData ? now : Instant.now()).withEnterprises(false));
            } catch (RuntimeException e) {
                log.error("Simulator stopped", e);
            } finally {
                daily.close();
                hourly.close();
                live.close();
            }
        }, "parkwatch-simulator");
        simulatorThread.setDaemon(true);
        simulatorThread.start();
    }

    private static ParkSimulator simulator(ParkModel park, Set<String> viaDevices, GeneratorSettings settings,
                                           SimulatorTopics topics, Properties producer, String registryUrl) {
        EventGenerator generator = new EventGenerator(park, settings).withoutWastewaterOf(viaDevices);
        return ParkSimulator.withKafka(generator, topics, producer, SimulatorCommand.registrySerializer(registryUrl));
    }

    /**
     * The enterprises run as devices connect to the gateway. On a new data directory each logger first uploads the
     * hours the Avro simulator fills in hourly for the others (from the start of yesterday, or of today without
     * history), then follows the wall clock.
     */
    private void startDevices(ParkModel park, DeviceFleet devices, ParkWatchConfig config, long seed,
                              boolean newData, boolean withHistory) {
        LocalDate today = LocalDate.now(park.zone());
        Instant from = (withHistory ? today.minusDays(1) : today).atStartOfDay(park.zone()).toInstant();
        DeviceFleetRunner.Settings settings = new DeviceFleetRunner.Settings(
                new InetSocketAddress(config.gateway().host(), gatewayPort), Duration.ofSeconds(5), 3,
                new FaultPlan(seed, config.gateway().simulatedFaultProbability()));
        DeviceFleetRunner runner = DeviceFleetRunner.start(devices,
                new EventGenerator(park, GeneratorSettings.defaults(seed)), config.accounting().zone(), settings,
                newData ? Optional.of(from) : Optional.empty());
        started.push(runner);
    }

    private static void print(PrintStream out, String what, org.parkwatch.deploy.admin.PublishSummary summary) {
        out.printf("%s: %d written, %d already present%n", what, summary.written().size(), summary.unchanged().size());
    }

    private void printEndpoints(PrintStream out, Topics topics) {
        out.println();
        out.println("ParkWatch local stack is running:");
        endpoints.forEach((what, where) -> out.printf("  %-22s %s%n", what, where));
        out.printf("  %-22s %s, %s, %s, %s%n", "Input topics", topics.meterReadings(), topics.fuelConsumption(),
                topics.wastewaterSamples(), topics.flueGasSamples());
        out.printf("  %-22s %s, %s, %s, %s%n", "Output topics", topics.emissionsLedger(), topics.enterpriseTotals(),
                topics.parkTotals(), topics.deadLetters());
        out.println("Press Ctrl-C to stop (data is kept).");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The port HJ 212 devices connect to. */
    public int gatewayPort() {
        return gatewayPort;
    }

    /** Base URL of the HTTP API, e.g. http://127.0.0.1:8080. */
    public String apiUrl() {
        return apiUrl;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}", next, e);
            }
        }
        if (simulatorThread != null) {
            simulatorThread.interrupt();
        }
    }
}
