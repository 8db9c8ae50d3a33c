package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import picocli.CommandLine;

/**
 * {@code setup} and {@code pipeline} stop at once, with exit status 3 and a message naming what they could not use,
 * when the Kafka cluster or the Schema Registry does not answer, and the pipeline refuses topics read together
 * whose partition counts differ. Each runs through the real entry point (picocli, or PipelineMain's run).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StartupChecksIT {

    private static KafkaStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void setupShouldNameTheUnreachableClusterWithinTheConnectTimeout() throws IOException {
        String nobody = "127.0.0.1:" + closedPort();
        Path config = properties(Map.of("parkwatch.bootstrap.servers", nobody,
                "parkwatch.connect.timeout.ms", "2000"));

        Outcome setup = cli("setup", "--config", config.toString());

        assertThat(setup.status()).isEqualTo(3);
        assertThat(setup.err()).contains("Cannot reach the Kafka cluster at " + nobody
                + " (parkwatch.bootstrap.servers): no answer within 2 s");
        // 2 s for the cluster, plus class loading and the admin client's start on a busy machine; Kafka's own
        // clients would have retried for 60 s.
        assertThat(setup.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void setupShouldGiveUpWithinTenSecondsByDefault() throws IOException {
        String nobody = "127.0.0.1:" + closedPort();
        Path config = properties(Map.of("parkwatch.bootstrap.servers", nobody));

        Outcome setup = cli("setup", "--config", config.toString());

        assertThat(setup.status()).isEqualTo(3);
        assertThat(setup.err()).contains(nobody + " (parkwatch.bootstrap.servers): no answer within 10 s");
        assertThat(setup.elapsed()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(20));
    }

    @Test
    void setupShouldNameTheUnreachableRegistryOnceTheClusterAnswers() throws IOException {
        String nobody = "http://127.0.0.1:" + closedPort();
        Path config = properties(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", nobody, "parkwatch.topic.prefix", uniquePrefix()));

        Outcome setup = cli("setup", "--config", config.toString());

        assertThat(setup.status()).isEqualTo(3);
        assertThat(setup.err()).contains("the Schema Registry at " + nobody + " (parkwatch.schema.registry.url)");
        assertThat(setup.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void setupWithoutFactorsShouldNotNeedTheRegistry() throws IOException {
        Path config = properties(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", "http://127.0.0.1:" + closedPort(),
                "parkwatch.topic.prefix", uniquePrefix(), "parkwatch.topic.partitions", "1"));

        Outcome setup = cli("setup", "--config", config.toString(), "--no-factors");

        assertThat(setup.status()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("Topics: 21 created, 0 already present");
    }

    @Test
    void pipelineShouldNameTheUnreachableClusterOrRegistry() throws IOException {
        String noBroker = "127.0.0.1:" + closedPort();
        String noRegistry = "http://127.0.0.1:" + closedPort();

        Outcome noCluster = pipeline(Map.of("parkwatch.bootstrap.servers", noBroker,
                "parkwatch.connect.timeout.ms", "2000"));
        Outcome registryDown = pipeline(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", noRegistry));

        assertThat(noCluster.status()).isEqualTo(3);
        assertThat(noCluster.err()).contains("Cannot reach the Kafka cluster at " + noBroker);
        assertThat(noCluster.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(registryDown.status()).isEqualTo(3);
        assertThat(registryDown.err()).contains("the Schema Registry at " + noRegistry);
        assertThat(registryDown.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void simulateShouldNameTheUnreachableClusterOrRegistry() throws IOException {
        String noBroker = "127.0.0.1:" + closedPort();
        String noRegistry = "http://127.0.0.1:" + closedPort();

        Outcome noCluster = cli("simulate", "--bootstrap-servers", noBroker, "--events", "10", "--fast");
        Outcome registryDown = cli("simulate", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", noRegistry, "--events", "10", "--fast");

        assertThat(noCluster.status()).isEqualTo(3);
        assertThat(noCluster.err()).contains("Cannot reach the Kafka cluster at " + noBroker, "within 10 s");
        // The default 10 s, where the producer alone waited 60 s for metadata.
        assertThat(noCluster.elapsed()).isLessThan(Duration.ofSeconds(20));
        assertThat(registryDown.status()).isEqualTo(3);
        assertThat(registryDown.err()).contains("Cannot reach the Schema Registry at " + noRegistry);
    }

    @Test
    void pipelineShouldRefuseActivityInputsWithDifferentPartitionCounts() throws Exception {
        String prefix = setUpWithWastewaterOnThreePartitionsAndTheRestOnTwo();

        Outcome pipeline = pipeline(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", stack.registryUrl(), "parkwatch.topic.prefix", prefix));

        assertThat(pipeline.status()).isEqualTo(3);
        assertThat(pipeline.err()).contains(prefix + ".fuel-consumption: 2 partitions",
                prefix + ".meter-readings: 2 partitions", prefix + ".output-reports: 2 partitions",
                prefix + ".wastewater-samples: 3 partitions", "same number of partitions");
        // Refused before Kafka Streams started: its consumer group never existed.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            assertThat(admin.listGroups().all().get(30, TimeUnit.SECONDS))
                    .noneMatch(group -> group.groupId().equals("parkwatch-" + prefix));
        }
    }

    @Test
    void theRunnerShouldRefuseDifferentPartitionCountsWhoeverStartsIt() throws Exception {
        // The local stack and the benchmark start the pipeline through PipelineRunner, not the command line.
        String prefix = setUpWithWastewaterOnThreePartitionsAndTheRestOnTwo();
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", stack.registryUrl(), "parkwatch.topic.prefix", prefix,
                "parkwatch.application.id", "parkwatch-" + prefix,
                "parkwatch.state.dir", dir.resolve("runner-state").toString()));

        assertThatThrownBy(() -> PipelineRunner.start(config, new SimpleMeterRegistry()).close())
                .hasMessageContaining(prefix + ".wastewater-samples: 3 partitions")
                .hasMessageContaining(prefix + ".meter-readings: 2 partitions");
    }

    @Test
    void recordsAreJudgedAgainstTheInputsRealPartitionCountNotTheConfiguredOne() throws Exception {
        // topics made with 2 partitions; this instance's configuration says 6 (the count setup would create)
        String prefix = uniquePrefix();
        Path setupConfig = properties(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", stack.registryUrl(), "parkwatch.topic.prefix", prefix,
                "parkwatch.topic.partitions", "2"));
        assertThat(cli("setup", "--config", setupConfig.toString(), "--no-factors").status()).isZero();
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", stack.registryUrl(), "parkwatch.topic.prefix", prefix,
                "parkwatch.topic.partitions", "6", "parkwatch.api.auth.required", "false",
                "parkwatch.application.id", "parkwatch-" + prefix,
                "parkwatch.state.dir", dir.resolve("placement-state").toString()));
        // a key murmur2 places on different partitions of 2 and of 6
        String key = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "E" + i)
                .filter(k -> partitionOf(k, 2) != partitionOf(k, 6))
                .findFirst().orElseThrow();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters)) {
            runner.awaitRunning(Duration.ofSeconds(90));
            try (var producer = stack.producer()) {
                // the Java client's default partitioner: the record is where its key belongs on this cluster
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(prefix + ".meter-readings", key,
                        org.parkwatch.avro.MeterReading.newBuilder().setEventId("m-1").setEnterpriseId(key)
                                .setMeterId("M1").setCarrier(org.parkwatch.avro.EnergyCarrier.ELECTRICITY)
                                .setQuantity(100).setUnit("kWh")
                                .setIntervalStart(java.time.Instant.now().minusSeconds(3600))
                                .setIntervalEnd(java.time.Instant.now().minusSeconds(60)).build())).get();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    counter(meters, "parkwatch.input.rejected") + counter(meters, "parkwatch.input.accepted") >= 1);
            assertThat(counter(meters, "parkwatch.input.unexpected.partition")).isZero();
        }
    }

    private static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static double counter(SimpleMeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** A topic made by hand before setup, which leaves existing topics as they are. */
    private String setUpWithWastewaterOnThreePartitionsAndTheRestOnTwo() throws Exception {
        String prefix = uniquePrefix();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + ".wastewater-samples", 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Path config = properties(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", stack.registryUrl(), "parkwatch.topic.prefix", prefix,
                "parkwatch.topic.partitions", "2"));
        Outcome setup = cli("setup", "--config", config.toString(), "--no-factors");
        assertThat(setup.status()).as(setup.err()).isZero();
        return prefix;
    }

    @Test
    void pipelineShouldRefuseToStartWhenAnInputTopicIsMissing() throws Exception {
        String prefix = uniquePrefix();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + ".meter-readings", 2, (short) 1),
                    new NewTopic(prefix + ".wastewater-samples", 2, (short) 1),
                    new NewTopic(prefix + ".output-reports", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        Outcome pipeline = pipeline(Map.of("parkwatch.bootstrap.servers", stack.bootstrapServers(),
                "parkwatch.schema.registry.url", stack.registryUrl(), "parkwatch.topic.prefix", prefix));

        assertThat(pipeline.status()).isEqualTo(3);
        assertThat(pipeline.err()).contains(prefix + ".fuel-consumption: does not exist", "./parkwatch setup");
    }

    private record Outcome(int status, String out, String err, Duration elapsed) {
    }

    private static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ParkWatchCli.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int status = cli.execute(args);
        return new Outcome(status, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * {@code pipeline --set key=value...} through the command line; the pipeline writes its refusals to the
     * process's stderr, which is captured with the command line's own.
     */
    private Outcome pipeline(Map<String, String> settings) {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        overrides.putIfAbsent("parkwatch.application.id", "parkwatch-" + settings.getOrDefault(
                "parkwatch.topic.prefix", uniquePrefix()));
        overrides.put("parkwatch.state.dir", dir.resolve("state").toString());
        overrides.put("parkwatch.api.auth.token", "t0ken");
        overrides.put("parkwatch.api.port", "0");
        List<String> args = new ArrayList<>(List.of("pipeline"));
        overrides.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        PrintStream original = System.err;
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        Outcome outcome;
        try {
            outcome = cli(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        return new Outcome(outcome.status(), outcome.out(),
                outcome.err() + processErr.toString(StandardCharsets.UTF_8), outcome.elapsed());
    }

    private Path properties(Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Files.writeString(Files.createTempFile(dir, "parkwatch", ".properties"), text);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String uniquePrefix() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }
}
