package org.parkwatch.topology;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store that keeps its values decoded between commits and writes each changed one once, when Kafka
 * Streams flushes the caches before a commit.
 *
 * <p>Every event read its subject's window book from the record cache, decoded it from Avro, and encoded it again to
 * put it back: a sixth of the stream thread's time in the profile (BENCHMARKS.md). Here a book is decoded once when it
 * is first read, changed in memory by every event, and encoded once per commit. What reaches the changelog and RocksDB
 * is what a record cache would have written: the last value of each key changed since the last commit, within the
 * same transaction, since Kafka Streams flushes every {@link CachedStateStore} before it flushes the producer. A task
 * closed dirty under exactly-once has its caches cleared: what was not committed is dropped, and restored from the
 * changelog as before.
 *
 * <p>Values are shared, not copied: a caller must not change a value it read or put. Interactive queries run on other
 * threads: they read the same values (as they read a record cache's), but only the thread that writes ever fills the
 * map or writes to the store underneath, so a query never sends a changelog record. The map holds at most
 * {@code capacity} values; the least recently used is written out (if changed) and forgotten beyond that.
 *
 * <p>This implements Kafka Streams' internal {@code CachedStateStore} to be flushed at the right moment; an upgrade of
 * Kafka Streams that changes it fails the exactly-once tests (PipelineCrashRecoveryIT, TotalsRestartTest).
 */
final class WriteBackStore<V> extends DelegatingStateStore<KeyValueStore<String, V>>
        implements KeyValueStore<String, V>, CachedStateStore<String, V> {

    /** A builder of such a store over a logged, uncached persistent store: this is its cache. */
    static <V> StoreBuilder<WriteBackStore<V>> persistent(String name, Serde<String> keys, Serde<V> values,
                                                          int capacity) {
        StoreBuilder<KeyValueStore<String, V>> inner = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), keys, values).withCachingDisabled();
        return new Builder<>(inner, capacity);
    }

    /** A value held, or a deletion not yet written ({@code value} null), with the record that made it. */
    private record Held(Object value, ProcessorRecordContext madeBy) {
    }

    private final Map<String, Held> values;
    private final Set<String> changed = new HashSet<>();
    private Thread writer;
    private InternalProcessorContext<?, ?> context;

    WriteBackStore(KeyValueStore<String, V> store, int capacity) {
        super(store);
        this.values = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                writeOut(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    @Override
    public synchronized V get(String key) {
        Held held = values.get(key);
        if (held != null) {
            return cast(held.value());
        }
        V stored = store.get(key);
        if (Thread.currentThread() == writer && stored != null) {
            values.put(key, new Held(stored, null));
        }
        return stored;
    }

    @Override
    public synchronized void put(String key, V value) {
        writer = Thread.currentThread();
        values.put(key, new Held(value, context == null ? null : context.recordContext()));
        changed.add(key);
    }

    @Override
    public synchronized V putIfAbsent(String key, V value) {
        V present = get(key);
        if (present == null) {
            put(key, value);
        }
        return present;
    }

    @Override
    public synchronized void putAll(List<KeyValue<String, V>> entries) {
        for (KeyValue<String, V> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public synchronized V delete(String key) {
        V before = get(key);
        put(key, null);
        return before;
    }

    // Scans read the store underneath: the writing thread writes its changes out first; a query sees the last write.

    @Override
    public synchronized KeyValueIterator<String, V> range(String from, String to) {
        writeOutIfWriter();
        return store.range(from, to);
    }

    @Override
    public synchronized KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeOutIfWriter();
        return store.reverseRange(from, to);
    }

    @Override
    public synchronized KeyValueIterator<String, V> all() {
        writeOutIfWriter();
        return store.all();
    }

    @Override
    public synchronized KeyValueIterator<String, V> reverseAll() {
        writeOutIfWriter();
        return store.reverseAll();
    }

    @Override
    public synchronized <PS extends org.apache.kafka.common.serialization.Serializer<P>, P>
            KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeOutIfWriter();
        return store.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public synchronized long approximateNumEntries() {
        writeOutIfWriter();
        return store.approximateNumEntries();
    }

    @Override
    public synchronized void flushCache() {
        writeOutChanges();
    }

    @Override
    public synchronized void clearCache() {
        values.clear();
        changed.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    @SuppressWarnings("deprecation")
    public synchronized void flush() {
        writeOutChanges();
        store.flush();
    }

    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeOutChanges();
        store.commit(changelogOffsets);
    }




    @Override
    public void init(StateStoreContext context, StateStore root) {
        // the changelog record of a value carries the timestamp of the record that made it, as a record cache's does
        this.context = context instanceof InternalProcessorContext<?, ?> internal ? internal : null;
        store.init(context, root);
    }

    @Override
    public synchronized void close() {
        values.clear();
        changed.clear();
        store.close();
    }





    private void writeOutIfWriter() {
        if (Thread.currentThread() == writer) {
            writeOutChanges();
        }
    }

    private void writeOutChanges() {
        if (changed.isEmpty()) {
            return;
        }
        ProcessorRecordContext current = context == null ? null : context.recordContext();
        try {
            for (String key : changed) {
                write(key, values.get(key));
            }
        } finally {
            restore(current);
        }
        changed.clear();
        // deletions are done: forget them, so the map holds values only
        values.values().removeIf(held -> held.value() == null);
    }

    private void writeOut(String key, Held held) {
        if (changed.remove(key)) {
            ProcessorRecordContext current = context == null ? null : context.recordContext();
            try {
                write(key, held);
            } finally {
                restore(current);
            }
        }
    }

    private void write(String key, Held held) {
        if (context != null && held.madeBy() != null) {
            context.setRecordContext(held.madeBy());
        }
        store.put(key, cast(held.value()));
    }

    private void restore(ProcessorRecordContext current) {
        if (context != null) {
            context.setRecordContext(current);
        }
    }

    @SuppressWarnings("unchecked")
    private V cast(Object value) {
        return (V) value;
    }

    private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> inner, int capacity)
            implements StoreBuilder<WriteBackStore<V>> {

        @Override
        public StoreBuilder<WriteBackStore<V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<WriteBackStore<V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WriteBackStore<V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config), capacity);
        }

        @Override
        public StoreBuilder<WriteBackStore<V>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled(), capacity);
        }

        @Override
        public WriteBackStore<V> build() {
            return new WriteBackStore<>(inner.build(), capacity);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
