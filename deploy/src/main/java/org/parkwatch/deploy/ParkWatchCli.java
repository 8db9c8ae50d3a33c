package org.parkwatch.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.parkwatch.deploy.pipeline.PipelineMain;
import org.parkwatch.simulator.SimulatorCommand;
import org.parkwatch.simulator.SimulatorTopics;
import org.parkwatch.topology.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code parkwatch} command. */
@Command(name = "parkwatch", mixinStandardHelpOptions = true,
        description = "Real-time emissions monitoring for industrial parks.",
        subcommands = {ParkWatchCli.Local.class, ParkWatchCli.Pipeline.class, SetupCommand.class})
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
        return new CommandLine(new ParkWatchCli()).addSubcommand("simulate", new SimulatorCommand(simulatorTopics));
    }

    @Override
    public Integer call() {
        commandLine().usage(System.out);
        return 0;
    }

    /** Everything on this machine, on embedded defaults. */
    @Command(name = "local", mixinStandardHelpOptions = true,
            description = "Start broker, schema registry, topics, reference data, pipeline, simulated park and API.")
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
            var options = new LocalStack.Options(kafkaPort, controllerPort, registryPort, apiPort, dataDir,
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
    @Command(name = "pipeline", description = "Run the pipeline against an existing Kafka cluster and Schema Registry.")
    static final class Pipeline implements Callable<Integer> {

        @CommandLine.Parameters(description = "[--config FILE] [--set key=value]...")
        String[] args = new String[0];

        @Override
        public Integer call() {
            PipelineMain.main(args);
            return 0;
        }
    }
}
