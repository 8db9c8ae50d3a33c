package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.api.ApiMetrics;
import org.parkwatch.api.ApiServer;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.broker.BrokerSecurity;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.acl.ParkWatchAcls;
import org.parkwatch.deploy.config.AclConfig;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineMain;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.topology.Topics;

/**
 * The whole stack on a secured cluster: a broker whose only client listener is SASL_SSL (SCRAM-SHA-512) with the
 * standard authorizer, every party with its own user and only the ACLs {@code parkwatch acls --apply} created.
 * The registry keeps its schemas, setup creates the topics and publishes the default factors, a park platform
 * registers an enterprise, the enterprise and the simulator send their readings, the pipeline accounts them and the
 * API shows the totals; and an enterprise that writes an emission factor is refused.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSecurityIT {

    private static final String ADMIN = "parkwatch-admin";
    private static final String PIPELINE = "parkwatch-pipeline";
    private static final String SETUP = "parkwatch-setup";
    private static final String REGISTRY = "parkwatch-registry";
    private static final String ENTERPRISE = "parkwatch-enterprise";
    private static final String PLATFORM = "parkwatch-platform";
    // The simulator plays the park platform (it registers its enterprises) and the enterprises (their readings).
    private static final String SIMULATOR = "parkwatch-simulator";
    // A user whose password the rotation test retires, and the user that takes over from it.
    private static final String RETIRING = "parkwatch-enterprise-2026";
    private static final String SUCCESSOR = "parkwatch-enterprise-2027";
    private static final String TOKEN = secret();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static final Map<String, String> passwords = new LinkedHashMap<>();
    private static BrokerSecurity security;
    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startSecuredClusterWithTheAclsOfTheAclsCommand() throws Exception {
        BrokerCertificate certificate = BrokerCertificate.create(work, secret());
        security = new BrokerSecurity(certificate.keyStore(), certificate.password(), "PKCS12",
                certificate.certificate(), null, "PEM", "parkwatch-broker", secret(), ADMIN, secret());
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral().withSecurity(security));
        for (String user : List.of(PIPELINE, SETUP, REGISTRY, ENTERPRISE, PLATFORM, SIMULATOR, RETIRING)) {
            passwords.put(user, secret());
        }
        try (Admin admin = Admin.create(clientProperties(ADMIN))) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            passwords.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)));
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            // The controller takes the users; the broker authenticates with them once its metadata has them.
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeUserScramCredentials().all()
                    .get().keySet().containsAll(passwords.keySet()));

            StringWriter out = new StringWriter();
            int status = ParkWatchCli.commandLine().setOut(new PrintWriter(out))
                    .execute("acls", "--apply", "--config", configFile(ADMIN).toString());
            assertThat(status).as(out.toString()).isZero();
            int expected = ParkWatchAcls.of(config(ADMIN)).stream().mapToInt(g -> g.bindings().size()).sum();
            assertThat(out.toString()).contains("ACLs on " + broker.bootstrapServers() + ": " + expected
                    + " created, 0 already present");
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeAcls(AclBindingFilter.ANY).values()
                    .get().size() == expected);
        }
        registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0)
                .withKafkaClientSettings(security.clientProperties(REGISTRY, passwords.get(REGISTRY))));
        StringWriter out = new StringWriter();
        assertThat(ParkWatchCli.commandLine().setOut(new PrintWriter(out))
                .execute("setup", "--config", configFile(SETUP).toString())).as(out.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldAccountEventsEndToEndWithEachPartyOnItsOwnUserAndAcls() throws Exception {
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.of(configFile(PIPELINE)), Map.of(
                "parkwatch.state.dir", work.resolve("streams").toString(),
                "parkwatch.api.port", "0",
                "parkwatch.api.auth.token", TOKEN));
        Topics topics = config.topicLayout().topics();
        FactorVersion inForce = DefaultFactors.load().stream()
                .filter(f -> f.factorKey().equals("grid.location.EAST"))
                .max(Comparator.comparing(FactorVersion::validFrom)).orElseThrow();
        // 1 MWh x the EAST location factor in force (tCO2/MWh) = that many t = value x 10^9 mg, rounded half-even
        long expectedMg = BigDecimal.valueOf(inForce.value()).movePointRight(9)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        Instant end = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);

        var meters = ApiMetrics.prometheusRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters);
             ApiServer api = ApiServer.start(PipelineMain.apiSettings(config), runner.streams(), meters)) {
            try (var platform = producer(PLATFORM, avro())) {
                platform.send(new ProducerRecord<>(topics.enterprises(), "E-SEC", Enterprise.newBuilder()
                        .setEnterpriseId("E-SEC").setParkId("park-sec").setName("E-SEC").setSector("chemicals")
                        .setGridRegion(GridRegion.EAST).setOutlets(List.of())
                        .setPermittedLoads(new PermittedLoads(null, null, null)).build())).get();
            }
            runner.awaitRunning(Duration.ofSeconds(60));
            try (var enterprise = producer(ENTERPRISE, avro())) {
                enterprise.send(new ProducerRecord<>(topics.meterReadings(), "E-SEC", MeterReading.newBuilder()
                        .setEventId("sec-1").setEnterpriseId("E-SEC").setMeterId("E-SEC-M1")
                        .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(1).setUnit("MWh")
                        .setIntervalStart(end.minusSeconds(60)).setIntervalEnd(end).setFlag(DataFlag.N)
                        .setSteamEnthalpyKjPerKg(null).setSource("avro").build())).get();
            }
            StringWriter simulated = new StringWriter();
            int simulator = ParkWatchCli.commandLine().setOut(new PrintWriter(simulated)).execute("simulate",
                    "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
                    "--kafka-config", kafkaConfigFile(SIMULATOR).toString(), "--enterprises", "2", "--seed", "14",
                    "--backfill-from", end.minus(1, ChronoUnit.HOURS).toString(), "--backfill-to", end.toString());
            assertThat(simulator).as(simulated.toString()).isZero();

            String base = "http://127.0.0.1:" + api.port();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(yearToDate(getJson(base + "/api/enterprises/E-SEC")).path("co2Scope2Location").asLong())
                        .isEqualTo(expectedMg);
                for (String simulatedEnterprise : List.of("E0001", "E0002")) {
                    assertThat(yearToDate(getJson(base + "/api/enterprises/" + simulatedEnterprise))
                            .path("co2Scope2Location").asLong()).as(simulatedEnterprise).isPositive();
                }
            });
        }
    }

    @Test
    void shouldRefuseAnEnterpriseThatWritesAnEmissionFactor() throws Exception {
        Topics topics = config(ADMIN).topicLayout().topics();
        try (var enterprise = producer(ENTERPRISE, new ByteArraySerializer())) {
            var send = enterprise.send(new ProducerRecord<>(topics.emissionFactors(),
                    "grid.location.EAST@2020-01-01T00:00:00Z", new byte[] {0, 0, 0, 0, 1}));
            assertThatThrownBy(send::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(topics.emissionFactors());
        }
    }

    /** README's rotation: a second user with the new password takes over the role, then the first loses its own. */
    @Test
    void shouldRotateAnEnterprisesPasswordAsTheReadmeSays() throws Exception {
        Topics topics = config(ADMIN).topicLayout().topics();
        String admin = kafkaConfigFile(ADMIN).toString();
        String newPassword = secret();
        passwords.put(SUCCESSOR, newPassword);
        configCommand("--bootstrap-server", broker.bootstrapServers(), "--command-config", admin, "--alter",
                "--entity-type", "users", "--entity-name", SUCCESSOR,
                "--add-config", "SCRAM-SHA-512=[password=" + newPassword + "]");
        StringWriter out = new StringWriter();
        int status = ParkWatchCli.commandLine().setOut(new PrintWriter(out)).execute("acls", "--apply",
                "--config", configFile(ADMIN).toString(), "--set", AclConfig.ENTERPRISES + "=User:" + ENTERPRISE
                        + ",User:" + SIMULATOR + ",User:" + RETIRING + ",User:" + SUCCESSOR);
        assertThat(status).as(out.toString()).isZero();
        int granted = ParkWatchAcls.of(config(ADMIN)).stream().mapToInt(g -> g.bindings().size()).sum();
        assertThat(out.toString()).contains(": 5 created, " + granted + " already present");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            try (var successor = producer(SUCCESSOR, new ByteArraySerializer())) {
                assertThat(successor.partitionsFor(topics.meterReadings())).hasSize(1);
            }
        });

        configCommand("--bootstrap-server", broker.bootstrapServers(), "--command-config", admin, "--alter",
                "--entity-type", "users", "--entity-name", RETIRING, "--delete-config", "SCRAM-SHA-512");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            try (var retired = producer(RETIRING, new ByteArraySerializer())) {
                assertThatThrownBy(() -> retired.partitionsFor(topics.meterReadings()))
                        .isInstanceOf(SaslAuthenticationException.class);
            }
        });
    }

    /** Kafka's own kafka-configs tool, from the jars ParkWatch ships; a failure throws instead of ending the JVM. */
    private static void configCommand(String... args) {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ConfigCommand exited " + status + ": " + message);
        });
        try {
            kafka.admin.ConfigCommand.main(args);
        } finally {
            Exit.resetExitProcedure();
        }
    }

    private static JsonNode yearToDate(JsonNode subject) {
        for (JsonNode window : subject.path("currentWindows")) {
            if (window.path("window").asText().equals("YEAR_TO_DATE")) {
                return window.path("exactMg");
            }
        }
        throw new AssertionError("no year-to-date window in " + subject);
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Serializer<SpecificRecord> avro() {
        return new SpecificAvroSerializer<>(new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url())),
                SerdeSettings.forValue());
    }

    private static <V> KafkaProducer<String, V> producer(String user, Serializer<V> values) {
        Map<String, Object> props = clientProperties(user);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    private static Map<String, Object> clientProperties(String user) {
        Map<String, Object> props = new LinkedHashMap<>(security.clientProperties(user, password(user)));
        props.put("bootstrap.servers", broker.bootstrapServers());
        return props;
    }

    private static String password(String user) {
        return user.equals(ADMIN) ? security.adminPassword() : passwords.get(user);
    }

    /** The configuration of a party: the cluster, its user, one partition a topic, and the principals of each role. */
    private static ParkWatchConfig config(String user) throws IOException {
        return new ConfigLoader(Map.of()).load(Optional.of(configFile(user)), Map.of());
    }

    private static Path configFile(String user) throws IOException {
        Properties props = new Properties();
        props.setProperty("parkwatch.bootstrap.servers", broker.bootstrapServers());
        if (registry != null) {
            props.setProperty("parkwatch.schema.registry.url", registry.url());
        }
        props.setProperty("parkwatch.topic.partitions", "1");
        props.setProperty(AclConfig.ENTERPRISES, "User:" + ENTERPRISE + ",User:" + SIMULATOR + ",User:" + RETIRING);
        props.setProperty(AclConfig.PLATFORMS, "User:" + PLATFORM + ",User:" + SIMULATOR);
        clientProperties(user).forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                props.setProperty("parkwatch.kafka." + key, String.valueOf(value));
            }
        });
        return store(props, user + ".properties");
    }

    private static Path kafkaConfigFile(String user) throws IOException {
        Properties props = new Properties();
        security.clientProperties(user, password(user)).forEach(props::setProperty);
        return store(props, user + "-kafka.properties");
    }

    private static Path store(Properties props, String name) throws IOException {
        Path file = work.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, null);
        }
        return file;
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
