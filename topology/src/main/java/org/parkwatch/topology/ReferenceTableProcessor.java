package org.parkwatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.ingest.Rejection;
import org.parkwatch.reference.ReferenceDataChecks;
import org.parkwatch.serde.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one reference table (enterprises, factor versions, threshold rules): a record that decodes and passes its
 * checks ({@link ReferenceDataChecks}) is put in force, a tombstone retires its key, and any other record is
 * refused: a dead letter with its reason and bytes, counted in {@code parkwatch.input.rejected}, and the version in
 * force stays. It is registered with {@code StreamsBuilder.addGlobalStore}, whose stores Kafka Streams fills on
 * restore by running this same processor over the topic (a {@code globalTable} would copy the topic's bytes into
 * the store as they are, bad records included), so a refused record never enters the table, read live or
 * restored. On restore it is reported again: a record still on the topic is still wrong.
 */
final class ReferenceTableProcessor<T> implements Processor<byte[], byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTableProcessor.class);

    /** How one kind of reference data is judged, given the table it would join. */
    @FunctionalInterface
    interface Judge<T> {
        Optional<Rejection> judge(String key, T value, ReadOnlyKeyValueStore<String, ValueAndTimestamp<T>> table);
    }

    /**
     * One kind of reference data: its table, the input name its refusals are counted under, and how it is judged.
     * {@code keyedByEnterprise}: the record key is an enterpriseId, which the dead letter then names.
     */
    record Kind<T>(String store, String input, Judge<T> judge, boolean keyedByEnterprise) {
    }

    static final Kind<Enterprise> ENTERPRISES = new Kind<>(StoreNames.ENTERPRISES, "enterprises",
            (key, enterprise, table) -> ReferenceDataChecks.enterprise(key, enterprise), true);
    static final Kind<EmissionFactor> FACTORS = new Kind<>(StoreNames.EMISSION_FACTORS, "emission-factors",
            (key, factor, table) -> ReferenceDataChecks.factor(key,
                    FactorRecordKey.of(factor.getFactorKey(), factor.getValidFrom()), factor,
                    unitOfOtherVersions(key, factor.getFactorKey(), table)), false);
    static final Kind<ThresholdRule> RULES = new Kind<>(StoreNames.THRESHOLD_RULES, "threshold-rules",
            (key, rule, table) -> ReferenceDataChecks.rule(key, rule), false);

    private final Kind<T> kind;
    private final Deserializer<T> values;
    private final ReferenceDeadLetters deadLetters;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private ProcessorContext<Void, Void> context;
    private TimestampedKeyValueStore<String, T> table;

    /** {@code values} waits out registry outages ({@link ReferenceDataDecoding}): an outage is never a refusal. */
    ReferenceTableProcessor(Kind<T> kind, Deserializer<T> values, ReferenceDeadLetters deadLetters,
                            PipelineMetrics metrics, Clock clock) {
        this.kind = kind;
        this.values = values;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A table over {@code store}: the same store type, name and format as the global tables of earlier releases, so
     * their state is read as it is.
     */
    static <T> StoreBuilder<TimestampedKeyValueStore<String, T>> table(KeyValueBytesStoreSupplier store,
                                                                       Serde<T> values) {
        // Uncached: a write must reach the store at once, where ReferenceChanges counts it, so that no accounting task
        // keeps a version decoded after a new one is in force.
        return Stores.timestampedKeyValueStoreBuilder(store, Serdes.String(), values).withCachingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.table = context.getStateStore(kind.store());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (key == null || key.isBlank()) {
            refuse(record, null, new Rejection(RejectReason.MISSING_FIELD, "a reference record needs a key"));
            return;
        }
        if (record.value() == null) {
            table.delete(key); // a tombstone retires the key: a deliberate act, not bad input
            return;
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(kind.input());
        T value;
        try {
            value = values.deserialize(topic, record.value());
        } catch (WireFormatException e) {
            refuse(record, key, new Rejection(e.problem() == WireFormatException.Problem.UNKNOWN_SCHEMA_ID
                    ? RejectReason.UNKNOWN_SCHEMA_ID : RejectReason.MALFORMED_BYTES, e.getMessage()));
            return;
        } catch (RuntimeException e) {
            refuse(record, key, new Rejection(RejectReason.MALFORMED_BYTES, "cannot decode: " + e.getMessage()));
            return;
        }
        Optional<Rejection> refusal = value == null
                ? Optional.of(new Rejection(RejectReason.MALFORMED_BYTES, "value decodes to nothing"))
                : kind.judge().judge(key, value, table);
        if (refusal.isPresent()) {
            refuse(record, key, refusal.get());
        } else {
            table.put(key, ValueAndTimestamp.make(value, record.timestamp()));
        }
    }

    private void refuse(Record<byte[], byte[]> record, String key, Rejection rejection) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        LOG.warn("Refused {} record {} at {}/{}@{}, the version in force stays: {} {}", kind.input(), key,
                source.topic(), source.partition(), source.offset(), rejection.reason(), rejection.detail());
        DeadLetter letter = DeadLetters.of(rejection.reason(), rejection.detail(), source, record.timestamp(),
                record.key(), record.value(), null, kind.keyedByEnterprise() ? key : null, clock.instant());
        deadLetters.send(key, letter);
        metrics.rejected(kind.input(), rejection.reason());
    }

    /** The unit of another version of {@code factorKey} in the table than the one keyed {@code key}. */
    private static Optional<String> unitOfOtherVersions(
            String key, String factorKey, ReadOnlyKeyValueStore<String, ValueAndTimestamp<EmissionFactor>> table) {
        if (factorKey == null) {
            return Optional.empty();
        }
        try (KeyValueIterator<String, ValueAndTimestamp<EmissionFactor>> versions =
                     table.prefixScan(FactorRecordKey.firstOf(factorKey), new StringSerializer())) {
            while (versions.hasNext()) {
                var version = versions.next();
                if (!version.key.equals(key)) {
                    return Optional.of(version.value.value().getUnit());
                }
            }
        }
        return Optional.empty();
    }
}
