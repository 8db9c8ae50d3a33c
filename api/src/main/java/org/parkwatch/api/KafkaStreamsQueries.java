package org.parkwatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.topology.StoreNames;
import org.parkwatch.topology.TotalsViews;

/** Answers queries from this instance's Kafka Streams state stores (interactive queries). */
public final class KafkaStreamsQueries implements StateQueries {

    private final KafkaStreams streams;

    public KafkaStreamsQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public boolean isLive() {
        KafkaStreams.State s = streams.state();
        return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
    }

    @Override
    public boolean isReady() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            enterpriseStore().approximateNumEntries();
            return true;
        } catch (InvalidStateStoreException e) {
            return false;
        }
    }

    @Override
    public List<Enterprise> enterprises() {
        List<Enterprise> all = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Enterprise>> it = enterpriseStore().all()) {
            it.forEachRemaining(kv -> all.add(kv.value.value()));
        }
        return all;
    }

    @Override
    public Optional<Enterprise> enterprise(String enterpriseId) {
        return Optional.ofNullable(enterpriseStore().get(enterpriseId)).map(ValueAndTimestamp::value);
    }

    @Override
    public List<EmissionTotals> openWindows(SubjectType type, String subjectId) {
        String storeName = type == SubjectType.PARK ? StoreNames.PARK_WINDOWS : StoreNames.ENTERPRISE_WINDOWS;
        ReadOnlyKeyValueStore<String, WindowBookState> books = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, WindowBookState>keyValueStore()));
        WindowBookState state = books.get(subjectId);
        return state == null ? List.of() : TotalsViews.openWindows(type, subjectId, state);
    }

    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterpriseStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.ENTERPRISES,
                QueryableStoreTypes.<String, Enterprise>timestampedKeyValueStore()));
    }
}
