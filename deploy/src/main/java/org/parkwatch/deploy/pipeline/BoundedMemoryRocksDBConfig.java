package org.parkwatch.deploy.pipeline;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.parkwatch.deploy.config.StorageConfig;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds RocksDB's off-heap memory for the whole process, as the Kafka Streams memory-management guide describes:
 * every store uses one LRU block cache, keeps its index and filter blocks in it, and counts its memtables against
 * it through one WriteBufferManager. Without this each store instance gets its own cache and memtables, and
 * memory grows with the number of partitions. Sizes come from the {@link StorageConfig} keys in the Streams
 * configuration; the shared budget is fixed when the first store of the process opens.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMemoryRocksDBConfig.class);

    /** The sizes of what every store shares. */
    record Budget(long blockCacheBytes, long writeBufferBytes, double indexFilterRatio) {

        static Budget of(StorageConfig sizes) {
            return new Budget(sizes.blockCacheBytes(), sizes.writeBufferBytes(), sizes.indexFilterRatio());
        }
    }

    /** The cache and write buffer manager every store shares, with the budget they were made with. */
    record SharedMemory(Budget budget, Cache cache, WriteBufferManager writeBufferManager) {
    }

    // Kafka Streams instantiates one setter per store, so what all stores share can only live in a static field.
    // It is created once and never closed: native memory lives as long as the process, like the stores using it.
    private static SharedMemory shared;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        StorageConfig sizes = StorageConfig.from(configs);
        SharedMemory memory = sharedMemory(sizes);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        // High priority plus pinning keeps index and filter blocks from being evicted by data blocks, which would
        // turn every read into extra disk reads.
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(sizes.blockBytes());
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBufferManager());
        options.setWriteBufferSize(sizes.memtableBytes());
        options.setMaxWriteBufferNumber(sizes.maxMemtables());
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store; closing them here would break the others.
    }

    /** The process-wide cache and write buffer manager, made with the first sizes asked for. */
    static synchronized SharedMemory sharedMemory(StorageConfig sizes) {
        Budget budget = Budget.of(sizes);
        if (shared == null) {
            Cache cache = new LRUCache(budget.blockCacheBytes(), -1, false, budget.indexFilterRatio());
            shared = new SharedMemory(budget, cache, new WriteBufferManager(budget.writeBufferBytes(), cache));
            LOG.info("RocksDB memory bounded to {} bytes (memtables up to {})", budget.blockCacheBytes(),
                    budget.writeBufferBytes());
        } else if (!shared.budget().equals(budget)) {
            LOG.warn("RocksDB memory is already bounded with {}; {} asked for later is not applied",
                    shared.budget(), budget);
        }
        return shared;
    }
}
