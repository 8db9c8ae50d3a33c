package org.parkwatch.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;

/**
 * The accounting topology in a TopologyTestDriver, with a fixed wall clock, an in-memory schema registry and
 * typed input and output topics. Times are given in Shanghai local time, as a park operator reads them.
 */
final class PipelineFixture implements AutoCloseable {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2023-06-01T00:00:00Z");

    final Topics topics = Topics.defaults();
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final PipelineSerdes serdes = PipelineSerdes.using(registry, SerdeSettings.forValue());
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final AccountingSettings settings;
    final Topology topology;
    final TopologyTestDriver driver;

    final TestInputTopic<String, Enterprise> enterprises;
    final TestInputTopic<String, EmissionFactor> factors;
    final TestInputTopic<String, MeterReading> meters;
    final TestInputTopic<String, FuelConsumption> fuels;
    final TestInputTopic<String, WastewaterSample> wastewater;
    final TestInputTopic<String, org.parkwatch.avro.FlueGasSample> flueGas;
    final LedgerOutput ledger;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    /** Dead letters of refused reference data, which the global thread sends with a producer of its own. */
    final List<DeadLetter> referenceDeadLetters = new java.util.ArrayList<>();
    final TestOutputTopic<String, EmissionTotals> enterpriseTotals;
    final TestOutputTopic<String, EmissionTotals> parkTotals;
    final TestInputTopic<String, ThresholdRule> rules;
    final TestInputTopic<String, OutputReport> outputReports;
    final TestInputTopic<String, org.parkwatch.avro.LedgerCorrection> corrections;
    final TestOutputTopic<String, IntensitySnapshot> enterpriseIntensity;
    final TestOutputTopic<String, IntensitySnapshot> parkIntensity;
    final TestOutputTopic<String, Alert> alerts;

    PipelineFixture() {
        this(AccountingSettings.defaults());
    }

    PipelineFixture(AccountingSettings settings) {
        this(settings, new Properties());
    }

    /**
     * Without the record cache every read reaches the stores themselves, as it does in production once a busy
     * task's cache has evicted an entry, or after a restart.
     */
    static PipelineFixture withoutRecordCache() {
        Properties noCache = new Properties();
        noCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        return new PipelineFixture(AccountingSettings.defaults(), noCache);
    }

    /** As the pipeline configures it when its input topics have {@code partitions} partitions each. */
    static PipelineFixture withInputPartitions(int partitions) {
        Properties layout = new Properties();
        layout.put(ParkWatchTopology.INPUT_PARTITIONS_CONFIG, partitions);
        return new PipelineFixture(AccountingSettings.defaults(), layout);
    }

