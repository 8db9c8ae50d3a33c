package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.RestatedPeriod;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.deploy.restate.AutomaticRestatement;
import org.parkwatch.deploy.restate.LedgerRestatement;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorKeys;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.topology.Topics;
import org.parkwatch.totals.WindowCalendar;

/**
 * {@code restate} on a real broker, registry and pipeline. 2024 electricity of the EAST grid is priced with the
 * latest version published, the 2023 one (0.55 tCO2/MWh, the shipped default); a 2024 version is then published
 * (0.5123 tCO2/MWh, hypothetical: none is published yet) and restated. By hand: 1 000 kWh goes from 550 000 000 mg
 * to 512 300 000 mg of location-based CO2, 500 kWh from 275 000 000 to 256 150 000 mg. A second run changes nothing.
 * Then the same with the automatic restatement an agency may enable, for a corrected version.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RestatementIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String GRID = FactorKeys.gridLocation(GridRegion.EAST);

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

    private static Map<String, String> settings() {
        return settings("park", "parkwatch-restate");
    }

    private static Map<String, String> settings(String topicPrefix, String applicationId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parkwatch.bootstrap.servers", kafka.bootstrapServers());
        settings.put("parkwatch.schema.registry.url", kafka.registryUrl());
        settings.put("parkwatch.topic.prefix", topicPrefix);
        settings.put("parkwatch.application.id", applicationId);
        settings.put("parkwatch.state.dir", stateDir.resolve(applicationId).toString());
        settings.put("parkwatch.topic.partitions", "2");
        settings.put("parkwatch.api.auth.required", "false");
        settings.put("parkwatch.api.port", "0");
        settings.put("parkwatch.totals.publish.interval.ms", "200");
        return settings;
    }

    private static CommandRun restate(Map<String, String> settings, String... options) {
        return CommandRun.of("restate", settings, options);
    }

    private static Instant local(String isoLocal) {
        return LocalDateTime.parse(isoLocal).atZone(SHANGHAI).toInstant();
    }

    private static void electricity(Topics topics, String eventId, String enterpriseId, String localStart,
                                    double kwh) throws Exception {
        Instant start = local(localStart);
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topics.meterReadings(), enterpriseId, MeterReading.newBuilder()
                    .setEventId(eventId).setEnterpriseId(enterpriseId).setMeterId(enterpriseId + "-M1")
                    .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(kwh).setUnit("kWh").setIntervalStart(start)
                    .setIntervalEnd(start.plusSeconds(3600)).build())).get();
        }
    }

    private static Enterprise enterprise(String id) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId("park-r").setName(id).setSector("chemicals")
                .setGridRegion(GridRegion.EAST).setOutlets(List.of())
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }

    /** Location-based CO2 of an enterprise in the ledger, reversing and restated entries included. */
    private static long ledgerCo2(Topics topics, String enterpriseId) {
        return kafka.readLedgerToEnd(topics.emissionsLedger()).stream()
                .filter(e -> e.getEnterpriseId().equals(enterpriseId) && e.getPollutant() == Pollutant.CO2
                        && e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .mapToLong(EmissionEntry::getAmountMg).sum();
    }

    /** The last published totals of a subject's day window starting at {@code localDay} 00:00. */
    private static Optional<EmissionTotals> day(String topic, String subjectId, String localDay) {
        Instant start = local(localDay + "T00:00");
        EmissionTotals last = null;
        for (EmissionTotals t : kafka.readToEnd(topic, EmissionTotals.class)) {
            if (t.getSubjectId().equals(subjectId) && t.getWindow() == WindowKind.DAY
                    && t.getWindowStart().equals(start)) {
                last = t;
            }
        }
        return Optional.ofNullable(last);
    }

    private static FactorVersion grid(String localValidFrom, double value) {
        return new FactorVersion(GRID, local(localValidFrom), value, "tCO2/MWh", Map.of(),
                "hypothetical value for a test: no 2024 factor is published yet [U]");
    }

    @Test
    void shouldRestateAPastYearOnceItsFactorIsPublishedAndChangeNothingTheSecondTime() throws Exception {
        Map<String, String> settings = settings();
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(config.topicLayout().roles());
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishFactors(topics.emissionFactors(), DefaultFactors.load());
            loader.publishEnterprises(topics.enterprises(), List.of(enterprise("E1"), enterprise("E2")));
        }
        try (PipelineRunner runner = PipelineRunner.start(config, new SimpleMeterRegistry())) {
            runner.awaitRunning(Duration.ofSeconds(90));
            electricity(topics, "e1-1", "E1", "2024-03-01T10:00", 1000);
            electricity(topics, "e2-1", "E2", "2024-03-01T10:00", 500);
            // a day later on both partitions: every window of 1 March closes
            electricity(topics, "e1-2", "E1", "2024-03-02T10:00", 1000);
            electricity(topics, "e2-2", "E2", "2024-03-02T10:00", 500);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    day(topics.parkTotals(), "park-r", "2024-03-01").filter(EmissionTotals::getClosed)
                            .map(t -> t.getTotals().getCo2Scope2LocationMg() == 550_000_000L + 275_000_000L)
                            .orElse(false));

            CommandRun nothingYet = restate(settings, "--factor", GRID, "--requested-by", "operator-1");
            assertThat(nothingYet.exitCode()).as(nothingYet.err()).isZero();
            assertThat(nothingYet.out()).contains(GRID + ": nothing to restate (4 events priced with the version"
                    + " in force)");

            try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
                loader.publishFactors(topics.emissionFactors(), List.of(grid("2024-01-01T00:00", 0.5123)));
            }
            CommandRun dryRun = restate(settings, "--factor", GRID, "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("would restate " + GRID + ": 4 events, 4 entries");
            assertThat(kafka.readToEnd(topics.ledgerCorrections(), org.parkwatch.avro.LedgerCorrection.class))
                    .isEmpty();

            CommandRun first = restate(settings, "--factor", GRID, "--requested-by", "operator-1");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("restated " + GRID + ": 4 events, 4 entries reversed and restated");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    day(topics.parkTotals(), "park-r", "2024-03-01")
                            .map(t -> t.getTotals().getCo2Scope2LocationMg() == 512_300_000L + 256_150_000L)
                            .orElse(false));
            EmissionTotals e1Day = day(topics.enterpriseTotals(), "E1", "2024-03-01").orElseThrow();
            assertThat(e1Day.getClosed()).isTrue();
            assertThat(e1Day.getRevisionReason()).isEqualTo("RESTATEMENT");
            assertThat(e1Day.getTotals().getCo2Scope2LocationMg()).isEqualTo(512_300_000L);
            assertThat(e1Day.getTotals().getEntryCount()).as("3 entries per reading, a reversal cancels one")
                    .isEqualTo(3);
            assertThat(day(topics.parkTotals(), "park-r", "2024-03-01").orElseThrow().getRevisionReason())
                    .isEqualTo("RESTATEMENT");
            // the ledger, reversing entries included, sums to the restated figures
            assertThat(ledgerCo2(topics, "E1")).isEqualTo(2 * 512_300_000L);
            assertThat(ledgerCo2(topics, "E2")).isEqualTo(2 * 256_150_000L);

            List<Restatement> records = kafka.readToEnd(topics.restatements(), Restatement.class);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getFactorKey()).isEqualTo(GRID);
                assertThat(r.getRequestedBy()).isEqualTo("operator-1");
                assertThat(r.getEventsRestated()).isEqualTo(4);
                assertThat(r.getVersionsInForce()).singleElement()
                        .satisfies(v -> assertThat(v.getValue()).isEqualTo(0.5123));
                RestatedPeriod park = r.getPeriods().stream()
                        .filter(p -> p.getSubjectType() == SubjectType.PARK).findFirst().orElseThrow();
                assertThat(park.getWindowStart()).isEqualTo(local("2024-03-01T00:00"));
                assertThat(park.getBefore().getCo2Scope2LocationMg()).isEqualTo(2 * 825_000_000L);
                assertThat(park.getAfter().getCo2Scope2LocationMg()).isEqualTo(2 * 768_450_000L);
            });

            // idempotent: nothing is due the second time, nothing is written
            CommandRun second = restate(settings, "--factor", GRID, "--requested-by", "operator-1");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains(GRID + ": nothing to restate");
            assertThat(kafka.readToEnd(topics.restatements(), Restatement.class)).hasSize(1);
            assertThat(kafka.readToEnd(topics.ledgerCorrections(), org.parkwatch.avro.LedgerCorrection.class))
                    .hasSize(4);

            // automatic: the 2024 version is corrected (same validFrom, new value) and restated without a command
            var registry = new RestSchemaRegistryClient(config.registry().clientSettings());
            try (AutomaticRestatement automatic = new AutomaticRestatement(config.kafka(), registry,
                    topics.emissionFactors(), new LedgerRestatement(config.kafka(), registry, topics,
                    new WindowCalendar(SHANGHAI), Duration.ofSeconds(10)), Duration.ofSeconds(2)).start()) {
                try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
                    loader.publishFactors(topics.emissionFactors(), List.of(grid("2024-01-01T00:00", 0.5)));
                }
                // 1 500 kWh x 0.5 tCO2/MWh = 750 000 000 mg
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                        day(topics.parkTotals(), "park-r", "2024-03-01")
                                .map(t -> t.getTotals().getCo2Scope2LocationMg() == 750_000_000L).orElse(false));
            }
            // records are keyed by restatement id over the topic's partitions: no order between them
            assertThat(kafka.readToEnd(topics.restatements(), Restatement.class))
                    .extracting(Restatement::getRequestedBy).containsExactlyInAnyOrder("operator-1", "automatic");
            assertThat(ledgerCo2(topics, "E1")).isEqualTo(2 * 500_000_000L);
        }
    }
    /**
     * An upgrade from state version 7 leaves what was accounted before on the ledger topic of that version, one
     * {@code EmissionEntry} per record; reports and restatement read it with the records of version 8.
     */
    @Test
    void shouldReadTheLedgerOfBeforeStateVersion8WithTheLedgerOfNow() throws Exception {
        Map<String, String> settings = settings("upgraded", "parkwatch-upgraded");
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(config.topicLayout().roles());
            // the ledger topic of state version 7, which setup no longer creates
            admin.ensureTopics(Map.of(topics.legacyEmissionsLedger(), Topics.TopicRole.LEDGER));
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishFactors(topics.emissionFactors(), DefaultFactors.load());
            loader.publishEnterprises(topics.enterprises(), List.of(enterprise("E3")));
        }
        try (PipelineRunner runner = PipelineRunner.start(config, new SimpleMeterRegistry())) {
            runner.awaitRunning(Duration.ofSeconds(90));
            electricity(topics, "e3-after", "E3", "2024-03-02T10:00", 1000);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !kafka.readLedgerToEnd(topics.emissionsLedger()).isEmpty());
        }
        List<EmissionEntry> after = kafka.readLedgerToEnd(topics.emissionsLedger());
        assertThat(after).hasSize(3).allSatisfy(e -> assertThat(e.getEventId()).isEqualTo("e3-after"));
        // the same reading a day earlier, as version 7 wrote it: its three entries one record each, in order
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            for (EmissionEntry e : after) {
                EmissionEntry before = EmissionEntry.newBuilder(e).setEventId("e3-before")
                        .setEntryId(e.getEntryId().replace("e3-after", "e3-before"))
                        .setIntervalStart(e.getIntervalStart().minus(Duration.ofDays(1)))
                        .setIntervalEnd(e.getIntervalEnd().minus(Duration.ofDays(1))).build();
                producer.send(new ProducerRecord<>(topics.legacyEmissionsLedger(), "E3", before)).get();
            }
        }

        var registry = new RestSchemaRegistryClient(config.registry().clientSettings());
        var report = new org.parkwatch.report.kafka.TopicReportSource(config.kafka().clientProperties(), registry,
                topics, java.time.Clock.systemUTC(), Duration.ofSeconds(30))
                .inputsFor("park-r", org.parkwatch.report.ReportPeriod.parse("2024-03", SHANGHAI));
        assertThat(report.ledger()).extracting(EmissionEntry::getEventId)
                .containsOnly("e3-before", "e3-after").hasSize(6);

        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishFactors(topics.emissionFactors(), List.of(grid("2024-01-01T00:00", 0.5123)));
        }
        CommandRun dryRun = restate(settings, "--factor", GRID, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        // one location-based CO2 entry per reading, before and after the upgrade
        assertThat(dryRun.out()).contains("would restate " + GRID + ": 2 events, 2 entries");
    }
}
