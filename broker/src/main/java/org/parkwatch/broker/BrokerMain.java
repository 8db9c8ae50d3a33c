package org.parkwatch.broker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker as a process of its own: {@code BrokerMain [port] [controllerPort] [dataDir]
 * [securityFile]}. With a security file ({@link BrokerSecurity#fromProperties}) its client listener is SASL_SSL with
 * SCRAM-SHA-512 and ACLs. Stops cleanly on SIGTERM / Ctrl-C and keeps its data directory.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int controllerPort = args.length > 1 ? Integer.parseInt(args[1]) : 9093;
        Path dataDir = Path.of(args.length > 2 ? args[2] : "data/kafka");
        BrokerSettings settings = BrokerSettings.persistent(port, controllerPort, dataDir);
        if (args.length > 3) {
            Properties security = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(args[3]))) {
                security.load(reader);
            }
            settings = settings.withSecurity(BrokerSecurity.fromProperties(security));
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("Kafka broker listening on " + broker.bootstrapServers()
                + (settings.security().isPresent() ? " (SASL_SSL, SCRAM-SHA-512, ACLs)" : " (PLAINTEXT, open)"));
        stopped.await();
    }
}
