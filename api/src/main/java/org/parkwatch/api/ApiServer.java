package org.parkwatch.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.SubjectType;

/** The HTTP API of one ParkWatch instance (Javalin on Jetty). Read-only: it never writes to Kafka. */
public final class ApiServer implements AutoCloseable {

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    public static ApiServer start(String host, int port, StateQueries queries) {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(JsonViews.mapper());
            config.startup.showJavalinBanner = false;
            config.routes.get("/health/live", ctx -> health(ctx, queries.isLive()));
            config.routes.get("/health/ready", ctx -> health(ctx, queries.isReady()));
            config.routes.get("/api/enterprises", ctx -> ctx.json(queries.enterprises().stream()
                    .sorted(Comparator.comparing(Enterprise::getEnterpriseId))
                    .map(JsonViews::enterprise).toList()));
            config.routes.get("/api/enterprises/{id}", ctx -> enterprise(ctx, queries, ctx.pathParam("id")));
            config.routes.get("/api/parks/{id}", ctx -> park(ctx, queries, ctx.pathParam("id")));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        });
        app.start(host, port);
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void health(Context ctx, boolean ok) {
        ctx.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", ok ? "UP" : "DOWN"));
    }

    private static void enterprise(Context ctx, StateQueries queries, String id) {
        var enterprise = queries.enterprise(id);
        if (enterprise.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "unknown enterprise: " + id);
            return;
        }
        List<EmissionTotals> windows = queries.openWindows(SubjectType.ENTERPRISE, id);
        ctx.json(Map.of("enterprise", JsonViews.enterprise(enterprise.get()),
                "currentWindows", windows.stream().map(JsonViews::totals).toList()));
    }

    private static void park(Context ctx, StateQueries queries, String id) {
        List<EmissionTotals> windows = queries.openWindows(SubjectType.PARK, id);
        if (windows.isEmpty() && queries.enterprises().stream().noneMatch(e -> e.getParkId().equals(id))) {
            error(ctx, HttpStatus.NOT_FOUND, "unknown park: " + id);
            return;
        }
        ctx.json(Map.of("parkId", id, "currentWindows", windows.stream().map(JsonViews::totals).toList()));
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("status", status.getCode(), "error", status.getMessage(), "message", message));
    }
}
