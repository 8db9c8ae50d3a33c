package org.parkwatch.registry;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.parkwatch.registry.state.CompatibilityLevel;

/**
 * Runs the registry as its own process until it is stopped. Options: {@code --bootstrap-servers} (required),
 * {@code --port} (8081), {@code --host} (127.0.0.1), {@code --topic} (_parkwatch_schemas),
 * {@code --default-compatibility} (BACKWARD), {@code --replication-factor} (1).
 */
public final class RegistryMain {

    private RegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RegistrySettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: RegistryMain --bootstrap-servers HOST:PORT [--port 8081] [--host 127.0.0.1]"
                    + " [--topic _parkwatch_schemas] [--default-compatibility BACKWARD] [--replication-factor 1]");
            System.exit(2);
            return;
        }
        SchemaRegistryServer server = SchemaRegistryServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "registry-shutdown"));
        System.out.println("Schema Registry listening on " + server.url());
        stopped.await();
    }

    /** Reads the command line into settings, starting from {@link RegistrySettings#of}'s defaults. */
    static RegistrySettings parse(String[] args) {
        String bootstrapServers = null;
        String host = RegistrySettings.DEFAULT_HOST;
        String topic = RegistrySettings.DEFAULT_TOPIC;
        int port = RegistrySettings.DEFAULT_PORT;
        CompatibilityLevel level = CompatibilityLevel.BACKWARD;
        short replicationFactor = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = args[++i];
            switch (option.toLowerCase(Locale.ROOT)) {
                case "--bootstrap-servers" -> bootstrapServers = value;
                case "--port" -> port = number(option, value);
                case "--host" -> host = value;
                case "--topic" -> topic = value;
                case "--default-compatibility" -> level = CompatibilityLevel.valueOf(value.toUpperCase(Locale.ROOT));
                case "--replication-factor" -> replicationFactor = (short) number(option, value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (bootstrapServers == null) {
            throw new IllegalArgumentException("--bootstrap-servers is required");
        }
        return RegistrySettings.of(bootstrapServers, port).withHost(host).withTopic(topic)
                .withDefaultCompatibility(level).withReplicationFactor(replicationFactor);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + value, e);
        }
    }
}
