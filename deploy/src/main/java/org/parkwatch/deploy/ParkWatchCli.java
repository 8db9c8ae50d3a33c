package org.parkwatch.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.config.ConfigException;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.config.RegistryConnection;
import org.parkwatch.deploy.gateway.GatewayMain;
import org.parkwatch.deploy.pipeline.PipelineArguments;
import org.parkwatch.deploy.pipeline.PipelineMain;
import org.parkwatch.simulator.SimulatorCommand;
import org.parkwatch.simulator.SimulatorTopics;
import org.parkwatch.topology.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code parkwatch} command. */
@Command(name = "parkwatch", mixinStandardHelpOptions = true,
        description = "Real-time emissions monitoring for industrial parks.",
        subcommands = {ParkWatchCli.Local.class, ParkWatchCli.Pipeline.class, ParkWatchCli.Gateway.class,
                SetupCommand.class, DeviceCommand.class, AclsCommand.class, ReplayDeadLettersCommand.class,
                ReportCommand.class, RestateCommand.class})
public final class ParkWatchCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand; {@code simulate} is the simulator's own command, producing to the
     * default topic names (those of {@code ./parkwatch local} and {@code ./parkwatch setup} without a prefix).
     */
    static CommandLine commandLine() {
        Topics topics = Topics.defaults();
        SimulatorTopics simulatorTopics = SimulatorTopicsOf.park(topics);
        return new CommandLine(new ParkWatchCli()).addSubcommand("simulate", new SimulatorCommand(simulatorTopics))
                .setExecutionStrategy(ParkWatchCli::simulateAfterConnectionCheck)
                .setExecutionExceptionHandler(ParkWatchCli::explain);
    }

    /**
     * Runs the command given, {@code simulate} only once its cluster and registry have answered: its producer would
     * otherwise wait 60 s for a cluster that is not there before failing with a stack trace. The wait is
     * {@code parkwatch.connect.timeout.ms}, from the environment ({@code PARKWATCH_CONNECT_TIMEOUT_MS}), as
     * {@code simulate} has no configuration file.
     */
    private static int simulateAfterConnectionCheck(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult simulate = parsed.subcommand();
        if (simulate != null && simulate.commandSpec().name().equals("simulate")
                && !simulate.isUsageHelpRequested() && !simulate.isVersionHelpRequested()) {
            CommandLine command = simulate.commandSpec().commandLine();
            try {
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put(KafkaConnection.BOOTSTRAP_SERVERS, simulate.commandSpec().findOption("--bootstrap-servers")
                        .getValue());
                settings.put(RegistryConnection.URL, simulate.commandSpec().findOption("--schema-registry-url")
                        .getValue());
                // The check connects as the simulator's producer will, secured cluster or not.
                Path kafkaConfig = simulate.commandSpec().findOption("--kafka-config").getValue();
                if (kafkaConfig != null) {
                    SimulatorCommand.kafkaSettings(kafkaConfig).forEach((key, value) -> settings.put(
                            KafkaConnection.CLIENT_PREFIX + key, String.valueOf(value)));
                }
                ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(Optional.empty(), settings);
                ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
                check.kafka(config.kafka());
                check.registry(config.registry());
                // What the check connected with, PARKWATCH_KAFKA_* variables included, the producer uses too.
                ((SimulatorCommand) simulate.commandSpec().userObject())
                        .addKafkaSettings(config.kafka().clientOverrides());
            } catch (StartupRefusedException | ConfigException e) {
                try {
                    return explain(e, command, simulate);
                } catch (Exception unexpected) {
                    throw new IllegalStateException(unexpected);
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * A command that cannot start says why in one line, with a status scripts can tell apart; any other failure
     * keeps picocli's stack trace, which is what one needs to report it.
     */
    private static int explain(Exception failure, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        if (failure instanceof StartupRefusedException) {
            command.getErr().println(failure.getMessage());
            command.getErr().flush();
            return StartupRefusedException.EXIT_STATUS;
        }
        if (failure instanceof ConfigException) {
            command.getErr().println(failure.getMessage());
            command.getErr().flush();
            return 2;
        }
        throw failure;
    }

    @Override
    public Integer call() {
        commandLine().usage(System.out);
        return 0;
    }

    /** Everything on this machine, on embedded defaults. */
    @Command(name = "local", mixinStandardHelpOptions = true,
            description = "Start broker, schema registry, topics, reference data, pipeline, API, HJ 212 gateway and "
                    + "simulated park.")
    static final class Local implements Callable<Integer> {

        @Option(names = "--duration", description = "Run this many seconds, then stop and exit 0 (for scripts).")
        Long durationSeconds;

        @Option(names = "--no-simulator", description = "Do not start the simulated park: feed the input topics yourself.")
        boolean noSimulator;

        @Option(names = "--no-history", description = "On new data, fill in only today, not the previous month.")
        boolean noHistory;

        @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default ${DEFAULT-VALUE}).")
        int controllerPort;

        @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default ${DEFAULT-VALUE}).")
        int registryPort;

        @Option(names = "--api-port", defaultValue = "8080", description = "HTTP API port (default ${DEFAULT-VALUE}).")
        int apiPort;

        @Option(names = "--gateway-port", defaultValue = "9212", description = "HJ 212 gateway port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
        int gatewayPort;

        @Option(names = "--data-dir", defaultValue = "data", description = "Where broker and pipeline keep their data (default ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--enterprises", defaultValue = "50", description = "Enterprises in the simulated park (default ${DEFAULT-VALUE}).")
        int enterprises;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated park (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--set", description = "A configuration key=value (see README), repeatable.")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Override
        public Integer call() throws InterruptedException {
            var options = new LocalStack.Options(kafkaPort, controllerPort, registryPort, apiPort, gatewayPort, dataDir,
                    !noSimulator, !noHistory, enterprises, seed, overrides);
            CountDownLatch stop = new CountDownLatch(1);
            LocalStack stack = LocalStack.start(options, System.out);
            Thread hook = new Thread(() -> {
                System.out.println("Stopping the ParkWatch local stack...");
                stack.close();
                stop.countDown();
            }, "parkwatch-local-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (durationSeconds != null) {
                if (!stop.await(durationSeconds, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    hook.run();
                }
            } else {
                stop.await();
            }
            System.out.println("Stopped after " + Duration.ofMillis(System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()).toSeconds() + " s.");
            return 0;
        }
    }

    /** The pipeline alone, against an existing cluster and registry. */
    @Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run the pipeline and its HTTP API against an existing Kafka cluster and Schema Registry, "
                    + "until stopped (SIGTERM, Ctrl-C). The topics must exist: run setup first.",
                    "Stops at once, naming it, when the Kafka cluster or the Schema Registry does not answer within "
                            + "parkwatch.connect.timeout.ms (10 s), or when the topics read together differ in "
                            + "partition count."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:stopped on request", "1:the streams client stopped on its own",
                    "2:bad arguments or configuration",
                    "3:the Kafka cluster or the Schema Registry cannot be reached, or the topics read together are "
                            + "missing or differ in partition count"})
    static final class Pipeline implements Callable<Integer> {

        @Mixin
        ConfigurationOptions configuration = new ConfigurationOptions();

        @Override
        public Integer call() {
            return PipelineMain.run(new PipelineArguments(configuration.file(), configuration.overrides()),
                    System.getenv());
        }
    }

    /** The HJ 212 gateway alone, against an existing cluster and registry. */
    @Command(name = "gateway", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run the HJ 212 gateway: monitoring devices connect over TCP (parkwatch.gateway.port, "
                    + "9212) and their packets are kept, accounted and answered, until stopped (SIGTERM, Ctrl-C). "
                    + "The topics must exist and the devices be registered on the devices topic: run setup first.",
                    "Stops at once, naming it, when the Kafka cluster or the Schema Registry does not answer within "
                            + "parkwatch.connect.timeout.ms (10 s)."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:stopped on request", "2:bad arguments or configuration",
                    "3:the Kafka cluster or the Schema Registry cannot be reached"})
    static final class Gateway implements Callable<Integer> {

        @Mixin
        ConfigurationOptions configuration = new ConfigurationOptions();

        @Override
        public Integer call() throws InterruptedException {
            return GatewayMain.run(configuration.file(), configuration.overrides(), System.getenv());
        }
    }
}
