package org.parkwatch.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;

/**
 * Reads an enterprise's year-to-date totals against its permit (from the enterprise register) as quota
 * observations, at the event time the totals stand at.
 */
final class QuotaWatchProcessor implements Processor<String, TotalsOutput.Update, String, AlertObservation> {

    private ProcessorContext<String, AlertObservation> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterprises;

    @Override
    public void init(ProcessorContext<String, AlertObservation> context) {
        this.context = context;
        this.enterprises = context.getStateStore(StoreNames.ENTERPRISES);
    }

    @Override
    public void process(Record<String, TotalsOutput.Update> record) {
        EmissionTotals totals = record.value().totals();
        if (totals == null) {
            return;
        }
        ValueAndTimestamp<Enterprise> enterprise = enterprises.get(totals.getSubjectId());
        if (enterprise == null) {
            return;
        }
        for (AlertObservation o : QuotaWatch.of(totals, enterprise.value(), record.value().eventTime())) {
            context.forward(record.withKey(totals.getSubjectId()).withValue(o));
        }
    }
}
