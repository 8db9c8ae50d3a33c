package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.pipeline.PipelineMain;
import org.parkwatch.deploy.pipeline.PipelineRunner;
import org.parkwatch.deploy.report.ConfiguredReports;
import org.parkwatch.topology.Topics;
import picocli.CommandLine;

/**
 * A small park through the real pipeline on a real broker, then its March 2025 report from the API and from the
 * {@code report} command. Factors in force for 2025 are the 2023 versions of the default set: grid.location.EAST
 * 0.55 tCO2/MWh, grid.market.residual 0.6096 tCO2/MWh, tce.electricity 0.1229 kgce/kWh. In the hour ending
 * 2025-03-10T02:00Z:
 * <ul>
 *   <li>E1 (East China grid) 1 000 kWh of grid electricity: location 1 MWh x 0.55 = 0.55 t = 550 000 000 mg,
 *   market 1 x 0.6096 = 609 600 000 mg, energy 1 000 x 0.1229 = 122.9 kgce = 122 900 000 mgce;</li>
 *   <li>E1 500 kWh of green electricity: location 0.5 x 0.55 = 275 000 000 mg, market 0, energy 61.45 kgce =
 *   61 450 000 mgce;</li>
 *   <li>E2, outlet W1, 20 m3 at COD 600 mg/L and NH3-N 5 mg/L: 20 x 600 x 10^-3 = 12 kg = 12 000 000 mg COD,
 *   20 x 5 x 10^-3 = 0.1 kg = 100 000 mg NH3-N.</li>
 * </ul>
 * E1 reports an IAV of 100 x 10^4 RMB for March. March stays open (no event passes its end), so the report's elapsed
 * hours run from the month's start, 2025-02-28T16:00Z, to the end of the latest hour accounted, 2025-03-10T02:00Z:
 * 226 hours, covered by E1's report at 100 / 744 per hour.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReportIT {

    private static final String PARK = "park-r";
    private static final Instant HOUR_END = Instant.parse("2025-03-10T02:00:00Z");

    private static KafkaStack kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldReportASmallParkFromTheLedgerThroughTheApiAndTheCommand() throws Exception {
        Map<String, String> settings = Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.application.id", "report-it",
                "parkwatch.state.dir", dir.resolve("streams").toString(),
                "parkwatch.topic.prefix", "rep",
                "parkwatch.topic.partitions", "1",
                "parkwatch.api.port", "0",
                "parkwatch.api.auth.required", "false");
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishDefaultFactors(topics.emissionFactors());
            loader.publishEnterprises(topics.enterprises(), List.of(
                    enterprise("E1", "华东化工", List.of()),
                    enterprise("E2", "Acme", List.of(Outlet.newBuilder().setOutletId("W1")
                            .setDischargeClass("GB8978-1996/3").setCodLimitMgPerL(500.0).build()))));
        }

        var meters = ApiMetrics.prometheusRegistry();
        try (PipelineRunner runner = PipelineRunner.start(config, meters);
             ApiServer api = ApiServer.start(PipelineMain.apiSettings(config), runner.streams(), meters,
                     Clock.systemUTC(), Optional.of(ConfiguredReports.of(config)))) {
            runner.awaitRunning(Duration.ofSeconds(60));
            try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
                send(producer, topics.outputReports(), "E1", OutputReport.newBuilder().setEventId("iav-E1-2025-03")
                        .setEnterpriseId("E1").setPeriodStart(Instant.parse("2025-02-28T16:00:00Z"))
                        .setPeriodEnd(Instant.parse("2025-03-31T16:00:00Z")).setAddedValue(100)
                        .setReportedAt(Instant.parse("2025-03-09T00:00:00Z")).build());
                send(producer, topics.meterReadings(), "E1", meter("e1-grid", "E1-M1", EnergyCarrier.ELECTRICITY, 1000));
                send(producer, topics.meterReadings(), "E1",
                        meter("e1-green", "E1-G1", EnergyCarrier.GREEN_ELECTRICITY, 500));
                send(producer, topics.wastewaterSamples(), "E2", WastewaterSample.newBuilder().setEventId("e2-w")
                        .setEnterpriseId("E2").setOutletId("W1").setVolumeM3(20).setCodMgPerL(600.0)
                        .setAmmoniaNitrogenMgPerL(5.0).setIntervalStart(HOUR_END.minus(Duration.ofHours(1)))
                        .setIntervalEnd(HOUR_END).build());
            }

            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + api.port() + "/api/parks/" + PARK + "/report?period=2025-03";
            List<List<String>> csv = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> csv(http.send(HttpRequest.newBuilder(URI.create(url + "&format=csv")).build(),
                            HttpResponse.BodyHandlers.ofString()).body()),
                            rows -> figure(rows, "E2", "NH3_N") == 100_000L && figure(rows, "E1", "ENERGY") > 122_900_000L);

            assertThat(figure(csv, "E1", "CO2_SCOPE2_LOCATION")).isEqualTo(550_000_000L + 275_000_000L);
            assertThat(figure(csv, "E1", "CO2_SCOPE2_MARKET")).isEqualTo(609_600_000L);
            assertThat(figure(csv, "E1", "ENERGY")).isEqualTo(122_900_000L + 61_450_000L);
            assertThat(figure(csv, "E2", "COD")).isEqualTo(12_000_000L);
            assertThat(figure(csv, "PARK", "CO2_SCOPE2_LOCATION")).isEqualTo(825_000_000L);
            // each enterprise figure equals the sum of the ledger lines the CSV cites for it
            for (String e : List.of("E1", "E2")) {
                for (String m : List.of("CO2_SCOPE2_LOCATION", "CO2_SCOPE2_MARKET", "ENERGY", "COD", "NH3_N")) {
                    assertThat(csv.stream().filter(r -> r.get(0).equals("ledger") && r.get(2).equals(e)
                            && r.get(3).equals(m)).mapToLong(r -> Long.parseLong(r.get(4))).sum())
                            .as(e + " " + m).isEqualTo(figure(csv, e, m));
                }
            }
            // 0.825 t / (226 h x 100 / 744 x 10^4 RMB) = 0.825 x 744 / 22 600 tCO2 per 10^4 RMB
            assertThat(Double.parseDouble(cell(csv, "intensity", "E1", "co2.intensity.location")))
                    .isCloseTo(0.825 * 744 / 22_600, within(1e-12));
            // green electricity: 61.45 of 184.35 kgce, a third of the energy
            assertThat(Double.parseDouble(cell(csv, "clean-energy", PARK, "share_of_energy")))
                    .isCloseTo(1.0 / 3, within(1e-12));
            assertThat(cell(csv, "report", "", "status")).isEqualTo("OPEN");

            // the printable document from the API (its PDF rendering is the command's, below)
            HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(url + "&format=html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/html"));
            assertThat(html.headers().firstValue("X-ParkWatch-Period-Open")).hasValue("true");
            assertThat(html.body()).contains("PERIOD OPEN: provisional figures").contains("华东化工")
                    .contains("<a href=\"#L-E2-COD\">12.000</a>");

            // the command, with the same configuration keys
            Path pdf = dir.resolve("park-r-2025-03.pdf");
            List<String> args = new ArrayList<>(List.of("report", "--park", PARK, "--period", "2025-03",
                    "--format", "pdf", "--out", pdf.toString()));
            settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
            StringWriter err = new StringWriter();
            CommandLine cli = ParkWatchCli.commandLine();
            cli.setErr(new PrintWriter(err));
            assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(err.toString()).contains("Report of park park-r, 2025-03 (period still open): 2 enterprises, "
                    + "8 ledger entries, written to " + pdf);
            String text = assertEveryPageOpen(Files.readAllBytes(pdf));
            assertThat(text).contains("ParkWatch report: park park-r, 2025-03").contains("0.825");

            Path csvFile = dir.resolve("park-r-2025-03.csv");
            args.set(6, "csv");
            args.set(8, csvFile.toString());
            assertThat(ParkWatchCli.commandLine().execute(args.toArray(String[]::new))).isZero();
            assertThat(figure(csv(Files.readString(csvFile, StandardCharsets.UTF_8)), "PARK", "CO2_SCOPE2_LOCATION"))
                    .isEqualTo(825_000_000L);
        }
    }

    private static String assertEveryPageOpen(byte[] pdf) throws Exception {
        StringBuilder all = new StringBuilder();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = stripper.getText(doc);
                assertThat(page).as("page " + p).contains("PERIOD OPEN: provisional figures");
                all.append(page);
            }
        }
        return all.toString().replaceAll("\\s+", " ");
    }

    private static long figure(List<List<String>> rows, String subject, String measure) {
        String v = cell(rows, "figure", subject.equals("PARK") ? PARK : subject, measure);
        return v == null ? -1 : Long.parseLong(v);
    }

    private static String cell(List<List<String>> rows, String section, String subjectId, String item) {
        return rows.stream().filter(r -> r.size() == 7 && r.get(0).equals(section) && r.get(2).equals(subjectId)
                && r.get(3).equals(item)).map(r -> r.get(4)).findFirst().orElse(null);
    }

    /** The report's CSV rows: cells split on commas outside quotes, quotes undone. */
    private static List<List<String>> csv(String body) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : body.split("\r\n")) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    private static Enterprise enterprise(String id, String name, List<Outlet> outlets) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId(PARK).setName(name).setSector("chemicals")
                .setGridRegion(GridRegion.EAST).setOutlets(outlets)
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }

    private static MeterReading meter(String eventId, String meterId, EnergyCarrier carrier, double kwh) {
        return MeterReading.newBuilder().setEventId(eventId).setEnterpriseId("E1").setMeterId(meterId)
                .setCarrier(carrier).setQuantity(kwh).setUnit("kWh").setIntervalStart(HOUR_END.minus(Duration.ofHours(1)))
                .setIntervalEnd(HOUR_END).setFlag(DataFlag.N).setSteamEnthalpyKjPerKg(null).setSource("avro").build();
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key,
                             SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
}
