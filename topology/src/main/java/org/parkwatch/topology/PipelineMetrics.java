package org.parkwatch.topology;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.RejectReason;

/** The pipeline's domain counters: accepted, rejected per reason, resends dropped, ledger entries per pollutant. */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> latestEventTime = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public PipelineMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Notes the accounting time of an accepted activity. The gauge {@code parkwatch.input.event.time.lag.seconds}
     * is wall-clock now minus the latest event time seen on the input: how far behind real time the data is.
     */
    void eventTime(String input, long accountingTimeMillis) {
        latestEventTime.computeIfAbsent(input, name -> {
            AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("parkwatch.input.event.time.lag.seconds", latest,
                            l -> l.get() == Long.MIN_VALUE ? Double.NaN : (clock.millis() - l.get()) / 1000.0)
                    .description("Wall-clock now minus the latest event time accounted on the input")
                    .tag("input", name).register(registry);
            return latest;
        }).accumulateAndGet(accountingTimeMillis, Math::max);
    }

    void alert(org.parkwatch.avro.AlertSeverity severity, org.parkwatch.avro.AlertState state) {
        Counter.builder("parkwatch.alerts").description("Alert transitions emitted, by severity and state")
                .tag("severity", severity.name()).tag("state", state.name()).register(registry).increment();
    }

    void factorLookupFailed(String factorKey) {
        Counter.builder("parkwatch.factor.lookups.failed")
                .description("Activities that found no factor version in force (sent to dead letters as FACTOR_MISSING)")
                .tag("factor", factorKey).register(registry).increment();
    }

    void accepted(String input, List<EmissionEntry> entries) {
        counter("parkwatch.input.accepted", "Input events accounted", "input", input).increment();
        for (EmissionEntry e : entries) {
            registry.counter("parkwatch.ledger.entries", "pollutant", e.getPollutant().name(),
                    "scope", e.getScope().name()).increment();
        }
    }

    void acceptedReport() {
        counter("parkwatch.input.accepted", "Input events accounted", "input", "output-report").increment();
    }

    void rejected(String input, RejectReason reason) {
        Counter.builder("parkwatch.input.rejected")
                .description("Input events sent to the dead-letter topic, by reason")
                .tag("input", input).tag("reason", reason.name())
                .register(registry).increment();
    }

    void replayed(String input, RejectReason firstReason) {
        Counter.builder("parkwatch.input.replayed")
                .description("Records replayed from a dead letter (header parkwatch.replay-of) and accounted, by the"
                        + " reason they were first refused")
                .tag("input", input).tag("reason", firstReason.name())
                .register(registry).increment();
    }

    void schemaRegistryUnavailable() {
        Counter.builder("parkwatch.schema.registry.unavailable")
                .description("Attempts to read an input record's schema while the registry could not answer; the"
                        + " record waits, and is never a dead letter for it")
                .register(registry).increment();
    }

    void unexpectedPartition(String input) {
        counter("parkwatch.input.unexpected.partition", "Input records on another partition than the Java default"
                + " partitioner (murmur2) chooses for their key; accounted all the same", "input", input).increment();
    }

    void duplicate(String input) {
        counter("parkwatch.input.duplicates", "Resent events already accounted, dropped", "input", input).increment();
    }

    /** Hour shares of fuel SO2 mass balances taken out because a stack's CEMS measured those hours. */
    void cemsSuperseded(int shares) {
        Counter.builder("parkwatch.cems.superseded.hours")
                .description("Hour shares of fuel SO2 mass balances taken out of the totals because the stack's CEMS"
                        + " measured those hours (CEMS_SUPERSEDED ledger entries)")
                .register(registry).increment(shares);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
