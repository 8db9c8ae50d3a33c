package org.apache.kafka.streams;

import org.apache.kafka.streams.processor.internals.StreamTask;

/**
 * Lets a test stop a {@link TopologyTestDriver} without losing its persistent state, to start another driver on a
 * copy of it. {@link TopologyTestDriver#close()} wipes the state directory, and a driver restores nothing from the
 * changelogs; and the stores' last writes are only in RocksDB's memtables (no write-ahead log) until the stores
 * close. So the driver's task is closed here as {@code close()} does, but without the wipe. In this package because
 * the driver's task is package-private.
 */
public final class TopologyTestDriverRestarts {

    private TopologyTestDriverRestarts() {
    }

    /**
     * Commits and closes the driver's task cleanly: its stores are flushed to disk and closed, their files kept.
     * The driver must then be closed with {@link TopologyTestDriver#close()} (global stores, clients, state
     * directory) after the state has been copied.
     */
    public static void closeTaskKeepingState(TopologyTestDriver driver) {
        StreamTask task = driver.task;
        if (task == null) {
            return;
        }
        task.suspend();
        task.prepareCommit(true);
        task.postCommit(true);
        task.closeClean();
        driver.task = null;
    }
}
