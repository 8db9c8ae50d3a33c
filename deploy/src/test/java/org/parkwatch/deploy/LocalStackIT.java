package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local stack as a user starts it, on free ports: the API answers with figures and input topics hold data. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalStackIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRunTheWholeStackAndAnswerWithFiguresFromTheSimulatedPark(@TempDir Path dataDir) throws Exception {
        var options = new LocalStack.Options(0, 0, 0, 0, 0, dataDir, true, false, 5, 7, Map.of());
        // One CEMS per stack of the three enterprises run as devices, one stack per boiler.
        int cems = org.parkwatch.simulator.hj212.DeviceFleet.of(org.parkwatch.simulator.ParkModel.generate(
                org.parkwatch.simulator.ParkSettings.defaults(7).withEnterpriseCount(5)), 3, 7).cems().size();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalStack stack = LocalStack.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("ParkWatch local stack is running", "Schema registry", stack.apiUrl())
                    .contains("HJ 212 gateway", "127.0.0.1:" + stack.gatewayPort())
                    .contains("Simulated devices", "3 enterprises (E0001, E0002, E0003)")
                    .contains("HJ 212 wastewater data loggers and " + cems + " stack CEMS on 127.0.0.1:"
                            + stack.gatewayPort());
            // The gateway listens: a heartbeat from a device nobody registered is refused with QnRtn 4 (MN error).
            try (java.net.Socket device = new java.net.Socket("127.0.0.1", stack.gatewayPort())) {
                device.setSoTimeout(10_000);
                device.getOutputStream().write(org.parkwatch.gateway.hj212.Answers.frame(
                        "QN=20260101000000000;ST=32;CN=9015;PW=123456;MN=NOBODY;Flag=9;CP=&&&&"));
                String answer = new String(device.getInputStream().readNBytes(6 + 76 + 6), StandardCharsets.US_ASCII);
                assertThat(answer).contains("CN=9011").contains("QnRtn=4");
            }

            assertThat(get(stack.apiUrl() + "/health/live").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                HttpResponse<String> park = get(stack.apiUrl() + "/api/parks/park-1");
                assertThat(park.statusCode()).isEqualTo(200);
                assertThat(park.body()).contains("\"window\":\"DAY\"").doesNotContain("\"entryCount\":0,");
            });
            // The simulated loggers, registered on the devices topic, were let in: real-time data on connecting, and
            // the hours of today so far (none yet in the day's first hour) accounted from their hourly data.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PrometheusScrape
                    .fetch(stack.apiUrl() + "/metrics")
                    .value("parkwatch_gateway_packets_total", Map.of("cn", "2011", "result", "KEPT")))
                    .isGreaterThanOrEqualTo(3));
            if (LocalTime.now(ZoneId.of("Asia/Shanghai")).getHour() >= 1) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PrometheusScrape
                        .fetch(stack.apiUrl() + "/metrics")
                        .value("parkwatch_gateway_packets_total", Map.of("cn", "2061", "result", "ACCOUNTED")))
                        .isPositive());
            }
            HttpResponse<String> enterprises = get(stack.apiUrl() + "/api/enterprises");
            assertThat(enterprises.body()).contains("E0001", "E0005").doesNotContain("E0006");
            assertThat(get(stack.apiUrl() + "/api/enterprises/NO-SUCH").statusCode()).isEqualTo(404);

            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "by-hand", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("park.meter-readings"));
                await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(500)).isEmpty());
            }
            assertThat(cems).isPositive();
            if (LocalTime.now(ZoneId.of("Asia/Shanghai")).getHour() >= 1) {
                // The CEMS's hours of today reached the flue-gas input through the gateway.
                try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "by-hand-flue", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of("park.flue-gas-samples"));
                    await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(500))
                            .isEmpty());
                }
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
