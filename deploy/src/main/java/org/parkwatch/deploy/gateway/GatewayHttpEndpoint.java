package org.parkwatch.deploy.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The standalone gateway's HTTP side: {@code /metrics} for Prometheus (connections, packets per CN and result,
 * answer latency, per-device last-seen) and {@code /health/live}, {@code /health/ready} for probes. Read-only and
 * without data, so it carries no token; it listens where the gateway does. In the local stack the gateway shares the
 * API's {@code /metrics} instead. The JDK's own HTTP server is enough for three fixed routes.
 */
public final class GatewayHttpEndpoint implements AutoCloseable {

    private final HttpServer server;

    private GatewayHttpEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves until closed; {@code port} 0 picks a free one. */
    public static GatewayHttpEndpoint start(String host, int port, PrometheusMeterRegistry meters) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
                return;
            }
            reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape());
        });
        // The gateway process serves this only once it listens for devices with the device list loaded, and stops
        // it first on the way down: alive and ready are the same here.
        server.createContext("/health/live", exchange -> reply(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> reply(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain; charset=utf-8", "not found\n"));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parkwatch-gateway-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new GatewayHttpEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
