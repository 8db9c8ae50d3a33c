package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.WindowKind;

/**
 * The query API against a running topology on a real broker: every endpoint, every 4xx case, authentication and
 * CORS, health, the OpenAPI file, and the Prometheus scrape after data has flowed.
 *
 * <p>Data, all in the hour starting at t0 (East China grid, location 0.55 tCO2/MWh and market residual
 * 0.6096 tCO2/MWh from 2023, electricity 0.1229 kgce/kWh):
 * <ul>
 *   <li>E1 (park-a): 1 000 kWh at t0+1 min and at t0+2 min: location 2 x 0.55 = 1.1 t, market 2 x 0.6096 =
 *       1.2192 t, energy 2 000 x 0.1229 kgce = 0.2458 tce; 3 ledger entries per reading, 6 in all; the first
 *       reading is sent twice (one duplicate);</li>
 *   <li>E2 (park-a): 500 kWh: location 0.275 t, market 0.3048 t; park-a hour: location 1.375 t;</li>
 *   <li>E3 (park-a, South-West grid, whose location factor is withheld): rejected FACTOR_MISSING;</li>
 *   <li>E9 (park-b): 2 000 kWh: location 1.1 t;</li>
 *   <li>a reading of an unknown enterprise: rejected UNKNOWN_ENTERPRISE.</li>
 * </ul>
 * E1 reports an added value of 2.0 x 10^4 RMB over the hour: its hour intensity is 1.1 t / 2.0 = 0.55 tCO2 per
 * 10^4 RMB. Park-a has a target for its hourly CO2 intensity (warning 5, limit 10).
 * Alerts fed: A1 E1 CRITICAL open (t0+3 min), A2 E2 WARNING opened (t0+1 min) then resolved (t0+4 min), A3 E9
 * WARNING open (t0+2 min).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class QueryApiIT {

    private static final String TOKEN = "s3cret-token";
    private static final String ORIGIN = "http://dashboard.example";

    private PipelineFixture fixture;
    private PipelineFixture.Instance instance;
    private ApiServer securedApi;
    private String api;
    private String secured;
    private Instant t0;

    @TempDir
    static Path stateDir;

    @BeforeAll
    void startPipelineWithData() {
        fixture = new PipelineFixture();
        fixture.publishEnterprises(List.of(
                PipelineFixture.enterprise("E1", "park-a", GridRegion.EAST),
                PipelineFixture.enterprise("E2", "park-a", GridRegion.EAST),
                PipelineFixture.enterprise("E3", "park-a", GridRegion.SOUTHWEST),
                PipelineFixture.enterprise("E9", "park-b", GridRegion.EAST)));
        fixture.publishDefaultFactors(f -> f.factorKey().equals("grid.location.SOUTHWEST"));
        // A target far above these figures, so that it opens no alert of its own.
        fixture.publishParkTarget("target-park-a-co2", "park-a", "co2.intensity.location", WindowKind.HOUR, 5.0, 10.0,
                "tCO2/10^4 RMB");
        instance = fixture.start(fixture.newApplicationId(), stateDir, ApiSettings.local("127.0.0.1", 0));
        // A second API over the same pipeline, with authentication and CORS on.
        securedApi = ApiServer.start(ApiSettings.local("127.0.0.1", 0).withToken(TOKEN).withCorsOrigins(List.of(ORIGIN)),
                instance.streams(), instance.meters());
        api = instance.url();
        secured = "http://127.0.0.1:" + securedApi.port();
        await().atMost(Duration.ofSeconds(90)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);

        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        // Every reading must fall in one hour and in the past: early in an hour, use the previous one.
        t0 = Duration.between(hour, now).toMinutes() < 5 ? hour.minus(1, ChronoUnit.HOURS) : hour;
        fixture.sendElectricity("E1-r1", "E1", 1000, t0.plusSeconds(60));
        fixture.sendElectricity("E1-r2", "E1", 1000, t0.plusSeconds(120));
        fixture.sendElectricity("E1-r1", "E1", 1000, t0.plusSeconds(60));
        fixture.sendElectricity("E2-r1", "E2", 500, t0.plusSeconds(60));
        fixture.sendElectricity("E3-r1", "E3", 100, t0.plusSeconds(60));
        fixture.sendElectricity("E9-r1", "E9", 2000, t0.plusSeconds(60));
        fixture.sendElectricity("NOPE-r1", "E-NOPE", 10, t0.plusSeconds(60));
        fixture.sendOutputReport("E1-iav", "E1", t0, t0.plus(1, ChronoUnit.HOURS), 2.0);
        fixture.sendAlert(PipelineFixture.alert("A1", "E1", "park-a", AlertSeverity.CRITICAL, AlertState.OPEN,
                t0.plusSeconds(180), t0.plusSeconds(180)));
        fixture.sendAlert(PipelineFixture.alert("A2", "E2", "park-a", AlertSeverity.WARNING, AlertState.OPEN,
                t0.plusSeconds(60), t0.plusSeconds(60)));
        fixture.sendAlert(PipelineFixture.alert("A2", "E2", "park-a", AlertSeverity.WARNING, AlertState.RESOLVED,
                t0.plusSeconds(60), t0.plusSeconds(240)));
        fixture.sendAlert(PipelineFixture.alert("A3", "E9", "park-b", AlertSeverity.WARNING, AlertState.OPEN,
                t0.plusSeconds(120), t0.plusSeconds(120)));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(hourOf(Http.getJson(api + "/api/enterprises/E1")).get("co2Scope2LocationT").decimalValue())
                    .isEqualByComparingTo("1.1");
            assertThat(hourOf(Http.getJson(api + "/api/parks/park-a")).get("co2Scope2LocationT").decimalValue())
                    .isEqualByComparingTo("1.375");
            assertThat(hourOf(Http.getJson(api + "/api/parks/park-b")).get("co2Scope2LocationT").decimalValue())
                    .isEqualByComparingTo("1.1");
            assertThat(Http.getJson(api + "/api/alerts?state=ALL").get("total").asInt()).isEqualTo(4);
            assertThat(Http.getJson(api + "/api/alerts").get("total").asInt()).isEqualTo(2);
        });
    }

    @AfterAll
    void stop() {
        if (securedApi != null) {
            securedApi.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldListEnterprisesPageByPageWithStatusAndCurrentHour() {
        JsonNode first = Http.getJson(api + "/api/enterprises?page=0&size=2");
        JsonNode second = Http.getJson(api + "/api/enterprises?page=1&size=2");

        assertThat(first.get("total").asInt()).isEqualTo(4);
        assertThat(ids(first.get("items"), "enterpriseId")).containsExactly("E1", "E2");
        assertThat(ids(second.get("items"), "enterpriseId")).containsExactly("E3", "E9");
        JsonNode e1 = first.get("items").get(0);
        assertThat(e1.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(e1.get("openAlerts").asInt()).isEqualTo(1);
        assertThat(e1.get("currentHour").get("co2Scope2MarketT").decimalValue()).isEqualByComparingTo("1.2192");
        JsonNode e2 = first.get("items").get(1);
        assertThat(e2.get("status").asText()).isEqualTo("OK");
        assertThat(e2.get("currentHour").get("co2Scope2LocationT").decimalValue()).isEqualByComparingTo("0.275");
        assertThat(second.get("items").get(0).get("status").asText()).isEqualTo("NO_DATA");
        assertThat(second.get("items").get(1).get("status").asText()).isEqualTo("WARNING");
    }

    @Test
    void shouldAnswerOneEnterpriseWithItsCurrentWindows() {
        JsonNode e1 = Http.getJson(api + "/api/enterprises/E1");

        assertThat(e1.get("enterprise").get("parkId").asText()).isEqualTo("park-a");
        JsonNode hour = hourOf(e1);
        assertThat(hour.get("windowStart").asText()).isEqualTo(t0.toString());
        assertThat(hour.get("co2Scope2MarketT").decimalValue()).isEqualByComparingTo("1.2192");
        assertThat(hour.get("energyTce").decimalValue()).isEqualByComparingTo("0.2458");
        assertThat(hour.get("entryCount").asInt()).isEqualTo(6);
        assertThat(ids(e1.get("currentWindows"), "window")).contains("HOUR", "DAY", "MONTH_TO_DATE", "YEAR_TO_DATE");
    }

    @Test
    void shouldGiveIntensitiesOfTheCurrentWindowsAndTheParkTargets() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode e1 = Http.getJson(api + "/api/enterprises/E1");
            JsonNode hour = null;
            for (JsonNode i : e1.get("intensities")) {
                if ("HOUR".equals(i.get("window").asText()) && t0.toString().equals(i.get("windowStart").asText())) {
                    hour = i;
                }
            }
            assertThat(hour).as("E1's hour intensity in " + e1.get("intensities")).isNotNull();
            assertThat(hour.get("status").asText()).isEqualTo("AVAILABLE");
            assertThat(hour.get("values").get("co2.intensity.location").decimalValue()).isEqualByComparingTo("0.55");
        });
        JsonNode parkA = Http.getJson(api + "/api/parks/park-a");
        assertThat(ids(parkA.get("targets"), "ruleId")).containsExactly("target-park-a-co2");
        assertThat(parkA.get("targets").get(0).get("limit").decimalValue()).isEqualByComparingTo("10");
        assertThat(Http.getJson(api + "/api/parks/park-b").get("targets").size()).isZero();
    }

    @Test
    void shouldGiveEachParkItsTotalsAndEnterprises() {
        JsonNode parks = Http.getJson(api + "/api/parks");
        JsonNode parkA = Http.getJson(api + "/api/parks/park-a");

        assertThat(ids(parks.get("items"), "parkId")).containsExactly("park-a", "park-b");
        assertThat(parks.get("items").get(0).get("enterpriseCount").asInt()).isEqualTo(3);
        assertThat(parks.get("items").get(0).get("currentWindows").size()).isPositive();
        assertThat(ids(parkA.get("enterprises"), "enterpriseId")).containsExactly("E1", "E2", "E3");
        assertThat(hourOf(parkA).get("co2Scope2MarketT").decimalValue()).isEqualByComparingTo("1.524");
    }

    @Test
    void shouldServeHourlySeriesOfAnEnterpriseAndAPark() {
        String range = "&window=HOUR&from=" + t0.minus(1, ChronoUnit.HOURS) + "&to=" + t0.plus(1, ChronoUnit.HOURS);
        JsonNode enterprise = Http.getJson(api + "/api/series?subjectType=ENTERPRISE&id=E1" + range);
        JsonNode park = Http.getJson(api + "/api/series?subjectType=PARK&id=park-a" + range);
        JsonNode empty = Http.getJson(api + "/api/series?subjectType=ENTERPRISE&id=E1&window=HOUR&from="
                + t0.minus(5, ChronoUnit.HOURS) + "&to=" + t0.minus(3, ChronoUnit.HOURS));

        assertThat(enterprise.get("points").size()).isEqualTo(1);
        assertThat(enterprise.get("points").get(0).get("windowStart").asText()).isEqualTo(t0.toString());
        assertThat(enterprise.get("points").get(0).get("co2Scope2LocationT").decimalValue()).isEqualByComparingTo("1.1");
        assertThat(park.get("points").get(0).get("co2Scope2LocationT").decimalValue()).isEqualByComparingTo("1.375");
        assertThat(empty.get("points").size()).isZero();
    }

    @Test
    void shouldFindTheFactorVersionInForceAtATime() {
        JsonNode in2022 = Http.getJson(api + "/api/factors/grid.location.EAST?at=2022-06-01T00:00:00Z");
        JsonNode now = Http.getJson(api + "/api/factors/grid.location.EAST");

        // The 2022 East China version applies from 1 January 2022, midnight in Beijing time (UTC+8).
        assertThat(in2022.get("validFrom").asText()).isEqualTo("2021-12-31T16:00:00Z");
        assertThat(in2022.get("value").decimalValue()).isEqualByComparingTo("0.5617");
        assertThat(now.get("value").decimalValue()).isEqualByComparingTo("0.55");
        assertError(Http.get(api + "/api/factors/grid.location.EAST?at=2021-06-01T00:00:00Z"), 404);
        assertError(Http.get(api + "/api/factors/no.such.factor"), 404);
    }

    @Test
    void shouldFilterOpenAlertsAndHistory() {
        assertThat(ids(Http.getJson(api + "/api/alerts").get("items"), "alertId")).containsExactly("A1", "A3");
        assertThat(ids(Http.getJson(api + "/api/alerts?severity=CRITICAL").get("items"), "alertId"))
                .containsExactly("A1");
        assertThat(ids(Http.getJson(api + "/api/alerts?park=park-b").get("items"), "alertId")).containsExactly("A3");
        assertThat(ids(Http.getJson(api + "/api/alerts?enterprise=E1").get("items"), "alertId")).containsExactly("A1");
        JsonNode history = Http.getJson(api + "/api/alerts?state=ALL");
        assertThat(ids(history.get("items"), "alertId")).containsExactly("A2", "A1", "A3", "A2");
        assertThat(ids(history.get("items"), "state")).containsExactly("RESOLVED", "OPEN", "OPEN", "OPEN");
        JsonNode window = Http.getJson(api + "/api/alerts?state=ALL&from=" + t0.plusSeconds(100) + "&to="
                + t0.plusSeconds(200) + "&size=1&page=1");
        assertThat(window.get("total").asInt()).isEqualTo(2);
        assertThat(ids(window.get("items"), "alertId")).containsExactly("A3");
    }

    @Test
    void shouldPageTheLedgerOfAnEnterprise() {
        String url = api + "/api/ledger?enterprise=E1&from=" + t0 + "&to=" + t0.plus(1, ChronoUnit.HOURS);
        JsonNode all = Http.getJson(url + "&size=500");
        JsonNode second = Http.getJson(url + "&size=4&page=1");

        assertThat(all.get("total").asInt()).isEqualTo(6);
        List<JsonNode> location = new ArrayList<>();
        all.get("items").forEach(e -> {
            if ("SCOPE2_LOCATION".equals(e.get("scope").asText())) {
                location.add(e);
            }
        });
        assertThat(location).hasSize(2).allSatisfy(e -> assertThat(e.get("amountMg").asLong()).isEqualTo(550_000_000L));
        assertThat(location.get(0).get("factors").get(0).get("factorKey").asText()).isEqualTo("grid.location.EAST");
        assertThat(second.get("items").size()).isEqualTo(2);
        assertThat(Http.getJson(url.replace("E1", "E9")).get("total").asInt()).isEqualTo(3);
    }

    @Test
    void shouldRefuseBadRequestsWithClearJsonErrors() {
        assertError(Http.get(api + "/api/enterprises/NO-SUCH"), 404);
        assertError(Http.get(api + "/api/parks/no-such-park"), 404);
        assertError(Http.get(api + "/api/ledger?enterprise=NO-SUCH"), 404);
        assertError(Http.get(api + "/api/alerts?enterprise=NO-SUCH"), 404);
        assertError(Http.get(api + "/api/series?subjectType=PARK&id=no-such-park&window=HOUR"), 404);
        assertError(Http.get(api + "/api/series?subjectType=ENTERPRISE&id=E1&window=HOUR&from=yesterday"), 400);
        assertError(Http.get(api + "/api/series?subjectType=ENTERPRISE&id=E1&window=HOUR"
                + "&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400);
        assertError(Http.get(api + "/api/ledger?enterprise=E1&from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z"), 400);
        assertError(Http.get(api + "/api/enterprises?size=501"), 400);
        assertError(Http.get(api + "/api/enterprises?page=-1"), 400);
        assertError(Http.get(api + "/api/enterprises?size=ten"), 400);
        assertError(Http.get(api + "/api/series?subjectType=ENTERPRISE&id=E1&window=WEEK"), 400);
        assertError(Http.get(api + "/api/series?subjectType=SECTOR&id=steel&window=HOUR"), 400);
        assertError(Http.get(api + "/api/series?subjectType=ENTERPRISE&window=HOUR"), 400);
        assertError(Http.get(api + "/api/alerts?state=CLOSED"), 400);
        assertError(Http.get(api + "/api/alerts?severity=MILD"), 400);
        assertError(Http.get(api + "/api/ledger"), 400);
        JsonNode body = Http.json(Http.get(api + "/api/enterprises?size=501"));
        assertThat(body.get("error").asText()).isEqualTo("Bad Request");
        assertThat(body.get("message").asText()).isEqualTo("size must be at most 500, was 501");
    }

    @Test
    void shouldRequireTheBearerTokenWhenConfigured() {
        HttpResponse<String> none = Http.get(secured + "/api/enterprises");
        HttpResponse<String> wrong = Http.get(secured + "/api/enterprises", "Authorization", "Bearer not-it");
        HttpResponse<String> right = Http.get(secured + "/api/enterprises", "Authorization", "Bearer " + TOKEN);

        assertError(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertError(wrong, 401);
        assertThat(Http.json(wrong).get("message").asText()).isEqualTo("the bearer token is not valid");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(Http.json(right).get("total").asInt()).isEqualTo(4);
        assertError(Http.get(secured + "/internal/open-alerts"), 401);
        assertThat(Http.get(secured + "/health/live").statusCode()).isEqualTo(200);
        assertThat(Http.get(secured + "/health/ready").statusCode()).isEqualTo(200);
        assertThat(Http.get(secured + "/metrics").statusCode()).isEqualTo(200);
        assertThat(Http.get(secured + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAllowOnlyTheConfiguredBrowserOrigins() {
        HttpResponse<String> allowed = Http.get(secured + "/api/parks", "Origin", ORIGIN,
                "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> other = Http.get(secured + "/api/parks", "Origin", "http://evil.example",
                "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> unconfigured = Http.get(api + "/api/parks", "Origin", ORIGIN);

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(unconfigured.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldReportLiveAndReady() {
        HttpResponse<String> live = Http.get(api + "/health/live");
        HttpResponse<String> ready = Http.get(api + "/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(Http.json(live).get("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Http.json(ready).get("streams").asText()).isEqualTo("RUNNING");
    }

    @Test
    void shouldServeTheOpenApiDescriptionAndTheDashboard() {
        HttpResponse<String> openApi = Http.get(api + "/openapi.yaml");
        HttpResponse<String> page = Http.get(api + "/");

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).startsWith("openapi: 3.").contains("  /api/enterprises:", "  /api/enterprises/{id}:",
                "  /api/parks:", "  /api/parks/{id}:", "  /api/series:", "  /api/factors/{factorKey}:",
                "  /api/alerts:", "  /api/ledger:", "  /health/live:", "  /health/ready:", "  /metrics:");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>ParkWatch", "app.js");
        assertThat(Http.get(api + "/app.js").body()).contains("api/series?subjectType=PARK");
    }

    @Test
    void shouldExposeEveryDocumentedMetricWithAPlausibleValue() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = Http.get(api + "/metrics").body();
            // Four readings accounted; one unknown enterprise and one missing factor rejected; one resend dropped.
            assertThat(value(scrape, "parkwatch_input_accepted_total{input=\"meter\"}")).isEqualTo(4.0);
            assertThat(value(scrape, "parkwatch_input_rejected_total{input=\"meter\",reason=\"UNKNOWN_ENTERPRISE\"}"))
                    .isEqualTo(1.0);
            assertThat(value(scrape, "parkwatch_input_rejected_total{input=\"meter\",reason=\"FACTOR_MISSING\"}"))
                    .isEqualTo(1.0);
            assertThat(value(scrape, "parkwatch_input_duplicates_total{input=\"meter\"}")).isEqualTo(1.0);
            // Each accounted electricity reading makes one entry per pollutant and scope.
            assertThat(value(scrape, "parkwatch_ledger_entries_total{pollutant=\"CO2\",scope=\"SCOPE2_LOCATION\"}"))
                    .isEqualTo(4.0);
            assertThat(value(scrape, "parkwatch_ledger_entries_total{pollutant=\"ENERGY\",scope=\"NONE\"}"))
                    .isEqualTo(4.0);
            assertThat(value(scrape, "parkwatch_factor_lookups_failed_total{factor=\"grid.location.SOUTHWEST\"}"))
                    .isEqualTo(1.0);
            // The latest event time is t0 + 2 min, at least 3 min ago and less than 65 min ago.
            assertThat(value(scrape, "parkwatch_input_event_time_lag_seconds{input=\"meter\"}"))
                    .isBetween(180.0, 65 * 60.0);
            assertThat(scrape).containsPattern("(?m)^kafka_stream_thread_process_total\\{.*\\} [1-9]");
            assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{.*\\} [1-9]");
            assertThat(scrape).containsPattern("(?m)^process_uptime_seconds");
        });
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in the scrape"));
    }

    private static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        JsonNode body = Http.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private JsonNode hourOf(JsonNode subject) {
        for (JsonNode w : subject.get("currentWindows")) {
            if ("HOUR".equals(w.get("window").asText()) && t0.toString().equals(w.get("windowStart").asText())) {
                return w;
            }
        }
        throw new AssertionError("no HOUR window starting " + t0 + " in " + subject);
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get(field).asText()));
        return ids;
    }
}
