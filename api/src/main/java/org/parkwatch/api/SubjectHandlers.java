package org.parkwatch.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.topology.StoreNames;

/** Enterprises, parks and time series of their windowed totals. */
final class SubjectHandlers {

    private static final List<SubjectType> SUBJECT_TYPES = List.of(SubjectType.ENTERPRISE, SubjectType.PARK);
    private static final List<WindowKind> WINDOWS =
            List.of(WindowKind.HOUR, WindowKind.DAY, WindowKind.MONTH_TO_DATE, WindowKind.YEAR_TO_DATE);
    private static final Duration DEFAULT_SERIES_SPAN = Duration.ofHours(24);
    private static final Duration MAX_SERIES_SPAN = Duration.ofDays(400);

    private final KafkaStreamsQueries queries;
    private final Peers peers;
    private final AlertHandlers alerts;
    private final Clock clock;
    private final CurrentPeriods periods;

    SubjectHandlers(KafkaStreamsQueries queries, Peers peers, AlertHandlers alerts, Clock clock,
                    CurrentPeriods periods) {
        this.queries = queries;
        this.peers = peers;
        this.alerts = alerts;
        this.clock = clock;
        this.periods = periods;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/enterprises", this::enterprises);
        routes.get("/api/enterprises/{id}", this::enterprise);
        routes.get("/api/parks", this::parks);
        routes.get("/api/parks/{id}", this::park);
        routes.get("/api/series", this::series);
        routes.get("/internal/open-windows/{subjectType}", ctx -> {
            SubjectType type = subjectType(ctx.pathParam("subjectType"));
            Map<String, Object> local = new LinkedHashMap<>();
            queries.localOpenWindows(type).forEach((id, windows) -> local.put(id, views(windows)));
            ctx.json(local);
        });
    }

    /**
     * Enterprises by id, each with its latest hour and day (flagged {@code current} when they are the wall clock's)
     * and a status colour from its open alerts.
     */
    private void enterprises(Context ctx) {
        PageRequest page = Params.page(ctx);
        List<Enterprise> all = queries.enterprises().stream()
                .sorted(Comparator.comparing(Enterprise::getEnterpriseId)).toList();
        Map<String, Object> books = openWindows(SubjectType.ENTERPRISE);
        EnterpriseAlerts open = alerts.openByEnterprise();
        List<Map<String, Object>> items = new ArrayList<>();
        long from = Math.min(page.offset(), all.size());
        for (Enterprise e : all.subList((int) from, (int) Math.min(from + page.size(), all.size()))) {
            Map<String, Object> item = JsonViews.enterprise(e);
            List<?> windows = (List<?>) books.getOrDefault(e.getEnterpriseId(), List.of());
            item.put("status", open.status(e.getEnterpriseId(), !windows.isEmpty()).name());
            item.put("openAlerts", open.of(e.getEnterpriseId()).size());
            item.put("currentHour", window(windows, WindowKind.HOUR));
            item.put("currentDay", window(windows, WindowKind.DAY));
            items.add(item);
        }
        ctx.json(page.envelope(items, all.size()));
    }

