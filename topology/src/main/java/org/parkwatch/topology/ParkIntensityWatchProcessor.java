package org.parkwatch.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Reads a park's intensity updates as observations for the park's intensity rules. */
final class ParkIntensityWatchProcessor implements Processor<String, TotalsOutput.Update, String, AlertObservation> {

    private ProcessorContext<String, AlertObservation> context;

    @Override
    public void init(ProcessorContext<String, AlertObservation> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, TotalsOutput.Update> record) {
        for (AlertObservation o : IntensityWatch.of(record.value())) {
            context.forward(record.withKey(o.subject().parkId()).withValue(o));
        }
    }
}
