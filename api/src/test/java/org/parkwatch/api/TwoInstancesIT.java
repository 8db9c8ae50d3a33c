package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.topology.StoreNames;

/**
 * Two instances of one pipeline (same application.id, two partitions, one each): a request to either is answered
 * whichever holds the data, by forwarding per key and merging lists.
 *
 * <p>Enterprise E{i} (East China grid, 0.55 tCO2/MWh location-based) sends one reading of 100 x i kWh, so its
 * hour holds 0.1 x i MWh x 0.55 = 0.055 x i t CO2.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TwoInstancesIT {

    private static final int ENTERPRISES = 6;

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private PipelineFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldAnswerFromEitherInstanceWhateverInstanceHoldsTheData() {
        fixture = new PipelineFixture();
        List<org.parkwatch.avro.Enterprise> enterprises = new ArrayList<>();
        for (int i = 1; i <= ENTERPRISES; i++) {
            enterprises.add(PipelineFixture.enterprise("E" + i, i % 2 == 0 ? "park-even" : "park-odd", GridRegion.EAST));
        }
        fixture.publishEnterprises(enterprises);
        fixture.publishDefaultFactors(f -> false);
        int portA = freePort();
        int portB = freePort();
        String app = fixture.newApplicationId();
        PipelineFixture.Instance a = fixture.start(app, stateA,
                ApiSettings.local("127.0.0.1", portA).advertisedAs("127.0.0.1", portA));
        PipelineFixture.Instance b = fixture.start(app, stateB,
                ApiSettings.local("127.0.0.1", portB).advertisedAs("127.0.0.1", portB));
        await().atMost(Duration.ofSeconds(120)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                && b.streams().state() == KafkaStreams.State.RUNNING && hasActiveTasks(a) && hasActiveTasks(b));

        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant t0 = Duration.between(hour, now).toMinutes() < 5 ? hour.minus(1, ChronoUnit.HOURS) : hour;
        for (int i = 1; i <= ENTERPRISES; i++) {
            fixture.sendElectricity("E" + i + "-r1", "E" + i, 100.0 * i, t0.plusSeconds(60));
            fixture.sendAlert(PipelineFixture.alert("A" + i, "E" + i, i % 2 == 0 ? "park-even" : "park-odd",
                    AlertSeverity.WARNING, AlertState.OPEN, t0.plusSeconds(60), t0.plusSeconds(60 + i)));
        }

        HostInfo hostB = new HostInfo("127.0.0.1", portB);
        List<String> heldByB = new ArrayList<>();
        for (int i = 1; i <= ENTERPRISES; i++) {
            String id = "E" + i;
            if (a.streams().queryMetadataForKey(StoreNames.ENTERPRISE_WINDOWS, id, Serdes.String().serializer())
                    .activeHost().equals(hostB)) {
                heldByB.add(id);
            }
        }
        assertThat(heldByB).as("enterprises whose totals instance B holds").isNotEmpty().hasSizeLessThan(ENTERPRISES);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (int i = 1; i <= ENTERPRISES; i++) {
                JsonNode viaA = Http.getJson(a.url() + "/api/enterprises/E" + i);
                JsonNode viaB = Http.getJson(b.url() + "/api/enterprises/E" + i);
                String expected = String.valueOf(0.055 * i);
                assertThat(hourAt(viaA, t0).get("co2Scope2LocationT").decimalValue()).isEqualByComparingTo(
                        new java.math.BigDecimal(expected).setScale(9, java.math.RoundingMode.HALF_EVEN));
                assertThat(hourAt(viaB, t0).get("co2Scope2LocationT").decimalValue())
                        .isEqualByComparingTo(hourAt(viaA, t0).get("co2Scope2LocationT").decimalValue());
            }
        });

        // Instance A's own stores do not hold what B holds: A's answers for those came from B.
        KafkaStreamsQueries localA = new KafkaStreamsQueries(a.streams());
        for (String id : heldByB) {
            assertThat(localA.openWindows(SubjectType.ENTERPRISE, id)).as(id + " in A's stores").isEmpty();
            JsonNode series = Http.getJson(a.url() + "/api/series?subjectType=ENTERPRISE&window=HOUR&id=" + id
                    + "&from=" + t0 + "&to=" + t0.plus(1, ChronoUnit.HOURS));
            assertThat(series.get("points").size()).isEqualTo(1);
            JsonNode ledger = Http.getJson(a.url() + "/api/ledger?enterprise=" + id + "&from=" + t0 + "&to="
                    + t0.plus(1, ChronoUnit.HOURS));
            assertThat(ledger.get("total").asInt()).isEqualTo(3);
        }

        // Lists over every key merge both instances' stores.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = Http.getJson(a.url() + "/api/enterprises");
            assertThat(list.get("items").size()).isEqualTo(ENTERPRISES);
            list.get("items").forEach(e -> assertThat(e.get("currentHour").isNull()).as(e.toString()).isFalse());
            list.get("items").forEach(e -> assertThat(e.get("status").asText()).isEqualTo("WARNING"));
            assertThat(Http.getJson(b.url() + "/api/alerts").get("total").asInt()).isEqualTo(ENTERPRISES);
            assertThat(Http.getJson(a.url() + "/api/alerts?state=ALL").get("total").asInt()).isEqualTo(ENTERPRISES);
            JsonNode parks = Http.getJson(b.url() + "/api/parks");
            parks.get("items").forEach(p -> assertThat(p.get("currentWindows").size()).as(p.toString()).isPositive());
            // Odd enterprises 1, 3, 5: (100 + 300 + 500) kWh = 0.9 MWh x 0.55 = 0.495 t.
            assertThat(hourAt(Http.getJson(a.url() + "/api/parks/park-odd"), t0).get("co2Scope2LocationT").decimalValue())
                    .isEqualByComparingTo("0.495");
            assertThat(hourAt(Http.getJson(b.url() + "/api/parks/park-odd"), t0).get("co2Scope2LocationT").decimalValue())
                    .isEqualByComparingTo("0.495");
        });
    }

    private static boolean hasActiveTasks(PipelineFixture.Instance instance) {
        return instance.streams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks).anyMatch(tasks -> !tasks.isEmpty());
    }

    private static JsonNode hourAt(JsonNode subject, Instant start) {
        for (JsonNode w : subject.get("currentWindows")) {
            if ("HOUR".equals(w.get("window").asText()) && start.toString().equals(w.get("windowStart").asText())) {
                return w;
            }
        }
        throw new AssertionError("no HOUR window starting " + start + " in " + subject);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
