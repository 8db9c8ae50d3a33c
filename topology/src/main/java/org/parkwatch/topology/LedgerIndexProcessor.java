package org.parkwatch.topology;

import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.parkwatch.avro.internal.LedgerEvent;

/**
 * Keeps each ledger entry queryable by enterprise and accounting time, so the API can show the audit trail behind
 * a figure without reading the ledger topic.
 */
final class LedgerIndexProcessor implements Processor<String, AccountingOutcome.Accounted, Void, Void> {

    private WindowStore<String, LedgerEvent> entries;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.entries = context.getStateStore(StoreNames.LEDGER_ENTRIES);
    }

    @Override
    public void process(Record<String, AccountingOutcome.Accounted> record) {
        AccountingOutcome.Accounted accounted = record.value();
        // one write per event, all its entries together: the index is read a whole event at a time
        entries.put(accounted.enterpriseId(), new LedgerEvent(List.copyOf(accounted.entries())),
                accounted.accountingTime().toEpochMilli());
    }
}
