package org.parkwatch.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one), listening on loopback only.
 * It is Apache Kafka's own server, started in this JVM, not a mock: transactions, compaction and consumer groups
 * behave as in production.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final BrokerSettings settings;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings, KafkaRaftServer server) {
        this.settings = settings;
        this.server = server;
    }

    /** Formats the data directory if it is new, starts the broker and returns once it answers metadata requests. */
    public static EmbeddedKafkaBroker start(BrokerSettings requested) {
        BrokerSettings settings = requested.withConcretePorts();
        Properties props = serverProperties(settings);
        try {
            Files.createDirectories(settings.dataDir());
            format(settings);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + settings.dataDir(), e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings, server);
        broker.awaitReady();
        log.info("Kafka broker ready on {} (data in {})", broker.bootstrapServers(), settings.dataDir());
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (settings.deleteOnClose()) {
            deleteRecursively(settings.dataDir());
        }
    }

    static Properties serverProperties(BrokerSettings s) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + s.controllerPort());
        String listener = s.security().isPresent() ? BrokerSecurity.LISTENER : "PLAINTEXT";
        p.put("listeners", listener + "://127.0.0.1:" + s.port() + ",CONTROLLER://127.0.0.1:" + s.controllerPort());
        p.put("advertised.listeners", listener + "://127.0.0.1:" + s.port());
        p.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", listener);
        s.security().ifPresent(security -> p.putAll(security.brokerProperties()));
        p.put("log.dirs", s.dataDir().toAbsolutePath().toString());
        // A single node cannot replicate: every internal topic must accept replication factor 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "3");
        // Consumer groups of tests and of the local stack start at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        s.overrides().forEach(p::put);
        return p;
    }

    private static void format(BrokerSettings s) throws Exception {
        if (Files.exists(s.dataDir().resolve("meta.properties"))) {
            return; // an existing data directory keeps its cluster id, topics and offsets
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(s.dataDir().toAbsolutePath().toString()))
                .setMetadataLogDirectory(s.dataDir().toAbsolutePath().toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName("CONTROLLER")
                // Transactions version 1: under version 2 (KIP-890) every transaction bumps the producer epoch and
                // the broker refuses, as retriable, a batch whose sequence is not 0 when it overtakes the first one
                // (KAFKA-18202); on this single loopback broker that turned most exactly-once commits of the
                // pipeline into retry loops. Version 1 keeps exactly-once with no such retries.
                .setFeatureLevel("transaction.version", (short) 1)
                .setScramArguments(s.security().map(BrokerSecurity::formatScramArguments).orElse(List.of()))
                .setIgnoreFormatted(false)
                .run();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> conf = new HashMap<>(settings.security().map(BrokerSecurity::adminClientProperties)
                .orElse(Map.of()));
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(conf)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("Kafka broker not ready within " + READY_TIMEOUT, notYet);
                    }
                }
                Thread.onSpinWait();
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
