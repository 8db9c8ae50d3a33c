package org.parkwatch.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

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
 *
 * <p>The versions of each key are read once and kept decoded until the store changes ({@link ReferenceChanges}):
 * a few hundred keys at most, and every event needs one to four of them.
 */
final class FactorStoreLookup implements FactorLookup {

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> store;
    private final ReferenceChanges changes;
    private final Map<String, NavigableMap<Instant, FactorVersion>> versionsByKey = new HashMap<>();
    private long readAtCount = -1;

    FactorStoreLookup(ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> store,
                      ReferenceChanges changes) {
        this.store = store;
        this.changes = changes;
    }

    @Override
    public Optional<FactorVersion> at(String factorKey, Instant activityTime) {
        long count = changes.count();
        if (count != readAtCount) {
            versionsByKey.clear();
            readAtCount = count;
        }
        var inForce = versionsByKey.computeIfAbsent(factorKey, this::versionsOf).floorEntry(activityTime);
        return inForce == null ? Optional.empty() : Optional.of(inForce.getValue());
    }

    private NavigableMap<Instant, FactorVersion> versionsOf(String factorKey) {
        NavigableMap<Instant, FactorVersion> versions = new TreeMap<>();
        // keys are <factorKey>@<fixed-width validFrom>: every version of the key sorts between these two
        try (KeyValueIterator<String, ValueAndTimestamp<EmissionFactor>> it =
                     store.range(FactorRecordKey.firstOf(factorKey), FactorRecordKey.lastOf(factorKey))) {
            while (it.hasNext()) {
                ValueAndTimestamp<EmissionFactor> stored = it.next().value;
                EmissionFactor f = stored == null ? null : stored.value();
                if (f != null && f.getFactorKey().equals(factorKey)) {
                    versions.put(f.getValidFrom(), toVersion(f));
                }
            }
        }
        return versions;
    }

    static FactorVersion toVersion(EmissionFactor f) {
        return new FactorVersion(f.getFactorKey(), f.getValidFrom(), f.getValue(), f.getUnit(), f.getParameters(),
                f.getSource());
    }
}