    private PipelineFixture(AccountingSettings settings, Properties overrides) {
        this.settings = settings;
        this.topology = ParkWatchTopology.build(topics, serdes, settings, Clock.fixed(NOW, ZoneOffset.UTC),
                new PipelineMetrics(metrics), (key, letter) -> referenceDeadLetters.add(letter));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "parkwatch-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/parkwatch-ttd-" + System.nanoTime());
        props.putAll(overrides);
        driver = new TopologyTestDriver(topology, props, NOW);
        var keys = new StringSerializer();
        enterprises = driver.createInputTopic(topics.enterprises(), keys, serdes.enterprise().serializer());
        factors = driver.createInputTopic(topics.emissionFactors(), keys, serdes.emissionFactor().serializer());
        meters = driver.createInputTopic(topics.meterReadings(), keys, serdes.meterReading().serializer());
        fuels = driver.createInputTopic(topics.fuelConsumption(), keys, serdes.fuelConsumption().serializer());
        wastewater = driver.createInputTopic(topics.wastewaterSamples(), keys, serdes.wastewaterSample().serializer());
        flueGas = driver.createInputTopic(topics.flueGasSamples(), keys, serdes.flueGasSample().serializer());
        var out = new StringDeserializer();
        ledger = new LedgerOutput(driver.createOutputTopic(topics.emissionsLedger(), out,
                serdes.ledgerRecord().deserializer()));
        deadLetters = driver.createOutputTopic(topics.deadLetters(), out, serdes.deadLetter().deserializer());
        enterpriseTotals = driver.createOutputTopic(topics.enterpriseTotals(), out, serdes.emissionTotals().deserializer());
        parkTotals = driver.createOutputTopic(topics.parkTotals(), out, serdes.emissionTotals().deserializer());
        rules = driver.createInputTopic(topics.thresholdRules(), keys, serdes.thresholdRule().serializer());
        alerts = driver.createOutputTopic(topics.alerts(), out, serdes.alert().deserializer());
        outputReports = driver.createInputTopic(topics.outputReports(), keys, serdes.outputReport().serializer());
        corrections = driver.createInputTopic(topics.ledgerCorrections(), keys,
                serdes.ledgerCorrection().serializer());
        enterpriseIntensity = driver.createOutputTopic(topics.enterpriseIntensity(), out,
                serdes.intensitySnapshot().deserializer());
        parkIntensity = driver.createOutputTopic(topics.parkIntensity(), out, serdes.intensitySnapshot().deserializer());
    }

    /** A raw input topic, to send bytes that are not valid Avro. */
    TestInputTopic<byte[], byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Instant local(String isoLocalDateTime) {
        return LocalDateTime.parse(isoLocalDateTime).atZone(SHANGHAI).toInstant();
    }

    void enterprise(String id, String parkId, GridRegion region) {
        enterprise(id, parkId, region, new PermittedLoads(null, null, null));
    }

    void enterprise(String id, String parkId, GridRegion region, PermittedLoads permit) {
        Outlet outlet = Outlet.newBuilder().setOutletId("W1").setDischargeClass("GB8978-1996/3")
                .setCodLimitMgPerL(500.0).setAmmoniaNitrogenLimitMgPerL(45.0)
                .setCodDischargeFactorMgPerL(80.0).setAmmoniaNitrogenDischargeFactorMgPerL(10.0).build();
        enterprises.pipeInput(id, Enterprise.newBuilder().setEnterpriseId(id).setParkId(parkId).setName("Enterprise " + id)
                .setSector("chemicals").setGridRegion(region).setOutlets(List.of(outlet))
                .setPermittedLoads(permit).setActive(true).build());
    }

    /**
     * An enterprise whose boiler B1 exhausts by stack S1, measured by a CEMS, with the GB 13271-2014 limits of an
     * in-use coal boiler (SO2 400 mg/m3, particulate 80 mg/m3; NOx 300 mg/m3, a test value).
     */
    void enterpriseWithStack(String id, String parkId, GridRegion region) {
        org.parkwatch.avro.Stack stack = org.parkwatch.avro.Stack.newBuilder().setStackId("S1")
                .setCombustionUnits(List.of("B1")).setCems(true).setEmissionStandard("GB13271-2014/in-use-coal")
                .setSo2LimitMgPerM3(400.0).setNoxLimitMgPerM3(300.0).setParticulateLimitMgPerM3(80.0).build();
        enterprises.pipeInput(id, Enterprise.newBuilder().setEnterpriseId(id).setParkId(parkId)
                .setName("Enterprise " + id).setSector("chemicals").setGridRegion(region).setOutlets(List.of())
                .setStacks(List.of(stack)).setPermittedLoads(new PermittedLoads(null, null, null)).setActive(true)
                .build());
    }

    void factor(String key, String localValidFrom, double value, String unit, Map<String, Double> parameters) {
        Instant validFrom = local(localValidFrom);
        factors.pipeInput(FactorRecordKey.of(key, validFrom), EmissionFactor.newBuilder().setFactorKey(key)
                .setValidFrom(validFrom).setValue(value).setUnit(unit).setParameters(parameters)
                .setSource("test factor").setPublishedAt(NOW).build());
    }

    /** The factors these tests price with: round figures of the kind published, not the shipped defaults. */
    void standardFactors() {
        factor("grid.location.EAST", "2022-01-01T00:00", 0.5617, "tCO2/MWh", Map.of());
        factor("grid.location.EAST", "2023-01-01T00:00", 0.5500, "tCO2/MWh", Map.of());
        factor("grid.market.residual", "2022-01-01T00:00", 0.6096, "tCO2/MWh", Map.of());
        factor("tce.electricity", "2022-01-01T00:00", 0.1229, "kgce/kWh", Map.of());
        factor("heat", "2022-01-01T00:00", 0.11, "tCO2/GJ", Map.of());
        factor("tce.heat", "2022-01-01T00:00", 34.12, "kgce/GJ", Map.of());
        factor("fuel.RAW_COAL", "2022-01-01T00:00", 1.9003, "tCO2/t", Map.of(
                "ncvGjPerUnit", 20.908, "carbonContentTcPerGj", 0.02637, "oxidationRate", 0.94,
                "kgcePerUnit", 714.3, "sulfurPercentDefault", 1.0, "sulfurConversion", 0.8));
        factor("discharge.cod.default", "2022-01-01T00:00", 100.0, "mg/L", Map.of());
        factor("discharge.nh3n.default", "2022-01-01T00:00", 15.0, "mg/L", Map.of());
    }

    static MeterReading.Builder electricity(String eventId, String enterpriseId, String localStart, String localEnd,
                                            double quantity, String unit) {
        return MeterReading.newBuilder().setEventId(eventId).setEnterpriseId(enterpriseId).setMeterId("M1")
                .setCarrier(org.parkwatch.avro.EnergyCarrier.ELECTRICITY).setQuantity(quantity).setUnit(unit)
                .setIntervalStart(local(localStart)).setIntervalEnd(local(localEnd));
    }

    void meter(String key, MeterReading reading) {
        meters.pipeInput(new TestRecord<>(key, reading, NOW));
    }

    /** An IAV report of {@code addedValue} (10^4 RMB) for [localStart, localEnd), reported at {@code reportedAt}. */
    void iav(String eventId, String enterpriseId, String localStart, String localEnd, double addedValue,
             Instant reportedAt) {
        outputReports.pipeInput(enterpriseId, OutputReport.newBuilder().setEventId(eventId).setEnterpriseId(enterpriseId)
                .setPeriodStart(local(localStart)).setPeriodEnd(local(localEnd)).setAddedValue(addedValue)
                .setReportedAt(reportedAt).build());
    }

    void rule(ThresholdRule rule) {
        rules.pipeInput(rule.getRuleId(), rule);
    }

    /** Lets the alerting step re-read the rule table (it does so on a wall-clock schedule). */
    void refreshRules() {
        driver.advanceWallClockTime(ParkWatchTopology.RULE_REFRESH);
    }

    /**
     * One publication at each level: the enterprises publish and send their parks what they accounted since their
     * last publication; the parks, reading it, publish at their next one.
     */
    void publishTotals() {
        driver.advanceWallClockTime(settings.publishInterval());
        driver.advanceWallClockTime(settings.publishInterval());
    }

    @Override
    public void close() {
        driver.close();
    }

    static Duration hours(long h) {
        return Duration.ofHours(h);
    }
}
