package org.parkwatch.topology;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.RejectReason;

/** The pipeline's domain counters: accepted, rejected per reason, resends dropped, ledger entries per pollutant. */
public final class PipelineMetrics {

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String input, List<EmissionEntry> entries) {
        counter("parkwatch.input.accepted", "Input events accounted", "input", input).increment();
        for (EmissionEntry e : entries) {
            registry.counter("parkwatch.ledger.entries", "pollutant", e.getPollutant().name(),
                    "scope", e.getScope().name()).increment();
        }
    }

    void rejected(String input, RejectReason reason) {
        Counter.builder("parkwatch.input.rejected")
                .description("Input events sent to the dead-letter topic, by reason")
                .tag("input", input).tag("reason", reason.name())
                .register(registry).increment();
    }

    void duplicate(String input) {
        counter("parkwatch.input.duplicates", "Resent events already accounted, dropped", "input", input).increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