    private void enterprise(Context ctx) {
        String id = ctx.pathParam("id");
        if (peers.relayed(ctx, StoreNames.ENTERPRISE_WINDOWS, id)) {
            return;
        }
        Enterprise enterprise = queries.enterprise(id)
                .orElseThrow(() -> ApiException.notFound("unknown enterprise: " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enterprise", JsonViews.enterprise(enterprise));
        List<EmissionTotals> windows = queries.openWindows(SubjectType.ENTERPRISE, id);
        EnterpriseAlerts open = alerts.openByEnterprise();
        body.put("status", open.status(id, !windows.isEmpty()).name());
        body.put("openAlerts", open.of(id).size());
        body.put("currentWindows", views(windows));
        body.put("calendar", calendar());
        body.put("accountedThrough", queries.accountedThrough(SubjectType.ENTERPRISE, id).orElse(null));
        body.put("intensities", intensities(SubjectType.ENTERPRISE, id, windows));
        body.put("latestCoveredIntensities", latestCovered(SubjectType.ENTERPRISE, id));
        ctx.json(body);
    }

    private void parks(Context ctx) {
        PageRequest page = Params.page(ctx);
        Map<String, Object> books = openWindows(SubjectType.PARK);
        List<Map<String, Object>> items = new ArrayList<>();
        queries.parks().forEach((parkId, enterprises) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("parkId", parkId);
            item.put("enterpriseCount", enterprises.size());
            item.put("currentWindows", books.getOrDefault(parkId, List.of()));
            items.add(item);
        });
        ctx.json(page.of(items));
    }

    private void park(Context ctx) {
        String id = ctx.pathParam("id");
        List<Enterprise> enterprises = queries.parks().getOrDefault(id, List.of());
        if (enterprises.isEmpty()) {
            throw ApiException.notFound("unknown park: " + id);
        }
        if (peers.relayed(ctx, StoreNames.PARK_WINDOWS, id)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parkId", id);
        body.put("enterpriseCount", enterprises.size());
        body.put("enterprises", enterprises.stream().map(JsonViews::enterprise).toList());
        List<EmissionTotals> windows = queries.openWindows(SubjectType.PARK, id);
        body.put("currentWindows", views(windows));
        body.put("calendar", calendar());
        body.put("accountedThrough", queries.accountedThrough(SubjectType.PARK, id).orElse(null));
        body.put("intensities", intensities(SubjectType.PARK, id, windows));
        body.put("latestCoveredIntensities", latestCovered(SubjectType.PARK, id));
        body.put("targets", queries.intensityTargets(id).stream().map(JsonViews::target).toList());
        ctx.json(body);
    }

    private void series(Context ctx) {
        SubjectType type = Params.oneOf(ctx, "subjectType", SUBJECT_TYPES, null);
        String id = Params.required(ctx, "id");
        WindowKind window = Params.oneOf(ctx, "window", WINDOWS, null);
        TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant(),
                DEFAULT_SERIES_SPAN, MAX_SERIES_SPAN);
        boolean known = type == SubjectType.PARK ? queries.parks().containsKey(id) : queries.enterprise(id).isPresent();
        if (!known) {
            throw ApiException.notFound("unknown " + type.name().toLowerCase(java.util.Locale.ROOT) + ": " + id);
        }
        String ownerStore = type == SubjectType.PARK ? StoreNames.PARK_WINDOWS : StoreNames.ENTERPRISE_WINDOWS;
        if (peers.relayed(ctx, ownerStore, id)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectType", type.name());
        body.put("subjectId", id);
        body.put("window", window.name());
        body.put("from", range.from());
        body.put("to", range.to());
        body.put("points", views(queries.series(type, id, window, range)));
        ctx.status(HttpStatus.OK).json(body);
    }

    /** The intensity of each open window, where the pipeline has computed one. */
    private List<Map<String, Object>> intensities(SubjectType type, String id, List<EmissionTotals> windows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EmissionTotals w : windows) {
            queries.intensity(type, id, w.getWindow(), w.getWindowStart()).map(this::intensityView).ifPresent(out::add);
        }
        return out;
    }

    /**
     * For each window kind, the intensity of the latest window an IAV report covers (in whole or in part): what a
     * target can be judged against while the open window has no added value yet (a month's report comes after it).
     */
    private List<Map<String, Object>> latestCovered(SubjectType type, String id) {
        return CurrentPeriods.CALENDAR_WINDOWS.stream()
                .flatMap(kind -> queries.latestCoveredIntensity(type, id, kind).stream())
                .map(this::intensityView).toList();
    }

    /** An intensity view, flagged {@code current} as totals are. */
    private Map<String, Object> intensityView(IntensitySnapshot i) {
        Map<String, Object> view = JsonViews.intensity(i);
        view.put("current", periods.isCurrent(i.getWindow(), i.getWindowStart()));
        return view;
    }

    /** The calendar the windows are cut on and the start of its current hour, day, month and year. */
    private Map<String, Object> calendar() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", periods.zone().getId());
        m.put("now", clock.instant());
        m.put("currentStarts", periods.starts());
        return m;
    }

    private Map<String, Object> openWindows(SubjectType type) {
        String store = type == SubjectType.PARK ? StoreNames.PARK_WINDOWS : StoreNames.ENTERPRISE_WINDOWS;
        return peers.gatherMap(store, "/internal/open-windows/" + type.name(), () -> {
            Map<String, Object> local = new LinkedHashMap<>();
            queries.localOpenWindows(type).forEach((id, windows) -> local.put(id, views(windows)));
            return local;
        });
    }

    private static Object window(List<?> windows, WindowKind kind) {
        return windows.stream().map(w -> (Map<?, ?>) w)
                .filter(w -> kind.name().equals(String.valueOf(w.get("window")))).findFirst().orElse(null);
    }

    private static SubjectType subjectType(String value) {
        return SUBJECT_TYPES.stream().filter(t -> t.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("unknown subjectType '" + value + "', expected one of "
                        + SUBJECT_TYPES));
    }

    /** Totals views, each flagged {@code current} when its window contains the wall-clock instant. */
    private List<Map<String, Object>> views(List<EmissionTotals> totals) {
        return totals.stream().map(t -> {
            Map<String, Object> view = JsonViews.totals(t);
            view.put("current", periods.isCurrent(t.getWindow(), t.getWindowStart()));
            return view;
        }).toList();
    }
}
