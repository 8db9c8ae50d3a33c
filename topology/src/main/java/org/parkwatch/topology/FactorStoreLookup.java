package org.parkwatch.topology;

import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.pricing.FactorLookup;
import org.parkwatch.pricing.FactorVersion;

/**
 * Effective-dated factor lookup over the global factor store: the version with the greatest validFrom at or before
 * the activity's time, however late the activity arrives. Every version published stays in the store, so a factor
 * published later with an earlier validFrom prices activity that arrives after it.
 */
final class FactorStoreLookup implements FactorLookup {

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> store;

    FactorStoreLookup(ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> store) {
        this.store = store;
    }

    @Override
    public Optional<FactorVersion> at(String factorKey, Instant activityTime) {
        try (KeyValueIterator<String, ValueAndTimestamp<EmissionFactor>> it = store.reverseRange(
                FactorRecordKey.firstOf(factorKey), FactorRecordKey.of(factorKey, activityTime))) {
            while (it.hasNext()) {
                EmissionFactor f = it.next().value.value();
                if (f != null && f.getFactorKey().equals(factorKey) && !f.getValidFrom().isAfter(activityTime)) {
                    return Optional.of(toVersion(f));
                }
            }
            return Optional.empty();
        }
    }

    static FactorVersion toVersion(EmissionFactor f) {
        return new FactorVersion(f.getFactorKey(), f.getValidFrom(), f.getValue(), f.getUnit(), f.getParameters(),
                f.getSource());
    }
}
