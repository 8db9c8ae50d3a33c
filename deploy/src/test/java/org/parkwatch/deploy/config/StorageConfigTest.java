package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

    @Test
    void shouldDefaultToA512MibBudgetWith256MibOfMemtables() {
        StorageConfig storage = StorageConfig.defaults();

        assertThat(storage.blockCacheBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(storage.writeBufferBytes()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void shouldRejectMemtableBudgetAboveTheCacheNamingTheKey() {
        assertThatThrownBy(() -> StorageConfig.from(Map.of(
                StorageConfig.BLOCK_CACHE_BYTES, "16777216", StorageConfig.WRITE_BUFFER_BYTES, "33554432")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StorageConfig.WRITE_BUFFER_BYTES);
    }

    @Test
    void shouldReadBackTheRocksDbSettingsItHandsToStreams() {
        StorageConfig storage = new StorageConfig(128L << 20, 48L << 20, 4L << 20, 4, 0.2, 16_384L, 0L);

        StorageConfig readBack = StorageConfig.from(storage.rocksDbSettings());

        // The record cache is not a RocksDB setting, so it comes back at its default of 128 MiB.
        assertThat(readBack).isEqualTo(new StorageConfig(128L << 20, 48L << 20, 4L << 20, 4, 0.2, 16_384L,
                128L << 20));
    }
}
