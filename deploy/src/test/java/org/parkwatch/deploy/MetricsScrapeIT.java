package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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
import org.parkwatch.api.ApiMetrics;
import org.parkwatch.api.ApiServer;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.deploy.PrometheusScrape.Sample;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineMain;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.topology.StoreNames;
import org.parkwatch.topology.Topics;

/**
 * The Prometheus scrape of a pipeline process (the real pipeline and its API, on a real broker) after data has
 * flowed: each documented domain metric with the value the data implies, Kafka Streams' client metrics, and the
 * RocksDB metrics of the state stores as soon as the pipeline runs.
 *
 * <p>Reference data: E1 (East China grid, outlet W1 with a COD limit of 500 mg/L); E3 (South-West grid, whose
 * location factor is withheld); a COD concentration rule (warning 0.9, limit 1.0, clear 0.85 of the outlet limit,
 * one sample enough). Data, in the last 40 minutes:
 * <ul>
 *   <li>meter readings: E1 1 000 kWh twice (accounted: CO2 location, CO2 market and energy, 3 ledger entries
 *       each), the first one resent (a duplicate); E1 -5 kWh (NEGATIVE_QUANTITY); an unknown enterprise
 *       (UNKNOWN_ENTERPRISE); E3 (FACTOR_MISSING, grid.location.SOUTHWEST); bytes that are not Avro
 *       (MALFORMED_BYTES);</li>
 *   <li>wastewater samples of E1 at W1: COD 600 mg/L, ratio 600 / 500 = 1.2 above the limit: a CRITICAL alert
 *       opens; then 350 mg/L, ratio 0.7 below the clear level 0.85: it is resolved. Each sample makes 2 ledger
 *       entries (COD, NH3-N).</li>
 * </ul>
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MetricsScrapeIT {

    // parkwatch.rocksdb.block.cache.bytes left at its default, 512 MiB: one cache shared by every store.
    private static final double SHARED_BLOCK_CACHE_BYTES = 512.0 * 1024 * 1024;

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
    void shouldExposeEveryDocumentedMetricWithAPlausibleValueAfterDataFlowedThroughThePipeline() throws Exception {
        Map<String, String> settings = Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.application.id", "metrics-scrape-it",
                "parkwatch.state.dir", stateDir.resolve("streams").toString(),
                "parkwatch.topic.prefix", "scrape",
                "parkwatch.topic.partitions", "2",
                "parkwatch.api.port", "0",
                "parkwatch.api.auth.required", "false");
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        publishReferenceData(config, topics);

        var meters = ApiMetrics.prometheusRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters);
             ApiServer api = ApiServer.start(PipelineMain.apiSettings(config), runner.streams(), meters)) {
            String metrics = "http://127.0.0.1:" + api.port() + "/metrics";
            runner.awaitRunning(Duration.ofSeconds(90));

            // Store metrics exist only once tasks are assigned; they must show well before Micrometer's own
            // once-a-minute look for new metrics.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                PrometheusScrape scrape = PrometheusScrape.fetch(metrics);
                assertThat(scrape.all("kafka_stream_state_block_cache_capacity"))
                        .extracting(s -> s.labels().get("rocksdb_state_id"))
                        .contains(StoreNames.LEDGER_ENTRIES, StoreNames.ENTERPRISE_WINDOWS, StoreNames.ALERT_STATE);
            });

            Instant base = Instant.now().minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            Instant firstReading = base.plus(1, ChronoUnit.MINUTES);
            Instant latestReading = base.plus(2, ChronoUnit.MINUTES);
            Instant latestSample = base.plus(20, ChronoUnit.MINUTES);
            String meter = topics.meterReadings();
            String wastewater = topics.wastewaterSamples();
            try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
                send(producer, meter, "E1", electricity("m-1", "E1", 1000, firstReading));
                send(producer, meter, "E1", electricity("m-2", "E1", 1000, latestReading));
                send(producer, meter, "E1", electricity("m-1", "E1", 1000, firstReading));
                send(producer, meter, "E1", electricity("m-neg", "E1", -5, firstReading));
                send(producer, meter, "E-NOPE", electricity("m-nope", "E-NOPE", 10, firstReading));
                send(producer, meter, "E3", electricity("m-e3", "E3", 100, firstReading));
                send(producer, wastewater, "E1", sample("w-1", 600, base.plus(10, ChronoUnit.MINUTES)));
                send(producer, wastewater, "E1", sample("w-2", 350, latestSample));
            }
            sendGarbage(topics.meterReadings());

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Instant before = Instant.now();
                PrometheusScrape scrape = PrometheusScrape.fetch(metrics);
                Instant after = Instant.now();

                assertThat(scrape.value("parkwatch_input_accepted_total", Map.of("input", "meter"))).isEqualTo(2.0);
                assertThat(scrape.value("parkwatch_input_accepted_total", Map.of("input", "wastewater")))
                        .isEqualTo(2.0);
                assertThat(scrape.value("parkwatch_input_duplicates_total", Map.of("input", "meter"))).isEqualTo(1.0);
                for (String reason : List.of("NEGATIVE_QUANTITY", "UNKNOWN_ENTERPRISE", "FACTOR_MISSING",
                        "MALFORMED_BYTES")) {
                    assertThat(scrape.value("parkwatch_input_rejected_total",
                            Map.of("input", "meter", "reason", reason))).as(reason).isEqualTo(1.0);
                }
                assertThat(sum(scrape.all("parkwatch_input_rejected_total"))).isEqualTo(4.0);
                assertThat(scrape.value("parkwatch_factor_lookups_failed_total",
                        Map.of("factor", "grid.location.SOUTHWEST"))).isEqualTo(1.0);
                // two accounted readings and two accounted samples
                assertThat(ledgerEntries(scrape, "CO2", "SCOPE2_LOCATION")).isEqualTo(2.0);
                assertThat(ledgerEntries(scrape, "CO2", "SCOPE2_MARKET")).isEqualTo(2.0);
                assertThat(ledgerEntries(scrape, "ENERGY", "NONE")).isEqualTo(2.0);
                assertThat(ledgerEntries(scrape, "COD", "NONE")).isEqualTo(2.0);
                assertThat(ledgerEntries(scrape, "NH3_N", "NONE")).isEqualTo(2.0);
                // raised and resolved by the pipeline's own alerting step
                assertThat(scrape.value("parkwatch_alerts_total", Map.of("severity", "CRITICAL", "state", "OPEN")))
                        .isEqualTo(1.0);
                assertThat(scrape.value("parkwatch_alerts_total", Map.of("severity", "CRITICAL", "state", "RESOLVED")))
                        .isEqualTo(1.0);
                assertThat(sum(scrape.all("parkwatch_alerts_total"))).isEqualTo(2.0);
                // an activity is accounted at the end of its interval minus 1 ms
                assertLag(scrape, "meter", latestReading.minusMillis(1), before, after);
                assertLag(scrape, "wastewater", latestSample.minusMillis(1), before, after);

                // Kafka Streams client metrics: one stream thread, records processed
                assertThat(sum(scrape.all("kafka_stream_alive_stream_threads"))).isEqualTo(1.0);
                assertThat(sum(scrape.all("kafka_stream_thread_process_total"))).isGreaterThanOrEqualTo(9.0);
                // RocksDB properties of the stores: the shared cache, and the keys written
                assertThat(scrape.all("kafka_stream_state_block_cache_capacity",
                        Map.of("rocksdb_state_id", StoreNames.ENTERPRISE_WINDOWS))).isNotEmpty()
                        .extracting(Sample::value).containsOnly(SHARED_BLOCK_CACHE_BYTES);
                // A window store reports the sum over its segments: 0 on a partition that has none yet.
                assertThat(scrape.all("kafka_stream_state_block_cache_capacity"))
                        .filteredOn(s -> s.value() != SHARED_BLOCK_CACHE_BYTES)
                        .allSatisfy(s -> assertThat(s.value()).isZero())
                        .extracting(s -> s.labels().get("rocksdb_state_id"))
                        .isSubsetOf(StoreNames.LEDGER_ENTRIES);
                assertThat(scrape.all("kafka_stream_state_block_cache_usage")).isNotEmpty().extracting(Sample::value)
                        .allSatisfy(v -> assertThat(v).isBetween(0.0, SHARED_BLOCK_CACHE_BYTES));
                assertThat(scrape.all("kafka_stream_state_size_all_mem_tables")).isNotEmpty()
                        .extracting(Sample::value).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
                // the four accounted events, in the ledger index (which also recognises their resends)
                assertThat(sum(scrape.all("kafka_stream_state_estimate_num_keys",
                        Map.of("rocksdb_state_id", StoreNames.LEDGER_ENTRIES)))).isGreaterThanOrEqualTo(4.0);
                // JVM metrics
                assertThat(sum(scrape.all("jvm_memory_used_bytes"))).isPositive();
            });
        }
    }

    private static void publishReferenceData(ParkWatchConfig config, Topics topics) {
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishFactors(topics.emissionFactors(), DefaultFactors.load().stream()
                    .filter(f -> !f.factorKey().equals("grid.location.SOUTHWEST")).toList());
            loader.publishEnterprises(topics.enterprises(), List.of(
                    enterprise("E1", GridRegion.EAST, List.of(Outlet.newBuilder().setOutletId("W1")
                            .setDischargeClass("GB8978-1996/3").setCodLimitMgPerL(500.0)
                            .setAmmoniaNitrogenLimitMgPerL(45.0).build())),
                    enterprise("E3", GridRegion.SOUTHWEST, List.of())));
            loader.publishThresholdRules(topics.thresholdRules(), List.of(ThresholdRule.newBuilder()
                    .setRuleId("cod-concentration").setVersion(1).setScopeType(SubjectType.OUTLET).setScopeId("*")
                    .setMetric("cod.concentration.ratio").setWindow(WindowKind.SAMPLE).setWarningLevel(0.9)
                    .setLimit(1.0).setClearLevel(0.85).setUnit("ratio to outlet limit").setMinConsecutive(1)
                    .setSource("test rule").build()));
        }
    }

    private static Enterprise enterprise(String id, GridRegion grid, List<Outlet> outlets) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId("park-a").setName(id).setSector("chemicals")
                .setGridRegion(grid).setOutlets(outlets).setPermittedLoads(new PermittedLoads(null, null, null))
                .build();
    }

    /** A reading of {@code kwh} over the minute ending at {@code end}. */
    private static MeterReading electricity(String eventId, String enterpriseId, double kwh, Instant end) {
        return MeterReading.newBuilder().setEventId(eventId).setEnterpriseId(enterpriseId)
                .setMeterId(enterpriseId + "-M1").setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(kwh)
                .setUnit("kWh").setIntervalStart(end.minusSeconds(60)).setIntervalEnd(end).setFlag(DataFlag.N)
                .setSteamEnthalpyKjPerKg(null).setSource("avro").build();
    }

    /** 20 m3 of E1's outlet W1 over the ten minutes ending at {@code end}. */
    private static WastewaterSample sample(String eventId, double codMgPerL, Instant end) {
        return WastewaterSample.newBuilder().setEventId(eventId).setEnterpriseId("E1").setOutletId("W1")
                .setVolumeM3(20).setCodMgPerL(codMgPerL).setAmmoniaNitrogenMgPerL(5.0)
                .setIntervalStart(end.minus(10, ChronoUnit.MINUTES)).setIntervalEnd(end).build();
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String enterpriseId,
                             SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, enterpriseId, value)).get();
    }

    private static void sendGarbage(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, "E1", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static double ledgerEntries(PrometheusScrape scrape, String pollutant, String scope) {
        return scrape.value("parkwatch_ledger_entries_total", Map.of("pollutant", pollutant, "scope", scope));
    }

    /** The lag gauge is read at scrape time: now minus the latest event time, between the two clock readings. */
    private static void assertLag(PrometheusScrape scrape, String input, Instant latest, Instant before,
                                  Instant after) {
        double lag = scrape.value("parkwatch_input_event_time_lag_seconds", Map.of("input", input));
        assertThat(lag).as("lag of " + input).isBetween(Duration.between(latest, before).toMillis() / 1000.0,
                Duration.between(latest, after).toMillis() / 1000.0);
    }

    private static double sum(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).sum();
    }
}
