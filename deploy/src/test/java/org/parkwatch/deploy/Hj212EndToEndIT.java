package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionMethod;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.Stack;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.gateway.GatewayRunner;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.topology.Topics;

/**
 * From a device's socket to the agency's alert: a wastewater data logger and a stack's CEMS send an hour over HJ 212
 * to the gateway, and the pipeline, on the same real broker and registry, accounts it into the ledger and the totals
 * and judges it against the default rules; the boiler on that stack reports its coal over Avro, and its SO2 is
 * counted once.
 *
 * <p>By hand, for 15 March 2026 09:00-10:00 (device clock, Asia/Shanghai):
 * <ul>
 *   <li>water: 63 m3 at COD 40.1 mg/L: 63 x 40.1 x 10^-3 kg = 2.5263 kg = 2 526 300 mg;</li>
 *   <li>CEMS: SO2 70 kg, NOx 30 kg, particulate 5 kg as measured; SO2 converted to the reference O2 440 mg/m3
 *       against the stack's GB 13271-2014 limit of 400: ratio 1.1, over the default rule's limit 1.0, so an alert;</li>
 *   <li>coal: 10 t at 1 % S, D = 0.8 (the shipped factor), no desulfurisation: 2 x 10 x 0.01 x 0.8 = 0.16 t SO2,
 *       all of it in the one hour the CEMS measured, so taken out again: the day's SO2 is the CEMS's 70 kg.</li>
 * </ul>
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class Hj212EndToEndIT {

    private static final String LOGGER = "010000A8900016F000169DC0";
    private static final String CEMS = "88888880000001";
    private static final Instant HOUR_START = Instant.parse("2026-03-15T01:00:00Z");
    private static final Instant DAY_START = Instant.parse("2026-03-14T16:00:00Z");

    private static KafkaStack kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldTakeADevicesHourToTheLedgerTheTotalsAndAnAlert() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parkwatch.bootstrap.servers", kafka.bootstrapServers());
        settings.put("parkwatch.schema.registry.url", kafka.registryUrl());
        settings.put("parkwatch.application.id", "parkwatch-hj212-e2e");
        settings.put("parkwatch.state.dir", stateDir.toString());
        settings.put("parkwatch.topic.partitions", "1");
        settings.put("parkwatch.api.auth.required", "false");
        settings.put("parkwatch.api.port", "0");
        settings.put("parkwatch.totals.publish.interval.ms", "200");
        settings.put("parkwatch.gateway.host", "127.0.0.1");
        settings.put("parkwatch.gateway.port", "0");
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(config.topicLayout().roles());
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishDefaultFactors(topics.emissionFactors());
            loader.publishDefaultThresholdRules(topics.thresholdRules());
            loader.publishEnterprises(topics.enterprises(), List.of(enterprise()));
        }
        String[] connection = {"--set", "parkwatch.bootstrap.servers=" + kafka.bootstrapServers(),
                "--set", "parkwatch.schema.registry.url=" + kafka.registryUrl()};
        assertThat(ParkWatchCli.commandLine().execute(concat(new String[] {"device", "--mn", LOGGER, "--password",
                "123456", "--enterprise", "E1", "--outlet", "E1-W1"}, connection))).isZero();
        assertThat(ParkWatchCli.commandLine().execute(concat(new String[] {"device", "--mn", CEMS, "--password",
                "123456", "--enterprise", "E1", "--stack", "E1-S1"}, connection))).isZero();

        try (PipelineRunner pipeline = PipelineRunner.start(config, new SimpleMeterRegistry());
             Hj212Gateway gateway = GatewayRunner.start(config, new SimpleMeterRegistry())) {
            pipeline.awaitRunning(Duration.ofSeconds(90));
            // the gateway reads the devices as they are registered: wait until both are answered as known
            send(gateway, "QN=20260315100000001;ST=32;CN=2061;PW=123456;MN=" + LOGGER + ";Flag=5;CP=&&"
                    + "DataTime=20260315090000;w00000-Cou=63.0,w00000-Flag=N;w01018-Avg=40.1,w01018-Flag=N;"
                    + "w21003-Avg=1.5,w21003-Flag=N&&");
            send(gateway, "QN=20260315100000002;ST=31;CN=2061;PW=123456;MN=" + CEMS + ";Flag=5;CP=&&"
                    + "DataTime=20260315090000;a00000-Cou=180000.0,a00000-Flag=N;a19001-Avg=9.5,a19001-Flag=N;"
                    + "a21026-Avg=410.0,a21026-ZsAvg=440.0,a21026-Cou=70.0,a21026-Flag=N;"
                    + "a21002-Avg=160.0,a21002-ZsAvg=170.0,a21002-Cou=30.0,a21002-Flag=N;"
                    + "a34013-Avg=25.0,a34013-ZsAvg=27.0,a34013-Cou=5.0,a34013-Flag=N&&");
            try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
                producer.send(new ProducerRecord<>(topics.fuelConsumption(), "E1", FuelConsumption.newBuilder()
                        .setEventId("coal-1").setEnterpriseId("E1").setUnitId("B1").setFuel(FuelType.RAW_COAL)
                        .setQuantity(10).setUnit("t").setSulfurPercent(1.0).setIntervalStart(HOUR_START)
                        .setIntervalEnd(HOUR_START.plusSeconds(3600)).build())).get();
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                EmissionTotals day = day(topics).orElseThrow();
                assertThat(day.getTotals().getSo2Mg()).isEqualTo(70_000_000L);
                assertThat(day.getTotals().getNoxMg()).isEqualTo(30_000_000L);
                assertThat(day.getTotals().getParticulateMg()).isEqualTo(5_000_000L);
                assertThat(day.getTotals().getCodMg()).isEqualTo(2_526_300L);
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(kafka.readToEnd(topics.alerts(), Alert.class))
                            .filteredOn(a -> a.getMetric().equals("so2.stack.concentration.ratio"))
                            .singleElement().satisfies(a -> {
                                assertThat(a.getState()).isEqualTo(AlertState.OPEN);
                                assertThat(a.getSubjectType()).isEqualTo(SubjectType.OUTLET);
                                assertThat(a.getSubjectId()).contains("E1-S1");
                                assertThat(a.getValue()).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
                                assertThat(a.getRuleId()).isEqualTo("default.gb13271.so2.concentration");
                            }));
        }

        List<EmissionEntry> ledger = kafka.readLedgerToEnd(topics.emissionsLedger());
        assertThat(ledger).filteredOn(e -> e.getMethod() == EmissionMethod.CEMS)
                .extracting(EmissionEntry::getPollutant, EmissionEntry::getAmountMg, EmissionEntry::getEventId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Pollutant.SO2, 70_000_000L, "hj212:" + CEMS + ":2061:20260315090000"),
                        org.assertj.core.groups.Tuple.tuple(Pollutant.NOX, 30_000_000L, "hj212:" + CEMS + ":2061:20260315090000"),
                        org.assertj.core.groups.Tuple.tuple(Pollutant.PARTICULATE, 5_000_000L,
                                "hj212:" + CEMS + ":2061:20260315090000"));
        assertThat(ledger).filteredOn(e -> e.getEventId().equals("coal-1") && e.getPollutant() == Pollutant.SO2)
                .extracting(EmissionEntry::getAmountMg, e -> e.getCorrection() == null ? null
                        : e.getCorrection().getKind())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(160_000_000L, null),
                        org.assertj.core.groups.Tuple.tuple(-160_000_000L, CorrectionKind.CEMS_SUPERSEDED));
        assertThat(ledger).filteredOn(e -> e.getPollutant() == Pollutant.COD).singleElement()
                .satisfies(e -> assertThat(e.getAmountMg()).isEqualTo(2_526_300L));
    }

    private static Enterprise enterprise() {
        return Enterprise.newBuilder().setEnterpriseId("E1").setParkId("park-h").setName("E1").setSector("chemicals")
                .setGridRegion(GridRegion.EAST)
                .setOutlets(List.of(Outlet.newBuilder().setOutletId("E1-W1").setDischargeClass("GB8978-1996/3")
                        .setCodLimitMgPerL(500.0).setAmmoniaNitrogenLimitMgPerL(45.0).build()))
                .setStacks(List.of(Stack.newBuilder().setStackId("E1-S1").setCombustionUnits(List.of("B1"))
                        .setCems(true).setEmissionStandard("GB13271-2014/in-use-coal").setSo2LimitMgPerM3(400.0)
                        .setParticulateLimitMgPerM3(80.0).build()))
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }

    /**
     * Sends one packet and waits for its data answer (9014); a device the gateway does not know yet (its register
     * is read from the devices topic) is answered 9011 and sends again, as a real device would.
     */
    private static void send(Hj212Gateway gateway, String packet) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Socket device = new Socket("127.0.0.1", gateway.port())) {
                device.setSoTimeout(20_000);
                device.getOutputStream().write(Answers.frame(packet));
                return line(device.getInputStream()).contains("CN=9014");
            }
        });
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            out.write(b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static Optional<EmissionTotals> day(Topics topics) {
        EmissionTotals last = null;
        for (EmissionTotals t : kafka.readToEnd(topics.enterpriseTotals(), EmissionTotals.class)) {
            if (t.getSubjectId().equals("E1") && t.getWindow() == WindowKind.DAY
                    && t.getWindowStart().equals(DAY_START)) {
                last = t;
            }
        }
        return Optional.ofNullable(last);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
