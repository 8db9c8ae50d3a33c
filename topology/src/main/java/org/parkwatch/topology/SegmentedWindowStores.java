package org.parkwatch.topology;

import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Persistent window stores that an exactly-once restart does not wipe for being empty.
 *
 * <p>Kafka Streams 4.3 keeps a segmented store's committed changelog offset inside its segments. A window store
 * that has never been written on a task (the ledger index of a task that has accounted nothing yet, the dedup stores
 * of state version 3 on a partition one input never carried) has no segment, so it reports no committed
 * offset; under exactly-once a task whose directory holds anything else is then declared corrupted, and its whole
 * state is wiped and restored from the changelogs on every restart. An empty store holds no uncommitted data, so
 * here it reports the offset as unknown: nothing to wipe, restored from the start of its changelog if that has
 * anything. A store with data answers as Kafka Streams does.
 */
final class SegmentedWindowStores {

    /** Kafka Streams' sentinel in a checkpoint for a store whose changelog offset is not known. */
    static final long OFFSET_UNKNOWN = -4L;

    private SegmentedWindowStores() {
    }

    /** As {@link Stores#persistentWindowStore(String, Duration, Duration, boolean)}. */
    static WindowBytesStoreSupplier persistent(String name, Duration retention, Duration windowSize,
                                               boolean retainDuplicates) {
        return new Supplier(Stores.persistentWindowStore(name, retention, windowSize, retainDuplicates));
    }

    private record Supplier(WindowBytesStoreSupplier rocksDb) implements WindowBytesStoreSupplier {
        @Override
        public String name() {
            return rocksDb.name();
        }

        @Override
        public WindowStore<Bytes, byte[]> get() {
            return new EmptyAware(rocksDb.get());
        }

        @Override
        public String metricsScope() {
            return rocksDb.metricsScope();
        }

        @Override
        public long segmentIntervalMs() {
            return rocksDb.segmentIntervalMs();
        }

        @Override
        public long windowSize() {
            return rocksDb.windowSize();
        }

        @Override
        public boolean retainDuplicates() {
            return rocksDb.retainDuplicates();
        }

        @Override
        public long retentionPeriod() {
            return rocksDb.retentionPeriod();
        }
    }

    /** Delegates everything; only an empty store's committed offset differs. */
    static final class EmptyAware extends DelegatingStateStore<WindowStore<Bytes, byte[]>>
            implements WindowStore<Bytes, byte[]> {

        EmptyAware(WindowStore<Bytes, byte[]> store) {
            super(store);
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            Long offset = store.committedOffset(partition);
            if (offset != null) {
                return offset;
            }
            try (KeyValueIterator<Windowed<Bytes>, byte[]> any = store.all()) {
                return any.hasNext() ? null : OFFSET_UNKNOWN;
            }
        }

        @Override
        public void put(Bytes key, byte[] value, long windowStartTimestamp) {
            store.put(key, value, windowStartTimestamp);
        }

        @Override
        public byte[] fetch(Bytes key, long time) {
            return store.fetch(key, time);
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
            return store.fetch(key, timeFrom, timeTo);
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
            return store.backwardFetch(key, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
                                                                long timeTo) {
            return store.fetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
                                                                        long timeTo) {
            return store.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
            return store.fetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
            return store.backwardFetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
            return store.all();
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
            return store.backwardAll();
        }










    }
}
