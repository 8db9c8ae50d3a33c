package org.parkwatch.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.Enterprise;

/**
 * The enterprises registered, as a task reads them from the global enterprise store: each kept decoded until the
 * store changes ({@link ReferenceChanges}), since every event of an enterprise needs its record.
 */
final class EnterpriseRegister {

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> store;
    private final ReferenceChanges changes;
    private final Map<String, Optional<Enterprise>> read = new HashMap<>();
    private long readAtCount = -1;

    EnterpriseRegister(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> store, ReferenceChanges changes) {
        this.store = store;
        this.changes = changes;
    }

    /** The enterprise's record in force, empty when it is not (or no longer) registered. */
    Optional<Enterprise> find(String enterpriseId) {
        if (enterpriseId == null) {
            return Optional.empty();
        }
        long count = changes.count();
        if (count != readAtCount) {
            read.clear();
            readAtCount = count;
        }
        return read.computeIfAbsent(enterpriseId,
                id -> Optional.ofNullable(store.get(id)).map(ValueAndTimestamp::value));
    }
}
