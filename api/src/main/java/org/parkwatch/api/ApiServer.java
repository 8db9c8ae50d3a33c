package org.parkwatch.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.parkwatch.report.Reports;

/**
 * The HTTP face of one ParkWatch instance (Javalin on Jetty): the read-only query API under /api, the live
 * dashboard at /, its OpenAPI description at /openapi.yaml, health at /health/live and /health/ready, and
 * Prometheus metrics at /metrics. It never writes to Kafka.
 */
public final class ApiServer implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the API over the state stores of {@code streams}.
     *
     * @param meters the registry the pipeline's metrics are bound to, exposed at /metrics
     */
    public static ApiServer start(ApiSettings settings, KafkaStreams streams, PrometheusMeterRegistry meters) {
        return start(settings, streams, meters, Clock.systemUTC());
    }

    /** As {@link #start(ApiSettings, KafkaStreams, PrometheusMeterRegistry)}, with the clock default ranges end at. */
    public static ApiServer start(ApiSettings settings, KafkaStreams streams, PrometheusMeterRegistry meters,
                                  Clock clock) {
        return start(settings, streams, meters, clock, Optional.empty());
    }

    /**
     * As {@link #start(ApiSettings, KafkaStreams, PrometheusMeterRegistry, Clock)}, with the reports of
     * /api/parks/{id}/report made by {@code reports} (without, that route answers 503).
     */
    public static ApiServer start(ApiSettings settings, KafkaStreams streams, PrometheusMeterRegistry meters,
                                  Clock clock, Optional<Reports> reports) {
        KafkaStreamsQueries queries = new KafkaStreamsQueries(streams);
        Peers peers = new Peers(new ClusterRouter(streams, settings.advertised()),
                new PeerClient(settings.requiredToken(), settings.tls()));
        AlertHandlers alerts = new AlertHandlers(queries, peers, clock);
        SubjectHandlers subjects = new SubjectHandlers(queries, peers, alerts, clock,
                new CurrentPeriods(settings.calendarZone(), clock));
        AuditHandlers audit = new AuditHandlers(queries, peers, clock);
        ReportHandlers reportHandlers = new ReportHandlers(reports);
        byte[] openApi = resource("/openapi.yaml");

        Javalin app = Javalin.create(config -> {
            config.jsonMapper(JsonViews.mapper());
            config.startup.showJavalinBanner = false;
            // With a connector of our own, Javalin adds no plain HTTP one: TLS means TLS only.
            settings.tls().ifPresent(tls -> config.jetty.addConnector((server, http) ->
                    TlsConnector.of(server, http, tls, settings.host(), settings.port())));
            cors(config, settings);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            // Every route answers GET requests: a body is never read, so a large one is refused before anything else.
            config.http.maxRequestSize = ApiErrors.MAX_REQUEST_BYTES;
            config.routes.before(ApiErrors::refuseLargeBodies);
            settings.requiredToken().ifPresent(token -> {
                BearerAuth auth = new BearerAuth(token);
                config.routes.before("/api/*", auth);
                config.routes.before("/internal/*", auth);
            });
            config.routes.get("/health/live", ctx -> health(ctx, queries.isLive(), streams));
            config.routes.get("/health/ready", ctx -> health(ctx, queries.isReady(), streams));
            config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape()));
            config.routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
            subjects.register(config.routes);
            alerts.register(config.routes);
            audit.register(config.routes);
            reportHandlers.register(config.routes);
            ApiErrors.install(config.routes);
        });
        app.start(settings.host(), settings.port());
        return new ApiServer(app);
    }

    /** The port the API listens on (the one picked when 0 was asked for). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void cors(JavalinConfig config, ApiSettings settings) {
        if (settings.corsOrigins().isEmpty()) {
            return;
        }
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            for (String origin : settings.corsOrigins()) {
                rule.allowHost(origin);
            }
        }));
    }

    private static void health(Context ctx, boolean ok, KafkaStreams streams) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "UP" : "DOWN");
        body.put("streams", streams.state().name());
        ctx.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ApiErrors.error(ctx, status, message);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
