package org.parkwatch.deploy.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Memory of the local state: RocksDB's off-heap budget, shared by every store of the process, and the Kafka Streams
 * record cache on the heap.
 *
 * @param blockCacheBytes  the one RocksDB block cache of the process; memtables and index and filter blocks are
 *                         counted in it, so it bounds RocksDB's memory as a whole
 * @param writeBufferBytes the part of the block cache memtables of all stores may fill before they are flushed
 * @param memtableBytes    size of one memtable of one store
 * @param maxMemtables     memtables one store may hold before writes stall
 * @param indexFilterRatio share of the block cache kept for index and filter blocks
 * @param blockBytes       size of a data block
 * @param recordCacheBytes the Kafka Streams record cache, on the heap, over all threads
 */
public record StorageConfig(long blockCacheBytes, long writeBufferBytes, long memtableBytes, int maxMemtables,
                            double indexFilterRatio, long blockBytes, long recordCacheBytes) {

    public static final String BLOCK_CACHE_BYTES = "parkwatch.rocksdb.block.cache.bytes";
    public static final String WRITE_BUFFER_BYTES = "parkwatch.rocksdb.write.buffer.bytes";
    public static final String MEMTABLE_BYTES = "parkwatch.rocksdb.memtable.bytes";
    public static final String MAX_MEMTABLES = "parkwatch.rocksdb.max.memtables";
    public static final String INDEX_FILTER_RATIO = "parkwatch.rocksdb.index.filter.ratio";
    public static final String BLOCK_BYTES = "parkwatch.rocksdb.block.bytes";
    public static final String RECORD_CACHE_BYTES = "parkwatch.statestore.cache.bytes";

    private static final long MIB = 1024L * 1024L;

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(BLOCK_CACHE_BYTES, Type.LONG, 512 * MIB, Range.atLeast(MIB), Importance.MEDIUM,
                        "Off-heap budget of RocksDB for the whole process: one LRU block cache shared by every "
                                + "store, which also holds index and filter blocks and accounts the memtables.")
                // Every task has a dozen stores, each its own RocksDB instance: with 6 partitions over a hundred
                // memtables share the write budget. A budget far below that forces tiny flushes of every store and
                // write stalls that grow with the data (a backfill ran 3x slower at 32 MiB than at 256 MiB).
                .define(WRITE_BUFFER_BYTES, Type.LONG, 256 * MIB, Range.atLeast(MIB), Importance.MEDIUM,
                        "Memory all memtables of the process may use, counted inside the block cache; at most "
                                + BLOCK_CACHE_BYTES + ".")
                .define(MEMTABLE_BYTES, Type.LONG, 8 * MIB, Range.atLeast(64 * 1024L), Importance.LOW,
                        "Size of one memtable of one store before it is flushed.")
                .define(MAX_MEMTABLES, Type.INT, 3, Range.atLeast(2), Importance.LOW,
                        "Memtables one store may hold (one being written, the others flushing).")
                .define(INDEX_FILTER_RATIO, Type.DOUBLE, 0.1, Range.between(0.0, 1.0), Importance.LOW,
                        "Share of the block cache reserved for index and filter blocks, so data blocks cannot "
                                + "evict them.")
                .define(BLOCK_BYTES, Type.LONG, 4096L, Range.atLeast(1024), Importance.LOW,
                        "Data block size; larger blocks mean smaller indexes but more cold data cached.")
                // 128 MiB, not Kafka Streams' 10 MiB: window books of several KiB each evicted one another from a
                // 10 MiB cache, so every event wrote its book, folds and dedup entry to their changelogs (BENCHMARKS.md:
                // 10.4 records written per event with 10 MiB, 8.2 with 128 MiB; 1 873 and 2 176 events/s).
                .define(RECORD_CACHE_BYTES, Type.LONG, 128 * MIB, Range.atLeast(0), Importance.LOW,
                        "Kafka Streams record cache (statestore.cache.max.bytes), on the heap, over all threads; it"
                                + " coalesces each store's writes between commits.");
    }

    public static StorageConfig from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        long cache = (Long) p.get(BLOCK_CACHE_BYTES);
        long writeBuffers = (Long) p.get(WRITE_BUFFER_BYTES);
        if (writeBuffers > cache) {
            throw new ConfigException(WRITE_BUFFER_BYTES, writeBuffers, "must not exceed " + BLOCK_CACHE_BYTES
                    + " (" + cache + "): memtables are counted inside the block cache");
        }
        return new StorageConfig(cache, writeBuffers, (Long) p.get(MEMTABLE_BYTES), (Integer) p.get(MAX_MEMTABLES),
                (Double) p.get(INDEX_FILTER_RATIO), (Long) p.get(BLOCK_BYTES), (Long) p.get(RECORD_CACHE_BYTES));
    }

    public static StorageConfig defaults() {
        return from(Map.of());
    }

    /**
     * The RocksDB keys with these values, to hand to Kafka Streams: it passes its configuration on to the
     * {@code rocksdb.config.setter}, which reads them back with {@link #from(Map)}.
     */
    public Map<String, Object> rocksDbSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(BLOCK_CACHE_BYTES, blockCacheBytes);
        settings.put(WRITE_BUFFER_BYTES, writeBufferBytes);
        settings.put(MEMTABLE_BYTES, memtableBytes);
        settings.put(MAX_MEMTABLES, maxMemtables);
        settings.put(INDEX_FILTER_RATIO, indexFilterRatio);
        settings.put(BLOCK_BYTES, blockBytes);
        return settings;
    }
}
