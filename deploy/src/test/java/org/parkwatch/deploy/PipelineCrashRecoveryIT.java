package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;

/**
 * The pipeline runs as its own process on a real broker, is killed hard (SIGKILL, no clean shutdown) in the middle
 * of a few thousand events, and is started again: every total must equal the sum computed here from the inputs,
 * with nothing lost and nothing counted twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.extension.ExtendWith(OneAtATime.class)
class PipelineCrashRecoveryIT {

    private static final String PREFIX = "crash";
    private static final List<String> ENTERPRISES = List.of("E1", "E2", "E3", "E4", "E5");
    private static final int EVENTS = 6_000;

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
    void shouldKeepEveryTotalExactAcrossAHardKillOfThePipelineProcess() throws Exception {
        Topics topics = Topics.withPrefix(PREFIX);
        Map<String, String> settings = Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.application.id", "crash-recovery-it",
                "parkwatch.state.dir", stateDir.resolve("streams").toString(),
                "parkwatch.topic.prefix", PREFIX,
                "parkwatch.api.port", "0",
                "parkwatch.api.auth.required", "false",
                "parkwatch.topic.partitions", "3",
                // a killed process's partitions move to the next one after 6 s instead of the default 45 s
                "parkwatch.kafka.session.timeout.ms", "6000",
                // all events are accepted whatever their arrival order: this test is about crashes, not lateness
                "parkwatch.grace.ms", String.valueOf(Duration.ofDays(2).toMillis()));
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(java.util.Optional.empty(), settings);
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }

        Map<String, long[]> expected = publishReferenceDataAndEvents(topics);

        PipelineProcess first = PipelineProcess.start(settings, "first");
        // kill it hard once a part of the work is done, well before the end
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> committedInputOffsets(topics) > 300);
        first.killHard();
        // the kill must have come in the middle of the work, or this test would prove nothing
        assertThat(committedInputOffsets(topics)).isLessThan(EVENTS);
        long expectedEntries = expected.values().stream().mapToLong(s -> s[4]).sum();

        try (PipelineProcess second = PipelineProcess.start(settings, "second")) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(yearTotals(topics)).containsOnlyKeys(expected.keySet())
                            .allSatisfy((enterprise, sums) -> assertThat(sums).as(enterprise)
                                    .containsExactly(expected.get(enterprise))));
            List<String> entryIds = ledgerEntryIds(topics);
            assertThat(entryIds).doesNotHaveDuplicates();
            assertThat(entryIds).hasSize((int) expectedEntries);
        }
    }

    /** Publishes factors, enterprises and the events; returns per enterprise {location, market, energy, cod, entries}. */
    private Map<String, long[]> publishReferenceDataAndEvents(Topics topics) throws Exception {
        Map<String, long[]> expected = new HashMap<>();
        Instant factorsFrom = Instant.parse("2023-12-31T16:00:00Z"); // 2024-01-01 00:00 Shanghai
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            ReconciledLoad.factor(producer, topics, "grid.location.EAST", factorsFrom, 0.55, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "grid.market.residual", factorsFrom, 0.6096, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "tce.electricity", factorsFrom, 0.1229, "kgce/kWh");
            for (String id : ENTERPRISES) {
                producer.send(new ProducerRecord<>(topics.enterprises(), id, Enterprise.newBuilder().setEnterpriseId(id)
                        .setParkId("park-crash").setName(id).setSector("chemicals").setGridRegion(GridRegion.EAST)
                        .setPermittedLoads(new PermittedLoads(null, null, null)).build()));
                expected.put(id, new long[5]);
            }
            producer.flush();
            Random random = new Random(7);
            Instant start = Instant.parse("2024-03-01T00:00:00Z");
            for (int i = 0; i < EVENTS; i++) {
                String enterprise = ENTERPRISES.get(random.nextInt(ENTERPRISES.size()));
                ReconciledLoad.send(producer, topics, enterprise, i, start, random, expected.get(enterprise));
            }
            producer.flush();
        }
        return expected;
    }



    private Map<String, long[]> yearTotals(Topics topics) {
        Map<String, long[]> latest = new HashMap<>();
        kafka.readCommitted(topics.enterpriseTotals(),
                EmissionTotals.class).forEach(t -> {
                if (t.getWindow() == WindowKind.YEAR_TO_DATE) {
                    var a = t.getTotals();
                    latest.put(t.getSubjectId(), new long[] {a.getCo2Scope2LocationMg(), a.getCo2Scope2MarketMg(),
                            a.getEnergyMgce(), a.getCodMg(), a.getEntryCount()});
                }
            });
        return latest;
    }

    private List<String> ledgerEntryIds(Topics topics) {
        return kafka.readCommittedLedger(topics.emissionsLedger()).stream().map(EmissionEntry::getEntryId).toList();
    }

    /** Input records the pipeline has committed as processed (its consumer group's offsets on the input topics). */
    private long committedInputOffsets(Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets("crash-recovery-it").partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> topics.activityInputs().contains(e.getKey().topic()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

}
