package org.parkwatch.deploy.pipeline;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.parkwatch.api.ApiMetrics;
import org.parkwatch.deploy.restate.AutomaticRestatement;
import org.parkwatch.deploy.restate.LedgerRestatement;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.api.ApiServer;
import org.parkwatch.deploy.report.ConfiguredReports;
import org.parkwatch.api.ApiSettings;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline process: the pipeline and its HTTP API (queries, dashboard, health, Prometheus metrics), running
 * until SIGTERM (exit through the shutdown hook, after a clean close) or until the streams client dies (exit
 * status 1). Bad arguments or configuration exit with status 2; a Kafka cluster or Schema Registry that does not
 * answer within {@code parkwatch.connect.timeout.ms}, or topics that do not suit the pipeline, with status 3.
 * Topics must exist beforehand; creating them is a separate, explicit step.
 */
public final class PipelineMain {

    static final int EXIT_CLIENT_DIED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_REFUSED = StartupRefusedException.EXIT_STATUS;

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMain.class);

    private PipelineMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) {
        PipelineArguments arguments;
        try {
            arguments = PipelineArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(PipelineArguments.USAGE);
            return EXIT_USAGE;
        }
        return run(arguments, environment);
    }

    /**
     * Runs the pipeline process until it is stopped, and returns its exit status.
     *
     * @param environment where {@code PARKWATCH_*} variables are read from
     */
    public static int run(PipelineArguments arguments, Map<String, String> environment) {
        ParkWatchConfig config;
        try {
            config = new ConfigLoader(environment).load(arguments.configFile(), arguments.overrides());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return EXIT_USAGE;
        }
        if (config.api().misconfiguration().isPresent()) {
            System.err.println(config.api().misconfiguration().get());
            return EXIT_USAGE;
        }
        PrometheusMeterRegistry meters = ApiMetrics.prometheusRegistry();
        PipelineRunner runner;
        try {
            ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
            check.kafka(config.kafka());
            check.registry(config.registry());
            LOG.info("Starting pipeline {} against {}", config.kafka().applicationId(),
                    config.kafka().bootstrapServers());
            runner = PipelineRunner.start(config, meters);
        } catch (StartupRefusedException e) {
            System.err.println(e.getMessage());
            return EXIT_REFUSED;
        }
        ApiServer api;
        try {
            api = ApiServer.start(apiSettings(config), runner.streams(), meters, Clock.systemUTC(),
                    Optional.of(ConfiguredReports.of(config)));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        LOG.info("HTTP API, dashboard and metrics on {}:{}", config.api().host(), api.port());
        AutomaticRestatement automatic = automaticRestatement(config);
        AtomicBoolean terminating = new AtomicBoolean();
        Thread shutdownHook = new Thread(() -> {
            terminating.set(true);
            LOG.info("Termination requested; closing the API and the pipeline");
            if (automatic != null) {
                automatic.close();
            }
            api.close();
            runner.close();
        }, "parkwatch-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        KafkaStreams.State end = runner.stopped().join();
        if (terminating.get()) {
            return 0;
        }
        LOG.error("Streams client stopped on its own in state {}; exiting", end);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Termination began meanwhile: the hook closes the pipeline.
            return 0;
        }
        if (automatic != null) {
            automatic.close();
        }
        api.close();
        runner.close();
        return EXIT_CLIENT_DIED;
    }

    /** The automatic restatement, when the agency enabled it ({@code parkwatch.restatement.automatic}); else null. */
    private static AutomaticRestatement automaticRestatement(ParkWatchConfig config) {
        if (!config.restatement().automatic()) {
            return null;
        }
        var registry = new RestSchemaRegistryClient(config.registry().clientSettings());
        var restatement = new LedgerRestatement(config.kafka(), registry, config.topicLayout().topics(),
                new WindowCalendar(config.accounting().zone()), config.startup().connectTimeout());
        LOG.info("Automatic restatement on: factors restated {} ms after a version is published",
                config.restatement().delay().toMillis());
        return new AutomaticRestatement(config.kafka(), registry, config.topicLayout().topics().emissionFactors(),
                restatement, config.restatement().delay()).start();
    }

    /**
     * The API settings of {@code config}. When this instance's address is advertised (as
     * {@code parkwatch.api.advertised.host}, or verbatim as {@code parkwatch.kafka.application.server=host:port}),
     * the API advertises it and forwards queries for keys held by other instances to theirs.
     */
    public static ApiSettings apiSettings(ParkWatchConfig config) {
        ApiSettings settings = new ApiSettings(config.api().host(), config.api().port(), config.api().requiredToken(),
                config.api().corsOrigins(), Optional.empty(), config.api().tls(),
                config.accounting().zone());
        return config.applicationServer().map(HostInfo::buildFromEndpoint)
                .map(address -> settings.advertisedAs(address.host(), address.port()))
                .orElse(settings);
    }
}
