package org.parkwatch.deploy.gateway;

import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import org.parkwatch.api.ApiMetrics;
import org.apache.kafka.common.config.ConfigException;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.gateway.Hj212Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: the HJ 212 gateway against an existing cluster and registry, until SIGTERM. Bad
 * configuration exits with status 2; a Kafka cluster or Schema Registry that does not answer within
 * {@code parkwatch.connect.timeout.ms}, with status 3. The topics (and devices) must exist: run setup first.
 */
public final class GatewayMain {

    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static int run(Optional<Path> configFile, Map<String, String> overrides, Map<String, String> environment)
            throws InterruptedException {
        ParkWatchConfig config;
        try {
            config = new ConfigLoader(environment).load(configFile, overrides);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return EXIT_USAGE;
        }
        Hj212Gateway gateway;
        PrometheusMeterRegistry meters = ApiMetrics.prometheusRegistry();
        try {
            ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
            check.kafka(config.kafka());
            check.registry(config.registry());
            gateway = GatewayRunner.start(config, meters);
        } catch (StartupRefusedException e) {
            System.err.println(e.getMessage());
            return StartupRefusedException.EXIT_STATUS;
        }
        GatewayHttpEndpoint http;
        try {
            http = GatewayHttpEndpoint.start(config.gateway().host(), config.gateway().metricsPort(), meters);
        } catch (IOException e) {
            gateway.close();
            System.err.println("Cannot serve the gateway's metrics on " + config.gateway().host() + ":"
                    + config.gateway().metricsPort() + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        System.out.println("HJ 212 gateway listening on " + config.gateway().host() + ":" + gateway.port()
                + "; metrics on http://" + config.gateway().host() + ":" + http.port() + "/metrics");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Termination requested; closing the gateway");
            http.close();
            gateway.close();
            stopped.countDown();
        }, "parkwatch-gateway-shutdown"));
        stopped.await();
        return 0;
    }
}
