package org.parkwatch.topology;

import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;

/** Reads an enterprise's year-to-date totals against its permit (from the enterprise register) as quota observations. */
final class QuotaWatchProcessor implements Processor<String, EmissionTotals, String, AlertObservation> {

    private ProcessorContext<String, AlertObservation> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterprises;

    @Override
    public void init(ProcessorContext<String, AlertObservation> context) {
        this.context = context;
        this.enterprises = context.getStateStore(StoreNames.ENTERPRISES);
    }

    @Override
    public void process(Record<String, EmissionTotals> record) {
        EmissionTotals totals = record.value();
        ValueAndTimestamp<Enterprise> enterprise = enterprises.get(totals.getSubjectId());
        if (enterprise == null) {
            return;
        }
        Instant at = Instant.ofEpochMilli(context.currentStreamTimeMs());
        for (AlertObservation o : QuotaWatch.of(totals, enterprise.value(), at)) {
            context.forward(record.withKey(totals.getSubjectId()).withValue(o));
        }
    }
}
