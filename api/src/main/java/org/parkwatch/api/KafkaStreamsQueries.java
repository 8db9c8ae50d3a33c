package org.parkwatch.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.topology.IndexedLedgerEvent;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.IntensityStatus;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.alerting.Metrics;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.topology.FactorRecordKey;
import org.parkwatch.topology.StoreNames;
import org.parkwatch.topology.TotalsViews;

/**
 * Answers queries from this instance's Kafka Streams state stores (interactive queries). Partitioned stores answer
 * only for the keys this instance holds; {@link ClusterRouter} sends the other keys to the instance holding them.
 */
public final class KafkaStreamsQueries {

    // Alert history keys start with the transition time in this fixed width, so byte order is time order.
    private static final DateTimeFormatter FIXED_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    // Two months of hours: an IAV report covers a month, and arrives after it.
    private static final int MAX_INTENSITY_LOOKBACK = 62 * 24;

    private final KafkaStreams streams;

    public KafkaStreamsQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    KafkaStreams streams() {
        return streams;
    }

    /** Whether the pipeline is alive: running or rebalancing. */
    public boolean isLive() {
        KafkaStreams.State s = streams.state();
        return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
    }

    /** Whether the pipeline is running and its stores answer queries. */
    public boolean isReady() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        return holdsOrLeavesToOthers(StoreNames.ENTERPRISES, QueryableStoreTypes.timestampedKeyValueStore(), false)
                && holdsOrLeavesToOthers(StoreNames.ENTERPRISE_WINDOWS, QueryableStoreTypes.keyValueStore(), true)
                && holdsOrLeavesToOthers(StoreNames.PARK_WINDOWS, QueryableStoreTypes.keyValueStore(), true);
    }

    /**
     * Whether a store answers here. An instance may hold no active task of a partitioned store (another instance
     * does, and requests are forwarded to it) but only standby replicas of it: that is no reason to be unready, as a
     * RUNNING client has restored every active store it holds. A global store must answer everywhere.
     */
    private <T extends ReadOnlyKeyValueStore<?, ?>> boolean holdsOrLeavesToOthers(String name,
                                                                                   QueryableStoreType<T> type,
                                                                                   boolean partitioned) {
        StoreQueryParameters<T> active = StoreQueryParameters.fromNameAndType(name, type);
        try {
            streams.store(active).approximateNumEntries();
            return true;
        } catch (InvalidStateStoreException e) {
            if (!partitioned || streams.state() != KafkaStreams.State.RUNNING) {
                return false;
            }
        }
        try {
            streams.store(active.enableStaleStores()).approximateNumEntries();
            return true;
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }

    /** Every enterprise known to the pipeline (a global table: every instance holds all of them). */
    List<Enterprise> enterprises() {
        List<Enterprise> all = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Enterprise>> it = enterpriseStore().all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && kv.value.value() != null) {
                    all.add(kv.value.value());
                }
            });
        }
        return all;
    }

    Optional<Enterprise> enterprise(String enterpriseId) {
        return Optional.ofNullable(enterpriseStore().get(enterpriseId)).map(ValueAndTimestamp::value);
    }

    /** The windows of a subject still open (current hour, day, month-to-date, year-to-date), latest totals. */
    List<EmissionTotals> openWindows(SubjectType type, String subjectId) {
        WindowBookState state = books(type).get(subjectId);
        return state == null ? List.of() : TotalsViews.openWindows(type, subjectId, state);
    }

    /** The open windows of every subject of a type held by this instance. */
    Map<String, List<EmissionTotals>> localOpenWindows(SubjectType type) {
        Map<String, List<EmissionTotals>> all = new TreeMap<>();
        try (KeyValueIterator<String, WindowBookState> it = books(type).all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    all.put(kv.key, TotalsViews.openWindows(type, kv.key, kv.value));
                }
            });
        }
        return all;
    }

    /**
     * Totals of a subject's windows of one kind starting within {@code range}, oldest first: the windows kept in
     * the history store, then the open ones, an open window replacing a stale history record of the same start.
     */
    List<EmissionTotals> series(SubjectType type, String subjectId, WindowKind window, TimeRange range) {
        String prefix = type + ":" + subjectId + ":" + window + ":";
        // Windows start on whole hours (UTC offsets of park calendars are whole hours), and a whole-hour
        // Instant.toString() has a fixed width, so the key range between two whole hours is exactly their windows.
        String low = prefix + range.from().truncatedTo(ChronoUnit.HOURS);
        String high = prefix + range.to().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Map<Instant, EmissionTotals> byStart = new TreeMap<>();
        String store = type == SubjectType.PARK ? StoreNames.PARK_WINDOW_HISTORY : StoreNames.ENTERPRISE_WINDOW_HISTORY;
        ReadOnlyKeyValueStore<String, EmissionTotals> history = store(store, QueryableStoreTypes.keyValueStore());
        try (KeyValueIterator<String, EmissionTotals> it = history.range(low, high)) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && range.contains(kv.value.getWindowStart())) {
                    byStart.put(kv.value.getWindowStart(), kv.value);
                }
            });
        }
        for (EmissionTotals open : openWindows(type, subjectId)) {
            if (open.getWindow() == window && range.contains(open.getWindowStart())) {
                byStart.put(open.getWindowStart(), open);
            }
        }
        return List.copyOf(byStart.values());
    }

    /** The version of a factor in force at {@code at}: the greatest validFrom at or before it. */
    Optional<EmissionFactor> factorAt(String factorKey, Instant at) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> factors =
                store(StoreNames.EMISSION_FACTORS, QueryableStoreTypes.timestampedKeyValueStore());
        try (KeyValueIterator<String, ValueAndTimestamp<EmissionFactor>> it =
                     factors.reverseRange(factorKey + "@", FactorRecordKey.of(factorKey, at))) {
            while (it.hasNext()) {
                ValueAndTimestamp<EmissionFactor> v = it.next().value;
                EmissionFactor f = v == null ? null : v.value();
                if (f != null && f.getFactorKey().equals(factorKey) && !f.getValidFrom().isAfter(at)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** Open alerts held by this instance, of enterprises and of parks. */
    List<Alert> localOpenAlerts() {
        List<Alert> alerts = new ArrayList<>();
        for (ReadOnlyKeyValueStore<String, Alert> open : alertStores(StoreNames.OPEN_ALERTS,
                StoreNames.PARK_OPEN_ALERTS, StoreNames.DATA_GAP_OPEN_ALERTS)) {
            try (KeyValueIterator<String, Alert> it = open.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null) {
                        alerts.add(kv.value);
                    }
                });
            }
        }
        return alerts;
    }

    /** Alert transitions held by this instance with a transition time within {@code range}. */
    List<Alert> localAlertHistory(TimeRange range) {
        List<Alert> alerts = new ArrayList<>();
        for (ReadOnlyKeyValueStore<String, Alert> history
                : alertStores(StoreNames.ALERT_HISTORY, StoreNames.PARK_ALERT_HISTORY,
                        StoreNames.DATA_GAP_ALERT_HISTORY)) {
            // Keys are "<time>|<alertId>|<step>": the bare upper time sorts before every key at that time, so [from, to).
            try (KeyValueIterator<String, Alert> it =
                         history.range(FIXED_UTC.format(range.from()), FIXED_UTC.format(range.to()))) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null) {
                        alerts.add(kv.value);
                    }
                });
            }
        }
        return alerts;
    }

    /** The latest intensity of a subject's window, when the pipeline computes intensities. */
    Optional<IntensitySnapshot> intensity(SubjectType type, String subjectId, WindowKind window, Instant start) {
        String name = type == SubjectType.PARK ? StoreNames.PARK_INTENSITY : StoreNames.ENTERPRISE_INTENSITY;
        return this.<ReadOnlyKeyValueStore<String, IntensitySnapshot>>optionalStore(name, QueryableStoreTypes.keyValueStore())
                .map(store -> store.get(type + ":" + subjectId + ":" + window + ":" + start));
    }

    /**
     * The intensity of the latest window of a kind that an IAV report covers at least in part (status AVAILABLE or
     * PARTIAL), looking back over at most {@code MAX_INTENSITY_LOOKBACK} windows.
     */
    Optional<IntensitySnapshot> latestCoveredIntensity(SubjectType type, String subjectId, WindowKind window) {
        String name = type == SubjectType.PARK ? StoreNames.PARK_INTENSITY : StoreNames.ENTERPRISE_INTENSITY;
        String prefix = type + ":" + subjectId + ":" + window + ":";
        return this.<ReadOnlyKeyValueStore<String, IntensitySnapshot>>optionalStore(name,
                QueryableStoreTypes.keyValueStore()).flatMap(store -> {
                    // Keys end with the window start as Instant.toString(), fixed width for whole hours: reverse key
                    // order is latest first. '~' sorts after every character of an instant.
                    try (KeyValueIterator<String, IntensitySnapshot> it = store.reverseRange(prefix, prefix + "~")) {
                        for (int seen = 0; it.hasNext() && seen < MAX_INTENSITY_LOOKBACK; seen++) {
                            IntensitySnapshot s = it.next().value;
                            if (s != null && s.getStatus() != IntensityStatus.PENDING) {
                                return Optional.of(s);
                            }
                        }
                        return Optional.empty();
                    }
                });
    }

    /**
     * How far the pipeline has come through a subject's events, e.g. while a month of history is being accounted:
     * the end of the latest interval accounted into its open windows. An activity is accounted at the last
     * millisecond of its interval, so the end is that time plus one millisecond (a reading up to 10:30 reads 10:30).
     */
    Optional<Instant> accountedThrough(SubjectType type, String subjectId) {
        WindowBookState state = books(type).get(subjectId);
        return state == null ? Optional.empty() : state.getWindows().stream()
                .map(w -> w.getLatestActivityTime()).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .map(t -> t.plusMillis(1));
    }

    /** The enabled intensity rules that apply to a park: its intensity targets. */
    List<ThresholdRule> intensityTargets(String parkId) {
        List<ThresholdRule> rules = new ArrayList<>();
        this.<ReadOnlyKeyValueStore<String, ValueAndTimestamp<ThresholdRule>>>optionalStore(StoreNames.THRESHOLD_RULES,
                QueryableStoreTypes.timestampedKeyValueStore()).ifPresent(store -> {
                    try (KeyValueIterator<String, ValueAndTimestamp<ThresholdRule>> it = store.all()) {
                        it.forEachRemaining(kv -> {
                            ThresholdRule r = kv.value == null ? null : kv.value.value();
                            if (r != null && r.getEnabled() && r.getScopeType() == SubjectType.PARK
                                    && (r.getScopeId().equals(parkId) || r.getScopeId().equals("*"))
                                    && Metrics.INTENSITY.contains(r.getMetric())) {
                                rules.add(r);
                            }
                        });
                    }
                });
        rules.sort((a, b) -> a.getRuleId().compareTo(b.getRuleId()));
        return rules;
    }

    private List<ReadOnlyKeyValueStore<String, Alert>> alertStores(String... names) {
        List<ReadOnlyKeyValueStore<String, Alert>> stores = new ArrayList<>();
        for (String name : names) {
            this.<ReadOnlyKeyValueStore<String, Alert>>optionalStore(name, QueryableStoreTypes.keyValueStore())
                    .ifPresent(stores::add);
        }
        if (stores.isEmpty()) {
            throw ApiException.unavailable("the pipeline keeps no alerts (no state store '" + names[0]
                    + "'); this query needs a pipeline version that keeps them");
        }
        return stores;
    }

    /** Ledger entries of an enterprise with an accounting time within {@code range}, oldest first. */
    void ledger(String enterpriseId, TimeRange range, Consumer<EmissionEntry> sink) {
        ReadOnlyWindowStore<String, IndexedLedgerEvent> events =
                store(StoreNames.LEDGER_ENTRIES, QueryableStoreTypes.windowStore());
        if (!range.from().isBefore(range.to())) {
            return;
        }
        try (WindowStoreIterator<IndexedLedgerEvent> it =
                     events.fetch(enterpriseId, range.from(), range.to().minusMillis(1))) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    kv.value.entries().forEach(sink);
                }
            });
        }
    }

    /** Names of the parks of the known enterprises, with their enterprises. */
    Map<String, List<Enterprise>> parks() {
        Map<String, List<Enterprise>> parks = new TreeMap<>();
        for (Enterprise e : enterprises()) {
            parks.computeIfAbsent(e.getParkId(), p -> new ArrayList<>()).add(e);
        }
        parks.values().forEach(list -> list.sort((a, b) -> a.getEnterpriseId().compareTo(b.getEnterpriseId())));
        return new LinkedHashMap<>(parks);
    }

    private ReadOnlyKeyValueStore<String, WindowBookState> books(SubjectType type) {
        return store(type == SubjectType.PARK ? StoreNames.PARK_WINDOWS : StoreNames.ENTERPRISE_WINDOWS,
                QueryableStoreTypes.keyValueStore());
    }

    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterpriseStore() {
        return store(StoreNames.ENTERPRISES, QueryableStoreTypes.timestampedKeyValueStore());
    }

    /** The store, or empty when the pipeline has none of that name. */
    private <T> Optional<T> optionalStore(String name, QueryableStoreType<T> type) {
        try {
            return Optional.of(streams.store(StoreQueryParameters.fromNameAndType(name, type)));
        } catch (UnknownStateStoreException e) {
            return Optional.empty();
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state store '" + name + "' cannot be queried now (pipeline "
                    + streams.state() + "); retry shortly");
        }
    }

    private <T> T store(String name, QueryableStoreType<T> type) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (UnknownStateStoreException e) {
            throw ApiException.unavailable("the pipeline has no state store '" + name
                    + "'; this query needs a pipeline version that keeps it");
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state store '" + name + "' cannot be queried now (pipeline "
                    + streams.state() + "); retry shortly");
        }
    }
}
