package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parkwatch.deploy.config.StorageConfig;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedMemoryRocksDBConfigTest {

    @Test
    void shouldGiveEveryStoreTheSameWriteBufferManager() {
        Map<String, Object> configs = new HashMap<>(StorageConfig.defaults().rocksDbSettings());
        try (Options first = storeOptions(); Options second = storeOptions()) {
            new BoundedMemoryRocksDBConfig().setConfig("seen-events", first, configs);
            new BoundedMemoryRocksDBConfig().setConfig("enterprise-open-windows", second, configs);

            assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
        }
    }

    @Test
    void shouldCacheIndexAndFilterBlocksInTheSharedCache() {
        try (Options options = storeOptions()) {
            new BoundedMemoryRocksDBConfig().setConfig("park-open-windows", options,
                    new HashMap<>(StorageConfig.defaults().rocksDbSettings()));

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
        }
    }

    @Test
    void shouldSizeEachStoresMemtablesAndBlocksFromTheConfiguration() {
        Map<String, Object> configs = new HashMap<>(StorageConfig.defaults().rocksDbSettings());
        configs.put(StorageConfig.MEMTABLE_BYTES, 2L * 1024 * 1024);
        configs.put(StorageConfig.MAX_MEMTABLES, 4);
        configs.put(StorageConfig.BLOCK_BYTES, 16_384L);
        try (Options options = storeOptions()) {
            new BoundedMemoryRocksDBConfig().setConfig("park-window-history", options, configs);

            assertThat(options.writeBufferSize()).isEqualTo(2L * 1024 * 1024);
            assertThat(options.maxWriteBufferNumber()).isEqualTo(4);
            assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).blockSize()).isEqualTo(16_384L);
        }
    }

    @Test
    void shouldKeepTheFirstBudgetForTheWholeProcess() {
        BoundedMemoryRocksDBConfig.SharedMemory first = BoundedMemoryRocksDBConfig.sharedMemory(
                StorageConfig.defaults());
        BoundedMemoryRocksDBConfig.SharedMemory later = BoundedMemoryRocksDBConfig.sharedMemory(
                new StorageConfig(256L << 20, 64L << 20, 8L << 20, 3, 0.1, 4096L, 0L));

        assertThat(later).isSameAs(first);
    }

    /** Options as Kafka Streams hands them to the setter: with a block-based table config already set. */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
