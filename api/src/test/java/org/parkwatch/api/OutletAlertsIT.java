package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;

/**
 * An alert about an enterprise's outlet colours the enterprise, as a park operator reads it: in the enterprise
 * list (the dashboard's source), in the enterprise's own view and in the open alerts filtered by enterprise.
 *
 * <p>E1's outlet E1-W1 may discharge 100 mg/L of COD. A concentration rule on every outlet (warning 0.9, limit 1.0
 * of the outlet's limit, one sample enough) judges its sample of 10 m3 at 250 mg/L: ratio 250 / 100 = 2.5, above
 * the limit, so the real alerting step opens a CRITICAL alert about OUTLET E1-W1; the sample's COD is
 * 10 m3 x 250 mg/L = 2.5 kg. E2 only draws electricity and has no alert of its own. A CRITICAL alert about the park
 * itself (fed to the alert stores) colours no enterprise.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OutletAlertsIT {

    @TempDir
    Path stateDir;

    private PipelineFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldShowTheCriticalAlertOfAnOutletOnItsEnterprise() {
        fixture = new PipelineFixture();
        Enterprise e1 = Enterprise.newBuilder(PipelineFixture.enterprise("E1", "park-a", GridRegion.EAST))
                .setOutlets(List.of(new Outlet("E1-W1", "GB8978-1996/2", 100.0, null, null, null))).build();
        fixture.publishEnterprises(List.of(e1, PipelineFixture.enterprise("E2", "park-a", GridRegion.EAST)));
        fixture.publishDefaultFactors(f -> false);
        fixture.publishRule(ThresholdRule.newBuilder().setRuleId("it.cod.concentration").setVersion(1)
                .setScopeType(SubjectType.OUTLET).setScopeId("*").setMetric("cod.concentration.ratio")
                .setWindow(WindowKind.SAMPLE).setWarningLevel(0.9).setLimit(1.0).setClearLevel(0.85)
                .setUnit("ratio of the outlet's COD limit").setMinDurationMs(0).setMinConsecutive(1)
                .setEnabled(true).setSource("test rule").build());
        PipelineFixture.Instance instance = fixture.start(fixture.newApplicationId(), stateDir,
                ApiSettings.local("127.0.0.1", 0));
        String api = instance.url();
        await().atMost(Duration.ofSeconds(90)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);

        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant t0 = Duration.between(hour, now).toMinutes() < 5 ? hour.minus(1, ChronoUnit.HOURS) : hour;
        fixture.sendWastewater("E1-W1-s1", "E1", "E1-W1", 10.0, 250.0, t0.plusSeconds(120));
        fixture.sendElectricity("E2-r1", "E2", 100, t0.plusSeconds(60));
        Alert parkAlert = Alert.newBuilder(PipelineFixture.alert("P1", "park-a", "park-a", AlertSeverity.CRITICAL,
                        AlertState.OPEN, t0.plusSeconds(60), t0.plusSeconds(60)))
                .setSubjectType(SubjectType.PARK).build();
        fixture.sendAlert(parkAlert);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode open = Http.getJson(api + "/api/alerts?state=OPEN").get("items");
            assertThat(open).extracting(a -> a.get("subjectType").asText()).containsExactlyInAnyOrder("OUTLET", "PARK");
            JsonNode listed = Http.getJson(api + "/api/enterprises");
            assertThat(enterprise(listed, "E2").get("currentHour").isNull()).isFalse();
            // E1's hour is published with the next publication, which may come after its alert
            assertThat(enterprise(listed, "E1").path("currentHour").path("codKg").isNumber()).isTrue();
        });

        JsonNode ofE1 = Http.getJson(api + "/api/alerts?state=OPEN&enterprise=E1");
        assertThat(ofE1.get("total").asInt()).isEqualTo(1);
        JsonNode alert = ofE1.get("items").get(0);
        assertThat(alert.get("subjectType").asText()).isEqualTo("OUTLET");
        assertThat(alert.get("subjectId").asText()).isEqualTo("E1-W1");
        assertThat(alert.get("enterpriseId").asText()).isEqualTo("E1");
        assertThat(alert.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(alert.get("value").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(Http.getJson(api + "/api/alerts?state=ALL&enterprise=E1").get("total").asInt()).isEqualTo(1);
        assertThat(Http.getJson(api + "/api/alerts?state=OPEN&enterprise=E2").get("total").asInt()).isZero();

        // The enterprise list, read as the dashboard reads it.
        for (String list : List.of("/api/enterprises", "/api/enterprises?size=500&page=0")) {
            JsonNode enterprises = Http.getJson(api + list);
            JsonNode listedE1 = enterprise(enterprises, "E1");
            assertThat(listedE1.get("status").asText()).as(list).isEqualTo("CRITICAL");
            assertThat(listedE1.get("openAlerts").asInt()).as(list).isEqualTo(1);
            assertThat(listedE1.get("currentHour").get("codKg").decimalValue()).isEqualByComparingTo("2.5");
            JsonNode listedE2 = enterprise(enterprises, "E2");
            assertThat(listedE2.get("status").asText()).as(list).isEqualTo("OK");
            assertThat(listedE2.get("openAlerts").asInt()).as(list).isZero();
        }

        JsonNode one = Http.getJson(api + "/api/enterprises/E1");
        assertThat(one.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(one.get("openAlerts").asInt()).isEqualTo(1);
        assertThat(Http.getJson(api + "/api/enterprises/E2").get("status").asText()).isEqualTo("OK");
    }

    private static JsonNode enterprise(JsonNode list, String id) {
        for (JsonNode e : list.get("items")) {
            if (id.equals(e.get("enterpriseId").asText())) {
                return e;
            }
        }
        throw new AssertionError("no enterprise " + id + " in " + list);
    }
}
