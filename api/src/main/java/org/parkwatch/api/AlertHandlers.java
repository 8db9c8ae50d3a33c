package org.parkwatch.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.topology.StoreNames;

/** Open alerts and the history of alert transitions, filtered, merged over every instance and paged. */
final class AlertHandlers {

    /** Which alerts a request asks for: those open now, or every transition within the time range. */
    enum Scope { OPEN, ALL }

    private static final Duration DEFAULT_HISTORY_SPAN = Duration.ofDays(7);
    private static final Duration MAX_HISTORY_SPAN = Duration.ofDays(400);
    private static final Comparator<Map<String, Object>> NEWEST_FIRST =
            Comparator.comparing((Map<String, Object> a) -> instant(a.get("transitionAt"))).reversed()
                    .thenComparing(a -> String.valueOf(a.get("alertId")));

    private final KafkaStreamsQueries queries;
    private final Peers peers;
    private final Clock clock;

    AlertHandlers(KafkaStreamsQueries queries, Peers peers, Clock clock) {
        this.queries = queries;
        this.peers = peers;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/alerts", this::alerts);
        routes.get("/internal/open-alerts", ctx -> ctx.json(localOpen()));
        routes.get("/internal/alert-history", ctx -> ctx.json(localHistory(historyRange(ctx))));
    }

    private void alerts(Context ctx) {
        Scope scope = Params.oneOf(ctx, "state", List.of(Scope.values()), Scope.OPEN);
        AlertSeverity severity = Params.oneOf(ctx, "severity", List.of(AlertSeverity.values()), AlertSeverity.WARNING);
        boolean anySeverity = ctx.queryParam("severity") == null;
        String park = ctx.queryParam("park");
        String enterprise = ctx.queryParam("enterprise");
        PageRequest page = Params.page(ctx);
        if (park != null && !queries.parks().containsKey(park)) {
            throw ApiException.notFound("unknown park: " + park);
        }
        if (enterprise != null && queries.enterprise(enterprise).isEmpty()) {
            throw ApiException.notFound("unknown enterprise: " + enterprise);
        }
        List<Map<String, Object>> found;
        Predicate<Map<String, Object>> inRange;
        if (scope == Scope.OPEN) {
            found = open();
            boolean bounded = ctx.queryParam("from") != null || ctx.queryParam("to") != null;
            TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant(),
                    MAX_HISTORY_SPAN, Duration.ofDays(365 * 100L));
            // Open alerts are filtered on when they opened, and only when a range is asked for.
            inRange = a -> !bounded || range.contains(instant(a.get("openedAt")));
        } else {
            TimeRange range = historyRange(ctx);
            found = peers.gatherList(List.of(StoreNames.ALERT_HISTORY, StoreNames.PARK_ALERT_HISTORY,
                    StoreNames.DATA_GAP_ALERT_HISTORY),
                    "/internal/alert-history?from=" + range.from() + "&to=" + range.to(), () -> localHistory(range));
            inRange = a -> true;
        }
        List<Map<String, Object>> matching = found.stream()
                .filter(inRange)
                .filter(a -> anySeverity || severity.name().equals(a.get("severity")))
                .filter(a -> park == null || park.equals(a.get("parkId")))
                .filter(a -> enterprise == null || enterprise.equals(EnterpriseAlerts.enterpriseOf(a)))
                .sorted(NEWEST_FIRST)
                .toList();
        ctx.status(HttpStatus.OK).json(page.of(matching));
    }

    /**
     * Open alerts of every instance by enterprise.
     *
     * @throws ApiException 503 when an instance's alerts cannot be read: a colour without them would be a guess
     */
    EnterpriseAlerts openByEnterprise() {
        return EnterpriseAlerts.of(open());
    }

    private List<Map<String, Object>> open() {
        return peers.gatherList(List.of(StoreNames.OPEN_ALERTS, StoreNames.PARK_OPEN_ALERTS,
                StoreNames.DATA_GAP_OPEN_ALERTS), "/internal/open-alerts",
                this::localOpen);
    }

    private List<Map<String, Object>> localOpen() {
        return queries.localOpenAlerts().stream().map(JsonViews::alert).toList();
    }

    private List<Map<String, Object>> localHistory(TimeRange range) {
        return queries.localAlertHistory(range).stream().map(JsonViews::alert).toList();
    }

    private TimeRange historyRange(Context ctx) {
        return TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant(), DEFAULT_HISTORY_SPAN,
                MAX_HISTORY_SPAN);
    }

    static Instant instant(Object value) {
        return value instanceof Instant i ? i : Instant.parse(String.valueOf(value));
    }
}
