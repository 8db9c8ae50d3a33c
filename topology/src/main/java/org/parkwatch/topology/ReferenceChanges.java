package org.parkwatch.topology;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * Counts the changes of a reference-data store (a global table), so that the stream tasks can keep what they read
 * from it decoded and still see a new version as soon as it is stored.
 *
 * <p>Every event looks up its enterprise and one to four factor versions; reading them from RocksDB and decoding them
 * each time was a tenth of the accounting step's time. A task's cache is valid while the count it read before filling
 * it is still the count: the global thread raises the count only after a write has reached the store, so a task that
 * sees the old count cannot have cached anything newer than what the store held, and a task that sees a new count
 * starts again from the store. Opening and closing the store count as changes too. What this does not see: a global
 * re-initialisation in a running instance (its topic truncated under it) refills the store from the topic without
 * {@code put}; a task reading while that runs sees a partial register with or without this cache, and with it keeps
 * that view until the next change of the topic.
 */
final class ReferenceChanges {

    private final AtomicLong count = new AtomicLong();

    /** The number of changes so far; read it before reading the store. */
    long count() {
        return count.get();
    }

    /** A persistent timestamped key-value store (what a global table materialises by default) that counts here. */
    KeyValueBytesStoreSupplier persistentStore(String name) {
        KeyValueBytesStoreSupplier rocksDb = Stores.persistentTimestampedKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocksDb.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new Counted(rocksDb.get());
            }

            @Override
            public String metricsScope() {
                return rocksDb.metricsScope();
            }
        };
    }

    /** Delegates everything and counts each write after it is done. Timestamped, as the store it wraps. */
    private final class Counted extends DelegatingStateStore<KeyValueStore<Bytes, byte[]>>
            implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {

        Counted(KeyValueStore<Bytes, byte[]> store) {
            super(store);
        }

        @Override
        public void put(Bytes key, byte[] value) {
            store.put(key, value);
            count.incrementAndGet();
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            byte[] before = store.putIfAbsent(key, value);
            count.incrementAndGet();
            return before;
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            store.putAll(entries);
            count.incrementAndGet();
        }

        @Override
        public byte[] delete(Bytes key) {
            byte[] before = store.delete(key);
            count.incrementAndGet();
            return before;
        }

        @Override
        public byte[] get(Bytes key) {
            return store.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return store.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return store.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return store.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return store.reverseAll();
        }

        @Override
        public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<Bytes, byte[]>
                prefixScan(P prefix, PS prefixKeySerializer) {
            return store.prefixScan(prefix, prefixKeySerializer);
        }

        @Override
        public long approximateNumEntries() {
            return store.approximateNumEntries();
        }


        @Override
        public void init(StateStoreContext context, StateStore root) {
            store.init(context, root);
            count.incrementAndGet();
        }





        @Override
        public void close() {
            store.close();
            count.incrementAndGet();
        }




    }
}
