package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.deploy.InputFuzzer.FuzzRecord;
import org.parkwatch.deploy.InputFuzzer.Kind;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RegistryException;
import org.parkwatch.topology.Topics;

/**
 * Input fuzzing on a real broker: random bytes, truncated Avro, a wrong magic byte, unknown schema ids, valid Avro
 * with absurd values and mutated bytes of valid records, across the activity topics, the output reports and the
 * reference topics, interleaved with valid records. The pipeline process stays RUNNING; every bad record is one dead
 * letter with the reason the fuzzer expects and its bytes; every valid one is accounted, the ledger's totals equal
 * to the sums worked out from the valid records.
 *
 * <p>{@code -Dparkwatch.fuzz.records=100000} (and {@code -Dparkwatch.fuzz.seed}) scale it up: bin/chaos --fuzz.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InputFuzzIT {

    private static final String PREFIX = "fuzz";
    private static final int RECORDS = Integer.getInteger("parkwatch.fuzz.records", 10_000);
    private static final long SEED = Long.getLong("parkwatch.fuzz.seed", 14L);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KafkaStack kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldDeadLetterEveryBadRecordWithItsReasonAndAccountEveryValidOneWhileStayingRunning() throws Exception {
        int apiPort = freePort();
        Map<String, String> settings = Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.application.id", "input-fuzz-it",
                "parkwatch.state.dir", stateDir.resolve("streams").toString(),
                "parkwatch.topic.prefix", PREFIX,
                "parkwatch.topic.partitions", "3",
                "parkwatch.api.port", String.valueOf(apiPort),
                "parkwatch.api.auth.required", "false",
                // a mutant accepted with a later time moves the watermark at most to now plus 5 minutes: the valid
                // records, from two days ago on, stay within the grace period whatever the mutants do
                "parkwatch.grace.ms", String.valueOf(Duration.ofDays(3).toMillis()));
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        publishReferenceData(topics);

        try (PipelineProcess pipeline = PipelineProcess.start(settings, "fuzz")) {
            String api = "http://127.0.0.1:" + apiPort;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> status(api + "/health/ready") == 200);

            long began = System.nanoTime();
            Map<String, FuzzRecord> sent = fuzz(topics);
            Map<String, long[]> expected = new HashMap<>();
            InputFuzzer.ENTERPRISES.forEach(e -> expected.put(e, new long[5]));
            sent.values().stream().filter(r -> r.enterprise() != null).forEach(r -> {
                for (int i = 0; i < 5; i++) {
                    expected.get(r.enterprise())[i] += r.sums()[i];
                }
            });
            Map<String, FuzzRecord> refused = sent.entrySet().stream().filter(e -> e.getValue().reason().isPresent())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

            // done once the partitioned inputs are all committed and every refused record has its letter (the
            // reference topics are read by the global thread, outside the group)
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    inputLag(topics) == 0 && lettersBySource(topics).keySet().containsAll(refused.keySet()));
            double seconds = (System.nanoTime() - began) / 1e9;

            assertThat(pipeline.isAlive()).isTrue();
            assertThat(status(api + "/health/ready")).as("the pipeline is RUNNING").isEqualTo(200);
            assertThat(Files.readString(pipeline.log())).as("no stream thread died and was replaced")
                    .doesNotContain("Stream thread failed")
                    // a rule the reference checks put in force must be one the alerting step can judge
                    .doesNotContain("Ignoring threshold rule");

            List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
            Map<String, DeadLetter> bySource = new HashMap<>();
            for (DeadLetter letter : letters) {
                assertThat(bySource.put(source(letter), letter)).as("one letter for " + source(letter)).isNull();
            }
            Map<RejectReason, Integer> expectedByReason = new EnumMap<>(RejectReason.class);
            Map<RejectReason, Integer> lettersByReason = new EnumMap<>(RejectReason.class);
            Map<RejectReason, Integer> mutantLetters = new EnumMap<>(RejectReason.class);
            Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
            int mutantsAccepted = 0;
            Set<String> activity = Set.copyOf(topics.activityInputs());
            int activityMutantsAccepted = 0;
            for (Map.Entry<String, FuzzRecord> e : sent.entrySet()) {
                FuzzRecord record = e.getValue();
                DeadLetter letter = bySource.get(e.getKey());
                kinds.merge(record.kind(), 1, Integer::sum);
                if (letter != null) {
                    (record.anyFate() ? mutantLetters : lettersByReason).merge(letter.getReason(), 1, Integer::sum);
                    assertThat(bytes(letter.getOriginalValue())).as("bytes of " + e.getKey())
                            .isEqualTo(record.value());
                }
                if (record.reason().isPresent()) {
                    expectedByReason.merge(record.reason().get(), 1, Integer::sum);
                    assertThat(letter).as(record.kind() + " " + e.getKey()).isNotNull();
                    assertThat(letter.getReason()).as(record.kind() + " " + e.getKey() + ": " + letter.getDetail())
                            .isEqualTo(record.reason().get());
                } else if (record.anyFate()) {
                    if (letter == null) {
                        mutantsAccepted++;
                        activityMutantsAccepted += activity.contains(record.topic()) ? 1 : 0;
                    } else {
                        assertThat(letter.getReason()).as("a mutant that decodes, " + e.getKey())
                                .isNotIn(RejectReason.MALFORMED_BYTES, RejectReason.UNKNOWN_SCHEMA_ID);
                    }
                } else {
                    assertThat(letter).as("valid " + record.topic() + " " + e.getKey()).isNull();
                }
            }
            assertThat(bySource.keySet()).as("no letter for a record not sent").isSubsetOf(sent.keySet());
            assertThat(lettersByReason).isEqualTo(expectedByReason);

            List<EmissionEntry> ledger = kafka.readCommittedLedger(topics.emissionsLedger());
            long[] all = ledgerTotals(ledger, InputFuzzer.ENTERPRISES);
            for (String enterprise : InputFuzzer.ENTERPRISES) {
                assertThat(ledgerTotals(ledger, List.of(enterprise))).as(enterprise)
                        .containsExactly(expected.get(enterprise));
            }
            assertThat(ledger).extracting(EmissionEntry::getEntryId).doesNotHaveDuplicates();
            // every mutant of activity that still decoded and was not refused is accounted, once
            assertThat(ledger.stream().filter(x -> x.getEnterpriseId().equals(InputFuzzer.MUTANTS))
                    .map(EmissionEntry::getEventId).distinct().count()).isEqualTo(activityMutantsAccepted);

            String report = report(sent.size(), seconds, kinds, expectedByReason, lettersByReason, mutantLetters,
                    mutantsAccepted, all);
            System.out.println(report);
            String reportFile = System.getProperty("parkwatch.fuzz.report");
            if (reportFile != null) {
                Files.writeString(Path.of(reportFile), report);
            }
        }
    }

    /** Sends the fuzzer's records; returns them by the source they were written to (topic/partition@offset). */
    private Map<String, FuzzRecord> fuzz(Topics topics) throws Exception {
        SpecificAvroSerializer<SpecificRecord> serializer =
                new SpecificAvroSerializer<>(kafka.registryClient(), SerdeSettings.forValue());
        Map<Integer, Optional<Schema>> schemas = new ConcurrentHashMap<>();
        Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        InputFuzzer fuzzer = new InputFuzzer(topics, SEED, start,
                v -> serializer.serialize(v.topic(), v.value()),
                id -> schemas.computeIfAbsent(id, InputFuzzIT::registeredSchema));
        Map<String, FuzzRecord> sent = new ConcurrentHashMap<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                FuzzRecord record = fuzzer.next();
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (meta, error) -> {
                    if (error == null) {
                        sent.put(meta.topic() + "/" + meta.partition() + "@" + meta.offset(), record);
                    }
                });
            }
            producer.flush();
        }
        assertThat(sent).hasSize(RECORDS);
        return sent;
    }

    private static Optional<Schema> registeredSchema(int id) {
        try {
            return Optional.of(kafka.registryClient().schemaById(id));
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void publishReferenceData(Topics topics) {
        Instant factorsFrom = Instant.parse("2023-12-31T16:00:00Z");
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            ReconciledLoad.factor(producer, topics, "grid.location.EAST", factorsFrom, 0.55, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "grid.market.residual", factorsFrom, 0.6096, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "tce.electricity", factorsFrom, 0.1229, "kgce/kWh");
            List<String> ids = new ArrayList<>(InputFuzzer.ENTERPRISES);
            ids.add(InputFuzzer.MUTANTS);
            for (String id : ids) {
                producer.send(new ProducerRecord<>(topics.enterprises(), id, InputFuzzer.enterprise(id, "park-fuzz")));
            }
            producer.flush();
        }
    }

    /** {CO2 location, CO2 market, energy, COD, entries} summed over the ledger entries of the enterprises. */
    static long[] ledgerTotals(List<EmissionEntry> ledger, List<String> enterprises) {
        long[] sums = new long[5];
        for (EmissionEntry entry : ledger) {
            if (!enterprises.contains(entry.getEnterpriseId())) {
                continue;
            }
            sums[ReconciledLoad.ENTRIES]++;
            if (entry.getPollutant() == Pollutant.CO2 && entry.getScope() == EmissionScope.SCOPE2_LOCATION) {
                sums[ReconciledLoad.CO2_LOCATION] += entry.getAmountMg();
            } else if (entry.getPollutant() == Pollutant.CO2 && entry.getScope() == EmissionScope.SCOPE2_MARKET) {
                sums[ReconciledLoad.CO2_MARKET] += entry.getAmountMg();
            } else if (entry.getPollutant() == Pollutant.ENERGY) {
                sums[ReconciledLoad.ENERGY] += entry.getAmountMg();
            } else if (entry.getPollutant() == Pollutant.COD) {
                sums[ReconciledLoad.COD] += entry.getAmountMg();
            }
        }
        return sums;
    }

    private static Map<String, DeadLetter> lettersBySource(Topics topics) {
        Map<String, DeadLetter> bySource = new HashMap<>();
        kafka.readCommitted(topics.deadLetters(), DeadLetter.class).forEach(l -> bySource.put(source(l), l));
        return bySource;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static String source(DeadLetter letter) {
        return letter.getSourceTopic() + "/" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
    }

    /** Records of the partitioned inputs (activity and output reports) the pipeline has not committed yet. */
    private static long inputLag(Topics topics) throws Exception {
        return ConsumerLag.of(kafka.bootstrapServers(), "input-fuzz-it", topics);
    }

    private static String report(int records, double seconds, Map<Kind, Integer> kinds,
                                 Map<RejectReason, Integer> expected, Map<RejectReason, Integer> letters,
                                 Map<RejectReason, Integer> mutantLetters, int mutantsAccepted, long[] totals) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Input fuzzing: %d records (seed %d) processed in %.1f s; pipeline RUNNING, no "
                + "thread replaced%n", records, SEED, seconds));
        out.append("Records by kind: ").append(new TreeMap<>(kinds)).append('\n');
        out.append("Dead letters by reason (letters / expected by the fuzzer), mutants that still decode aside:\n");
        for (RejectReason reason : RejectReason.values()) {
            int got = letters.getOrDefault(reason, 0);
            int want = expected.getOrDefault(reason, 0);
            if (got > 0 || want > 0) {
                out.append(String.format("  %-22s %6d / %6d%n", reason, got, want));
            }
        }
        out.append(String.format("Mutants that still decode: %d accepted; refused by validation: %s%n",
                mutantsAccepted, new TreeMap<>(mutantLetters)));
        out.append(String.format("Valid activity accounted to the mg: %d ledger entries, CO2 (location) %d mg, "
                + "COD %d mg%n", totals[ReconciledLoad.ENTRIES], totals[ReconciledLoad.CO2_LOCATION],
                totals[ReconciledLoad.COD]));
        return out.toString();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
