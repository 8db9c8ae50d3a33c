package org.parkwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerRecord;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.simulator.EventKind;

/**
 * What the pipeline published, read as a downstream read_committed consumer reads it: the latest year totals of
 * every enterprise, the accepted events per enterprise and kind (from the ledger) and the dead letters.
 */
final class PipelineOutput {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrap;
    private final SchemaRegistryClient registry;

    PipelineOutput(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.registry = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registryUrl));
    }

    /**
     * The latest record of every enterprise's YEAR window overlapping [from, to), summed per enterprise over those
     * windows (a period crossing new year spans two).
     */
    Map<String, List<EmissionTotals>> enterpriseYearTotals(String topic, Instant from, Instant to) {
        Map<String, EmissionTotals> latest = new HashMap<>();
        readCommitted(topic, new StringDeserializer(), new SpecificAvroDeserializer<>(registry, EmissionTotals.class),
                (key, value) -> {
                    if (value != null) {
                        latest.put(key, value);
                    }
                });
        Map<String, List<EmissionTotals>> byEnterprise = new TreeMap<>();
        for (EmissionTotals t : latest.values()) {
            if (t.getSubjectType() == SubjectType.ENTERPRISE && t.getWindow() == WindowKind.YEAR_TO_DATE
                    && t.getWindowStart().isBefore(to) && t.getWindowEnd().isAfter(from)) {
                byEnterprise.computeIfAbsent(t.getSubjectId(), k -> new java.util.ArrayList<>()).add(t);
            }
        }
        return byEnterprise;
    }

    /**
     * Accepted events per enterprise and kind, counted on the ledger: each accepted meter reading has exactly one
     * CO2 SCOPE2_LOCATION line, each fuel event one CO2 SCOPE1 line, each sample one COD line.
     */
    Map<String, Map<EventKind, Long>> acceptedEvents(String ledgerTopic) {
        Map<String, Map<EventKind, Long>> counts = new TreeMap<>();
        readCommitted(ledgerTopic, new StringDeserializer(),
                new SpecificAvroDeserializer<>(registry, LedgerRecord.class), (key, record) -> {
                    for (EmissionEntry entry : record.getEntries()) {
                        String entryId = entry.getEntryId();
                        EventKind kind = entryId.endsWith(":CO2:SCOPE2_LOCATION") ? EventKind.METER_READING
                                : entryId.endsWith(":CO2:SCOPE1") ? EventKind.FUEL_CONSUMPTION
                                : entryId.endsWith(":COD:NONE") ? EventKind.WASTEWATER_SAMPLE : null;
                        if (kind != null) {
                            counts.computeIfAbsent(key, k -> new EnumMap<>(EventKind.class)).merge(kind, 1L, Long::sum);
                        }
                    }
                });
        return counts;
    }

    /** Entries the ledger holds: every record's entries counted. */
    long ledgerEntries(String ledgerTopic) {
        long[] count = {0};
        readCommitted(ledgerTopic, new ByteArrayDeserializer(),
                new SpecificAvroDeserializer<>(registry, LedgerRecord.class),
                (key, record) -> count[0] += record.getEntries().size());
        return count[0];
    }

    /**
     * Ledger entries the parks' published year-to-date totals sum: the latest record of every park's YEAR_TO_DATE
     * window, entry counts added up.
     */
    long parkYearToDateEntries(String parkTotalsTopic) {
        Map<String, EmissionTotals> latest = new HashMap<>();
        readCommitted(parkTotalsTopic, new StringDeserializer(),
                new SpecificAvroDeserializer<>(registry, EmissionTotals.class), (key, value) -> {
                    if (value != null) {
                        latest.put(key, value);
                    }
                });
        return latest.values().stream().filter(t -> t.getSubjectType() == SubjectType.PARK
                        && t.getWindow() == WindowKind.YEAR_TO_DATE)
                .mapToLong(t -> t.getTotals().getEntryCount()).sum();
    }

    /** Dead letters by reason. */
    Map<RejectReason, Long> deadLetters(String topic) {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        readCommitted(topic, new ByteArrayDeserializer(), new SpecificAvroDeserializer<>(registry, DeadLetter.class),
                (key, value) -> counts.merge(value.getReason(), 1L, Long::sum));
        return counts;
    }

    /** Records committed on {@code topic} (the last stable offset of each partition), read once from the start. */
    long committedEndOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private <K, V> void readCommitted(String topic, Deserializer<K> keys, Deserializer<V> values,
                                      BiConsumer<K, V> each) {
        try (KafkaConsumer<K, V> consumer = consumer(keys, values)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For a read_committed consumer the end offset is the last stable offset: all that is committed now.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(POLL).forEach(r -> each.accept(r.key(), r.value()));
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private <K, V> KafkaConsumer<K, V> consumer(Deserializer<K> keys, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(props, keys, values);
    }
}
