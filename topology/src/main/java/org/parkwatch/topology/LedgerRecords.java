package org.parkwatch.topology;

import java.util.List;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerRecord;

/**
 * The ledger's records (state version 8 on): one per accounting step, holding all the entries that step appended.
 * Readers that want the entries line by line, as the ledger held them before, flatten with {@link #entries}.
 */
public final class LedgerRecords {

    private LedgerRecords() {
    }

    /** The record of one accounting step, or none when the step appended no entry. */
    public static List<LedgerRecord> of(String recordId, String enterpriseId, String parkId,
                                        List<EmissionEntry> entries) {
        return entries.isEmpty() ? List.of()
                : List.of(new LedgerRecord(recordId, enterpriseId, parkId, List.copyOf(entries)));
    }

    /** Every entry of {@code records}, in record order and, within one, in the order appended. */
    public static List<EmissionEntry> entries(List<LedgerRecord> records) {
        return records.stream().flatMap(r -> r.getEntries().stream()).toList();
    }
}
