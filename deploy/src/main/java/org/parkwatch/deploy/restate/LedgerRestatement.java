package org.parkwatch.deploy.restate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.avro.LedgerRecord;
import org.parkwatch.avro.Restatement;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.admin.TopicReadThrough;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.pricing.FactorHistory;
import org.parkwatch.restatement.EffectiveLedger;
import org.parkwatch.restatement.FactorsInForce;
import org.parkwatch.restatement.MonthTotals;
import org.parkwatch.restatement.RestatementRecord;
import org.parkwatch.restatement.Restater;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.WireFormatException;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.LedgerRepricer;
import org.parkwatch.topology.Topics;
import org.parkwatch.totals.WindowCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restatement run against the cluster: the factor versions in force (the factor topic read whole, as the pipeline
 * reads it), the ledger read from its beginning to its current end and the corrections written but maybe not yet
 * accounted, then, for each factor asked, the corrections and the restatement record written in Kafka transactions.
 * The corrections go out in batches (a restatement of years is millions of records, more than one transaction
 * should hold); the record goes with the last batch, so a record means all its corrections are written. A run
 * stopped midway leaves the batches it committed, and the next run plans only what they did not correct.
 *
 * <p>The transactional id is fixed per application id: a run that starts fences any run still going before it reads
 * the ledger, so two runs at once cannot both write a correction (and the pipeline applies each correction once).
 */
