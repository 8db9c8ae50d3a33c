package org.parkwatch.deploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.parkwatch.api.ApiMetrics;
import org.parkwatch.gateway.GatewayMetrics;
import org.parkwatch.gateway.intake.PacketResult;

class GatewayHttpEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheGatewaysMetricsToPrometheusAndAnswerProbes() throws Exception {
        PrometheusMeterRegistry meters = ApiMetrics.prometheusRegistry();
        GatewayMetrics gateway = new GatewayMetrics(meters);
        gateway.connectionOpened();
        gateway.packet("2061", PacketResult.ACCOUNTED);
        gateway.packet("2061", PacketResult.ACCOUNTED);

        try (GatewayHttpEndpoint endpoint = GatewayHttpEndpoint.start("127.0.0.1", 0, meters)) {
            HttpResponse<String> metrics = get(endpoint.port(), "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("parkwatch_gateway_packets_total{cn=\"2061\",result=\"ACCOUNTED\"} 2.0")
                    .contains("parkwatch_gateway_connections 1.0")
                    .contains("jvm_memory_used_bytes");
            assertThat(get(endpoint.port(), "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(endpoint.port(), "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(endpoint.port(), "/api/enterprises").statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }
}
