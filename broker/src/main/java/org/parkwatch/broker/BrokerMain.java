package org.parkwatch.broker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker as a process of its own: {@code BrokerMain [port] [controllerPort] [dataDir]}.
 * Stops cleanly on SIGTERM / Ctrl-C and keeps its data directory.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int controllerPort = args.length > 1 ? Integer.parseInt(args[1]) : 9093;
        Path dataDir = Path.of(args.length > 2 ? args[2] : "data/kafka");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.persistent(port, controllerPort, dataDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("Kafka broker listening on " + broker.bootstrapServers());
        stopped.await();
    }
}
