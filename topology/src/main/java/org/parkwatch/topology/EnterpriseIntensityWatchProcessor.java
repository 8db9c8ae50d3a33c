package org.parkwatch.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.alerting.Subject;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.IntensitySnapshot;

/** Reads an enterprise's intensity updates as observations for enterprise and sector intensity rules. */
final class EnterpriseIntensityWatchProcessor
        implements Processor<String, TotalsOutput.Update, String, AlertObservation> {

    private ProcessorContext<String, AlertObservation> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterprises;

    @Override
    public void init(ProcessorContext<String, AlertObservation> context) {
        this.context = context;
        this.enterprises = context.getStateStore(StoreNames.ENTERPRISES);
    }

    @Override
    public void process(Record<String, TotalsOutput.Update> record) {
        IntensitySnapshot s = record.value().intensity();
        if (s == null) {
            return;
        }
        ValueAndTimestamp<Enterprise> enterprise = enterprises.get(s.getSubjectId());
        if (enterprise == null || enterprise.value() == null) {
            return;
        }
        Subject subject = Subject.enterprise(s.getParkId(), enterprise.value().getSector(), s.getSubjectId());
        for (AlertObservation o : IntensityWatch.of(record.value(), subject)) {
            context.forward(record.withKey(s.getSubjectId()).withValue(o));
        }
    }
}