public final class LedgerRestatement {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerRestatement.class);
    private static final int BATCH = 500;

    private final KafkaConnection kafka;
    private final SchemaRegistryClient registry;
    private final Topics topics;
    private final WindowCalendar calendar;
    private final Duration timeout;

    public LedgerRestatement(KafkaConnection kafka, SchemaRegistryClient registry, Topics topics,
                             WindowCalendar calendar, Duration timeout) {
        this.kafka = kafka;
        this.registry = registry;
        this.topics = topics;
        this.calendar = calendar;
        this.timeout = timeout;
    }

    /** The transactional id of an application's restatements, also the one ACLs must grant. */
    public static String transactionalId(KafkaConnection kafka) {
        return kafka.applicationId() + "-restatement";
    }

    /** What a run asks: factors, the activity period (null: unbounded), who asks. */
    public record Request(List<String> factorKeys, Instant from, Instant to, String requestedBy) {
    }

    /** What a run did (or would do, on a dry run), per factor. */
    public record Outcome(List<Restater.Plan> plans, List<Restatement> records) {
    }

    /**
     * Plans and, unless {@code dryRun}, writes the restatement of each factor asked.
     *
     * @param report receives a line per factor and per event left alone with its reason
     * @throws StartupRefusedException when a topic is missing or the registry does not answer
     * @throws KafkaException          when a write is refused or another run took over
     */
    public Outcome run(Request request, boolean dryRun, Consumer<String> report) {
        try (KafkaProducer<String, SpecificRecord> producer = dryRun ? null : transactionalProducer();
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (producer != null) {
                // Before reading the ledger: a run still going is fenced, its open batch aborted.
                producer.initTransactions();
            }
            FactorHistory inForce = factorsInForce(consumer);
            Instant now = Instant.now();
            EffectiveLedger ledger = new EffectiveLedger(entry -> entry.getFactors().stream()
                    .anyMatch(f -> request.factorKeys().contains(f.getFactorKey())) && inPeriod(entry, request));
            MonthTotals months = MonthTotals.of(new EffectiveLedger(), calendar);
            readLedger(consumer, ledger, months);
            readPendingCorrections(consumer, ledger, months);

            List<Restater.Plan> plans = new ArrayList<>();
            List<Restatement> records = new ArrayList<>();
            Restater restater = new Restater(new LedgerRepricer());
            for (String factorKey : request.factorKeys()) {
                MonthTotals before = months.copy();
                Restater.Plan plan = restater.plan(ledger, inForce, new Restater.Request(UUID.randomUUID().toString(),
                        factorKey, request.from(), request.to(), request.requestedBy(), now));
                plans.add(plan);
                plan.notRestated().forEach((event, why) -> report.accept("left alone: event " + event + ": " + why));
                if (plan.isEmpty()) {
                    report.accept(factorKey + ": nothing to restate (" + plan.upToDate()
                            + " events priced with the version in force)");
                    continue;
                }
                Restatement record = RestatementRecord.of(plan, before, calendar);
                records.add(record);
                plan.corrections().forEach(c -> months.add(c.getEntries()));
                if (!dryRun) {
                    write(producer, plan, record);
                }
                report.accept((dryRun ? "would restate " : "restated ") + factorKey + ": "
                        + plan.corrections().size() + " events, " + plan.entriesReversed() + " entries reversed and"
                        + " restated, " + record.getPeriods().size() + " enterprise and park months moved"
                        + (dryRun ? "" : " (restatement " + record.getRestatementId() + ")"));
            }
            return new Outcome(plans, records);
        }
    }

    private static boolean inPeriod(EmissionEntry entry, Request request) {
        Instant time = entry.getIntervalEnd().minusMillis(1);
        return (request.from() == null || !time.isBefore(request.from()))
                && (request.to() == null || time.isBefore(request.to()));
    }

    private void write(KafkaProducer<String, SpecificRecord> producer, Restater.Plan plan, Restatement record) {
        List<LedgerCorrection> corrections = plan.corrections();
        for (int start = 0; start < corrections.size(); start += BATCH) {
            List<LedgerCorrection> batch = corrections.subList(start, Math.min(corrections.size(), start + BATCH));
            producer.beginTransaction();
            try {
                for (LedgerCorrection c : batch) {
                    producer.send(new ProducerRecord<>(topics.ledgerCorrections(), c.getEnterpriseId(), c));
                }
                if (start + BATCH >= corrections.size()) {
                    producer.send(new ProducerRecord<>(topics.restatements(), record.getRestatementId(), record));
                }
                producer.commitTransaction();
            } catch (KafkaException e) {
                try {
                    producer.abortTransaction();
                } catch (KafkaException abortFailed) {
                    LOG.warn("Could not abort the open batch of corrections: {}", abortFailed.getMessage());
                }
                throw e;
            }
        }
    }

    private FactorHistory factorsInForce(KafkaConsumer<byte[], byte[]> consumer) {
        SpecificAvroDeserializer<EmissionFactor> factors = new SpecificAvroDeserializer<>(registry,
                EmissionFactor.class);
        FactorsInForce inForce = new FactorsInForce();
        readToEnd(consumer, topics.emissionFactors(), record -> {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            EmissionFactor factor = decode(factors, record);
            if (key != null && (factor != null || record.value() == null)) {
                inForce.accept(key, factor);
            }
        });
        return inForce.history();
    }

    private void readLedger(KafkaConsumer<byte[], byte[]> consumer, EffectiveLedger ledger, MonthTotals months) {
        readLegacyLedger(consumer, ledger, months);
        SpecificAvroDeserializer<LedgerRecord> records = new SpecificAvroDeserializer<>(registry, LedgerRecord.class);
        readToEnd(consumer, topics.emissionsLedger(), record -> {
            LedgerRecord r = decode(records, record);
            if (r != null) {
                // one record is one accounting step: the group the restatement corrects as a whole
                months.add(r.getEntries());
                ledger.addGroup(r.getEntries());
            }
        });
    }

    /**
     * What a deployment accounted before state version 8, one entry per record: an event's (or a correction's)
     * entries are consecutive in its partition, so consecutive entries of the same group are put back together.
     */
    private void readLegacyLedger(KafkaConsumer<byte[], byte[]> consumer, EffectiveLedger ledger,
                                  MonthTotals months) {
        SpecificAvroDeserializer<EmissionEntry> entries = new SpecificAvroDeserializer<>(registry,
                EmissionEntry.class);
        Map<Integer, List<EmissionEntry>> groups = new HashMap<>();
        TopicReadThrough.readIfExists(consumer, topics.legacyEmissionsLedger(), timeout, record -> {
            EmissionEntry entry = decode(entries, record);
            if (entry == null) {
                return;
            }
            months.add(List.of(entry));
            List<EmissionEntry> group = groups.computeIfAbsent(record.partition(), p -> new ArrayList<>());
            if (!group.isEmpty() && !EffectiveLedger.sameGroup(group.get(0), entry)) {
                ledger.addGroup(List.copyOf(group));
                group.clear();
            }
            group.add(entry);
        });
        groups.values().forEach(group -> ledger.addGroup(List.copyOf(group)));
    }

    private void readPendingCorrections(KafkaConsumer<byte[], byte[]> consumer, EffectiveLedger ledger,
                                        MonthTotals months) {
        SpecificAvroDeserializer<LedgerCorrection> corrections = new SpecificAvroDeserializer<>(registry,
                LedgerCorrection.class);
        readToEnd(consumer, topics.ledgerCorrections(), record -> {
            LedgerCorrection c = decode(corrections, record);
            if (c != null && !ledger.holds(c.getCorrectionId())) {
                // written by an earlier run, not yet accounted: as good as in the ledger
                months.add(c.getEntries());
                ledger.addPending(c);
            }
        });
    }

    private <T extends org.apache.avro.specific.SpecificRecord> T decode(SpecificAvroDeserializer<T> deserializer,
                                                                       ConsumerRecord<byte[], byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.value());
        } catch (SchemaRegistryUnavailableException e) {
            throw new StartupRefusedException("Cannot reach the Schema Registry to read " + record.topic() + ": "
                    + e.getMessage(), e);
        } catch (WireFormatException e) {
            LOG.warn("Unreadable record at {}/{}@{}, left out: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    private void readToEnd(KafkaConsumer<byte[], byte[]> consumer, String topic,
                           Consumer<ConsumerRecord<byte[], byte[]>> each) {
        TopicReadThrough.read(consumer, topic, timeout, each);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return TopicReadThrough.consumer(kafka.clientProperties(), Map.of());
    }

    private KafkaProducer<String, SpecificRecord> transactionalProducer() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(kafka));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return new KafkaProducer<>(props, new StringSerializer(),
                new SpecificAvroSerializer<SpecificRecord>(registry, SerdeSettings.forValue()));
    }
}
