package org.parkwatch.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.parkwatch.registry.state.CompatibilityLevel;

/**
 * Runs the registry as its own process until it is stopped. Options: {@code --bootstrap-servers} (required),
 * {@code --port} (8081), {@code --host} (127.0.0.1), {@code --topic} (_parkwatch_schemas),
 * {@code --default-compatibility} (BACKWARD), {@code --replication-factor} (1), {@code --password-file} (users and
 * roles; none: open), {@code --tls-keystore} and {@code --tls-keystore-type} (PKCS12), the key store's password
 * read from the environment variable {@value #KEYSTORE_PASSWORD_ENV} so it shows in no process list, and
 * {@code --open}, needed to serve without a password file on an address other than loopback, and
 * {@code --kafka-config}, a properties file of Kafka client settings for a secured cluster (security.protocol,
 * sasl.jaas.config, ssl.truststore.*), kept in a file so that its password shows in no process list.
 */
public final class RegistryMain {

    static final String KEYSTORE_PASSWORD_ENV = "PARKWATCH_REGISTRY_TLS_KEYSTORE_PASSWORD";

    /** What the command line asks for: where to listen and store, and how to protect it. */
    record Launch(RegistrySettings settings, RegistrySecurity security) {
    }

    private RegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Launch launch;
        try {
            launch = launch(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: RegistryMain --bootstrap-servers HOST:PORT [--port 8081] [--host 127.0.0.1]"
                    + " [--topic _parkwatch_schemas] [--default-compatibility BACKWARD] [--replication-factor 1]"
                    + " [--password-file FILE] [--tls-keystore FILE [--tls-keystore-type PKCS12]] [--open]"
                    + " [--kafka-config FILE]"
                    + " (key store password in " + KEYSTORE_PASSWORD_ENV + ")");
            System.exit(2);
            return;
        }
        SchemaRegistryServer server = SchemaRegistryServer.start(launch.settings(), launch.security());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "registry-shutdown"));
        System.out.println("Schema Registry listening on " + server.url()
                + (server.authenticates() ? " (basic authentication)" : " (open: no authentication)"));
        stopped.await();
    }

    /**
     * Checks a command line as the registry would read it at start-up, so deployment files can be tested against it.
     *
     * @throws IllegalArgumentException what the registry would refuse to start with
     */
    public static void checkCommandLine(List<String> args) {
        launch(args.toArray(String[]::new), Map.of());
    }

    /**
     * Reads the command line, and the key store password from {@code environment}.
     *
     * @throws IllegalArgumentException for a bad option, and for an open registry on an address other than
     *                                  loopback unless {@code --open} says so
     */
    static Launch launch(String[] args, Map<String, String> environment) {
        List<String> rest = new ArrayList<>();
        RegistrySecurity security = RegistrySecurity.open();
        Path keyStore = null;
        String keyStoreType = "PKCS12";
        boolean open = false;
        Map<String, String> kafkaSettings = Map.of();
        for (int i = 0; i < args.length; i++) {
            String option = args[i].toLowerCase(Locale.ROOT);
            if (option.equals("--open")) {
                open = true;
                continue;
            }
            boolean ours = option.equals("--password-file") || option.equals("--tls-keystore")
                    || option.equals("--tls-keystore-type") || option.equals("--kafka-config");
            if (!ours) {
                rest.add(args[i]);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + args[i]);
            }
            String value = args[++i];
            switch (option) {
                case "--password-file" -> security = security.withPasswordFile(Path.of(value));
                case "--tls-keystore" -> keyStore = Path.of(value);
                case "--kafka-config" -> kafkaSettings = kafkaSettings(Path.of(value));
                default -> keyStoreType = value;
            }
        }
        if (keyStore != null) {
            String password = environment.get(KEYSTORE_PASSWORD_ENV);
            if (password == null) {
                throw new IllegalArgumentException("--tls-keystore needs its password in " + KEYSTORE_PASSWORD_ENV);
            }
            security = security.withTls(new RegistrySecurity.Tls(keyStore, password, keyStoreType));
        }
        RegistrySettings settings = parse(rest.toArray(String[]::new)).withKafkaClientSettings(kafkaSettings);
        if (!security.authenticates() && !open && !isLoopback(settings.host())) {
            throw new IllegalArgumentException("Refusing to serve schemas to anyone on " + settings.host()
                    + " without --password-file: anyone who reaches it could register or delete schemas."
                    + " Give --password-file, listen on 127.0.0.1, or say --open.");
        }
        return new Launch(settings, security);
    }

    private static Map<String, String> kafkaSettings(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read --kafka-config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        props.stringPropertyNames().forEach(key -> settings.put(key, props.getProperty(key)));
        return settings;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equals("localhost");
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
