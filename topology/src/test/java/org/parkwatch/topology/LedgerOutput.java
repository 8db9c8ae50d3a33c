package org.parkwatch.topology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.apache.kafka.streams.TestOutputTopic;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerRecord;

/**
 * The ledger topic as a test reads it: its records (one per accounting step) or, flattened, their entries line by
 * line.
 */
final class LedgerOutput {

    private final TestOutputTopic<String, LedgerRecord> topic;
    private final Deque<EmissionEntry> unread = new ArrayDeque<>();

    LedgerOutput(TestOutputTopic<String, LedgerRecord> topic) {
        this.topic = topic;
    }

    /** Every record not read yet. */
    List<LedgerRecord> readRecords() {
        if (!unread.isEmpty()) {
            throw new IllegalStateException("entries of a record were read one by one; read them to the end first");
        }
        return topic.readValuesToList();
    }

    /** Every entry not read yet, in the order appended. */
    List<EmissionEntry> readValuesToList() {
        List<EmissionEntry> all = new java.util.ArrayList<>(unread);
        unread.clear();
        all.addAll(LedgerRecords.entries(topic.readValuesToList()));
        return all;
    }

    /** The next entry not read yet. */
    EmissionEntry readValue() {
        if (unread.isEmpty()) {
            unread.addAll(topic.readValue().getEntries());
        }
        return unread.removeFirst();
    }

    boolean isEmpty() {
        return unread.isEmpty() && topic.isEmpty();
    }
}
