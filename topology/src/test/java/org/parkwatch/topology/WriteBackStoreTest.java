package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteBackStoreTest {

    private KeyValueStore<String, String> underneath;
    private WriteBackStore<String> store;

    @BeforeEach
    void open() {
        underneath = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("books"), Serdes.String(),
                Serdes.String()).withLoggingDisabled().build();
        store = new WriteBackStore<>(underneath, 2);
        var context = new MockProcessorContext<>().getStateStoreContext();
        store.init(context, store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldWriteTheLastValueOfEachChangedKeyOnceWhenTheCachesAreFlushedBeforeACommit() {
        store.put("E1", "book-1");
        store.put("E1", "book-2");

        assertThat(store.get("E1")).isEqualTo("book-2");
        assertThat(underneath.get("E1")).isNull();

        store.flushCache();
        assertThat(underneath.get("E1")).isEqualTo("book-2");
    }

    @Test
    void shouldDropWhatWasNotCommittedWhenItsTaskIsClosedDirty() {
        store.put("E1", "committed");
        store.flushCache();
        store.put("E1", "not committed");

        store.clearCache();

        assertThat(store.get("E1")).isEqualTo("committed");
    }

    @Test
    void shouldWriteADeletionAndForgetTheKey() {
        store.put("E1", "book");
        store.flushCache();
        assertThat(store.delete("E1")).isEqualTo("book");
        assertThat(store.get("E1")).isNull();

        store.flushCache();
        assertThat(underneath.get("E1")).isNull();
        assertThat(store.get("E1")).isNull();
    }

    @Test
    void shouldWriteOutTheLeastRecentlyUsedChangeBeyondItsCapacity() {
        store.put("E1", "a");
        store.put("E2", "b");
        store.get("E1");
        store.put("E3", "c");

        // E2 was the least recently used of three held values for a capacity of two
        assertThat(underneath.get("E2")).isEqualTo("b");
        assertThat(underneath.get("E1")).isNull();
        assertThat(store.get("E2")).isEqualTo("b");
    }

    @Test
    void shouldShowTheWritersChangesToItsOwnScans() {
        store.put("E1", "a");
        store.put("E2", "b");
        List<KeyValue<String, String>> all = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(all::add);
        }
        assertThat(all).containsExactly(KeyValue.pair("E1", "a"), KeyValue.pair("E2", "b"));
    }

    @Test
    void shouldNeverWriteFromAQueryThread() throws Exception {
        store.put("E1", "a");

        CompletableFuture.runAsync(() -> {
            assertThat(store.get("E1")).isEqualTo("a");
            try (var it = store.all()) {
                assertThat(it.hasNext()).isFalse();
            }
        }).get();

        assertThat(underneath.get("E1")).isNull();
    }
}
