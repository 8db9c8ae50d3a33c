package org.parkwatch.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.parkwatch.topology.StoreNames;

/** The audit trail behind a figure: ledger entries of an enterprise, and the factor version in force at a time. */
final class AuditHandlers {

    private static final Duration DEFAULT_LEDGER_SPAN = Duration.ofHours(24);
    private static final Duration MAX_LEDGER_SPAN = Duration.ofDays(31);

    private final KafkaStreamsQueries queries;
    private final Peers peers;
    private final Clock clock;

    AuditHandlers(KafkaStreamsQueries queries, Peers peers, Clock clock) {
        this.queries = queries;
        this.peers = peers;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/ledger", this::ledger);
        routes.get("/api/factors/{factorKey}", this::factor);
    }

    private void ledger(Context ctx) {
        String enterprise = Params.required(ctx, "enterprise");
        TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant(),
                DEFAULT_LEDGER_SPAN, MAX_LEDGER_SPAN);
        PageRequest page = Params.page(ctx);
        if (queries.enterprise(enterprise).isEmpty()) {
            throw ApiException.notFound("unknown enterprise: " + enterprise);
        }
        if (peers.relayed(ctx, StoreNames.LEDGER_ENTRIES, enterprise)) {
            return;
        }
        // Streamed rather than collected: a month of minute readings is tens of thousands of entries.
        List<Map<String, Object>> items = new ArrayList<>();
        long[] total = {0};
        queries.ledger(enterprise, range, entry -> {
            long index = total[0]++;
            if (index >= page.offset() && items.size() < page.size()) {
                items.add(JsonViews.entry(entry));
            }
        });
        Map<String, Object> body = page.envelope(items, total[0]);
        body.put("enterpriseId", enterprise);
        body.put("from", range.from());
        body.put("to", range.to());
        ctx.json(body);
    }

    private void factor(Context ctx) {
        String factorKey = ctx.pathParam("factorKey");
        String atParam = ctx.queryParam("at");
        Instant at = atParam == null ? clock.instant() : TimeRange.instant("at", atParam);
        ctx.json(JsonViews.factor(queries.factorAt(factorKey, at).orElseThrow(() -> ApiException.notFound(
                "no version of factor '" + factorKey + "' in force at " + at))));
    }
}
