package org.parkwatch.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.parkwatch.avro.EmissionEntry;

/**
 * Keeps each ledger entry queryable by enterprise and accounting time, so the API can show the audit trail behind
 * a figure without reading the ledger topic.
 */
final class LedgerIndexProcessor implements Processor<String, AccountingOutcome.Accounted, Void, Void> {

    private WindowStore<String, EmissionEntry> entries;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.entries = context.getStateStore(StoreNames.LEDGER_ENTRIES);
    }

    @Override
    public void process(Record<String, AccountingOutcome.Accounted> record) {
        AccountingOutcome.Accounted accounted = record.value();
        long time = accounted.accountingTime().toEpochMilli();
        for (EmissionEntry entry : accounted.entries()) {
            entries.put(accounted.enterpriseId(), entry, time);
        }
    }
}
