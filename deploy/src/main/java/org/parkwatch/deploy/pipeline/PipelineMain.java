package org.parkwatch.deploy.pipeline;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline process: runs until SIGTERM (exit through the shutdown hook, after a clean close) or until the
 * streams client dies (exit status 1). Bad arguments or configuration exit with status 2. Topics must exist
 * beforehand; creating them is a separate, explicit step.
 */
public final class PipelineMain {

    static final int EXIT_CLIENT_DIED = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMain.class);

    private PipelineMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) {
        ParkWatchConfig config;
        try {
            PipelineArguments arguments = PipelineArguments.parse(args);
            config = new ConfigLoader(environment).load(arguments.configFile(), arguments.overrides());
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println(PipelineArguments.USAGE);
            return EXIT_USAGE;
        }
        LOG.info("Starting pipeline {} against {}", config.kafka().applicationId(), config.kafka().bootstrapServers());
        PipelineRunner runner = PipelineRunner.start(config, new SimpleMeterRegistry());
        AtomicBoolean terminating = new AtomicBoolean();
        Thread shutdownHook = new Thread(() -> {
            terminating.set(true);
            LOG.info("Termination requested; closing the pipeline");
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
        runner.close();
        return EXIT_CLIENT_DIED;
    }
}
