package org.parkwatch.deploy.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.alerting.AlertRule;
import org.parkwatch.alerting.DefaultRules;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.config.RegistryConnection;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.FactorRecordKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes reference data (emission factors, enterprises, threshold rules) to its compacted topics, idempotently:
 * the topic is first read to its end, and a key whose latest value already has the same content is not written
 * again, so publishing the same data twice writes nothing the second time.
 */
public final class ReferenceDataLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataLoader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConnection kafka;
    private final SchemaRegistryClient registry;
    private final Clock clock;
    private final KafkaProducer<String, SpecificRecord> producer;

    /**
     * @param valueSettings how values are serialized (subject naming, schema registration)
     * @param clock         stamps {@code publishedAt} of the factors written
     */
    public ReferenceDataLoader(KafkaConnection kafka, SchemaRegistryClient registry, SerdeSettings valueSettings,
                               Clock clock) {
        this.kafka = kafka;
        this.registry = registry;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(),
                new SpecificAvroSerializer<>(registry, valueSettings));
    }

    public static ReferenceDataLoader connect(KafkaConnection kafka, RegistryConnection registry) {
        return new ReferenceDataLoader(kafka, new RestSchemaRegistryClient(registry.clientSettings()),
                registry.valueSerdeSettings(), Clock.systemUTC());
    }

    public static ReferenceDataLoader connect(ParkWatchConfig config) {
        return connect(config.kafka(), config.registry());
    }

    /** Publishes the factor set ParkWatch ships with ({@link DefaultFactors#load()}). */
    public PublishSummary publishDefaultFactors(String topic) {
        return publishFactors(topic, DefaultFactors.load());
    }

    /**
     * Publishes factor versions keyed {@code factorKey@validFrom} ({@link FactorRecordKey}) with the record
     * timestamp at validFrom. A version already on the topic with the same key, value, unit, parameters and source
     * is left alone; its publication time does not count as content.
     *
     * @throws IllegalArgumentException when two versions share a key but differ in content
     */
    public PublishSummary publishFactors(String topic, Collection<FactorVersion> factors) {
        Map<String, EmissionFactor> records = new LinkedHashMap<>();
        for (FactorVersion factor : factors) {
            String key = FactorRecordKey.of(factor.factorKey(), factor.validFrom());
            EmissionFactor record = toRecord(factor);
            EmissionFactor earlier = records.putIfAbsent(key, record);
            if (earlier != null && !sameFactorContent(earlier, record)) {
                throw new IllegalArgumentException("two different factor versions share the key " + key);
            }
        }
        return publish(topic, records, EmissionFactor.class, ReferenceDataLoader::sameFactorContent,
                f -> f.getValidFrom().toEpochMilli());
    }

    /** Publishes enterprises keyed by enterpriseId. */
    public PublishSummary publishEnterprises(String topic, Collection<Enterprise> enterprises) {
        return publish(topic, keyed(enterprises, Enterprise::getEnterpriseId));
    }

    /** Publishes threshold rules keyed by ruleId. */
    public PublishSummary publishThresholdRules(String topic, Collection<ThresholdRule> rules) {
        return publish(topic, keyed(rules, ThresholdRule::getRuleId));
    }

    /**
     * Publishes the default threshold rules ({@link DefaultRules}) whose ruleId is not on the topic yet. A rule
     * already there is left alone even if it differs: it may be an agency's own version of the default.
     */
    public PublishSummary publishDefaultThresholdRules(String topic) {
        Map<String, ThresholdRule> rules = keyed(DefaultRules.load().stream().map(AlertRule::toAvro).toList(),
                ThresholdRule::getRuleId);
        return publish(topic, rules, ThresholdRule.class, (existing, candidate) -> true, r -> null);
    }

    /**
     * Publishes records of one type under their keys (enterprises by enterpriseId, threshold rules by ruleId);
     * a key whose latest value on the topic is equal is left alone.
     *
     * @throws IllegalArgumentException when the records are not all of one class
     */
    @SuppressWarnings("unchecked")
    public PublishSummary publish(String topic, Map<String, ? extends SpecificRecord> records) {
        if (records.isEmpty()) {
            return new PublishSummary(topic, List.of(), List.of());
        }
        Class<SpecificRecord> type = (Class<SpecificRecord>) records.values().iterator().next().getClass();
        for (SpecificRecord record : records.values()) {
            if (record.getClass() != type) {
                throw new IllegalArgumentException("records of one topic must share one class; found "
                        + type.getName() + " and " + record.getClass().getName());
            }
        }
        return publish(topic, (Map<String, SpecificRecord>) records, type, Objects::equals, r -> null);
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private static <T extends SpecificRecord> Map<String, T> keyed(Collection<T> records, Function<T, String> key) {
        Map<String, T> byKey = new LinkedHashMap<>();
        for (T record : records) {
            T earlier = byKey.putIfAbsent(key.apply(record), record);
            if (earlier != null && !earlier.equals(record)) {
                throw new IllegalArgumentException("two different records share the key " + key.apply(record));
            }
        }
        return byKey;
    }

    private <T extends SpecificRecord> PublishSummary publish(String topic, Map<String, T> records, Class<T> type,
                                                              BiPredicate<T, T> sameContent,
                                                              Function<T, Long> timestamp) {
        Map<String, byte[]> existing = LatestValues.read(kafka.clientProperties(), topic, TIMEOUT);
        SpecificAvroDeserializer<T> reader = new SpecificAvroDeserializer<>(registry, type);
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        records.forEach((key, record) -> {
            if (isPresent(topic, key, existing.get(key), record, reader, sameContent)) {
                unchanged.add(key);
            } else {
                sends.add(producer.send(new ProducerRecord<>(topic, null, timestamp.apply(record), key, record)));
                written.add(key);
            }
        });
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            awaitSend(topic, send);
        }
        written.sort(null);
        unchanged.sort(null);
        LOG.info("Published {} records to {}; {} already present", written.size(), topic, unchanged.size());
        return new PublishSummary(topic, written, unchanged);
    }

    private static <T extends SpecificRecord> boolean isPresent(String topic, String key, byte[] current, T candidate,
                                                                SpecificAvroDeserializer<T> reader,
                                                                BiPredicate<T, T> sameContent) {
        if (current == null) {
            return false;
        }
        try {
            return sameContent.test(reader.deserialize(topic, current), candidate);
        } catch (RuntimeException e) {
            // An unreadable latest value is replaced by a good one rather than blocking the publication.
            LOG.warn("Latest value of {} on {} cannot be read ({}); writing it again", key, topic, e.getMessage());
            return false;
        }
    }

    private static void awaitSend(String topic, Future<RecordMetadata> send) {
        try {
            send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("publishing to " + topic + " not acknowledged within " + TIMEOUT, e);
        }
    }

    private EmissionFactor toRecord(FactorVersion factor) {
        return EmissionFactor.newBuilder()
                .setFactorKey(factor.factorKey())
                // The record holds milliseconds; a finer validFrom would never compare equal to what was stored.
                .setValidFrom(factor.validFrom().truncatedTo(ChronoUnit.MILLIS))
                .setValue(factor.value())
                .setUnit(factor.unit())
                .setParameters(new HashMap<>(factor.parameters()))
                .setSource(factor.source())
                .setPublishedAt(clock.instant())
                .build();
    }

    static boolean sameFactorContent(EmissionFactor a, EmissionFactor b) {
        return a.getFactorKey().equals(b.getFactorKey()) && a.getValidFrom().equals(b.getValidFrom())
                && Double.compare(a.getValue(), b.getValue()) == 0 && a.getUnit().equals(b.getUnit())
                && a.getParameters().equals(b.getParameters()) && a.getSource().equals(b.getSource());
    }
}
