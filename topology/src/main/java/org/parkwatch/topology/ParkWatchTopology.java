package org.parkwatch.topology;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.internal.AlertWatch;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.ingest.ActivityValidator;
import org.parkwatch.totals.GracePolicy;
import org.parkwatch.totals.WindowCalendar;

/**
 * The ParkWatch accounting topology, built by one pure function: inputs -> accounting (validate, deduplicate, price)
 * -> ledger and dead letters; accounted amounts -> enterprise totals; re-keyed by park -> park totals.
 */
public final class ParkWatchTopology {

    /** How often alerting re-reads the threshold rules, so a rule changed at runtime applies within this time. */
    static final Duration RULE_REFRESH = Duration.ofSeconds(1);

    private ParkWatchTopology() {
    }

    public static Topology build(Topics topics, PipelineSerdes serdes, AccountingSettings settings, Clock clock,
                                 PipelineMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();
        Serde<EmissionTotals> storedTotals = new InternalAvroSerde<>(EmissionTotals.getClassSchema());
        Serde<WindowBookState> storedBooks = new InternalAvroSerde<>(WindowBookState.getClassSchema());
        Serde<ActivityAmounts> amountsSerde = new InternalAvroSerde<>(ActivityAmounts.getClassSchema());

        // Reference data every task needs whatever its partition: global tables, read whole by each instance.
        builder.globalTable(topics.enterprises(),
                Consumed.with(keys, serdes.enterprise()).withName("enterprises-source"),
                Materialized.<String, Enterprise, KeyValueStore<Bytes, byte[]>>as(StoreNames.ENTERPRISES)
                        .withKeySerde(keys).withValueSerde(serdes.enterprise()));
        builder.globalTable(topics.emissionFactors(),
                Consumed.with(keys, serdes.emissionFactor()).withName("emission-factors-source"),
                Materialized.<String, EmissionFactor, KeyValueStore<Bytes, byte[]>>as(StoreNames.EMISSION_FACTORS)
                        .withKeySerde(keys).withValueSerde(serdes.emissionFactor()));

        builder.globalTable(topics.thresholdRules(),
                Consumed.with(keys, serdes.thresholdRule()).withName("threshold-rules-source"),
                Materialized.<String, ThresholdRule, KeyValueStore<Bytes, byte[]>>as(StoreNames.THRESHOLD_RULES)
                        .withKeySerde(keys).withValueSerde(serdes.thresholdRule()));

        Serde<Alert> storedAlerts = new InternalAvroSerde<>(Alert.getClassSchema());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ALERT_STATE), keys,
                new InternalAvroSerde<AlertWatch>(AlertWatch.getClassSchema())));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.OPEN_ALERTS), keys, storedAlerts));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ALERT_HISTORY), keys, storedAlerts));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.SEEN_EVENTS, settings.dedupWindow(), Duration.ofMillis(1), false),
                keys, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.EVENT_TIME_WATERMARK), keys, Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.LEDGER_ENTRIES, settings.ledgerStoreRetention(),
                        Duration.ofMillis(1), true),
                keys, new InternalAvroSerde<>(EmissionEntry.getClassSchema())));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ENTERPRISE_WINDOWS), keys, storedBooks));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ENTERPRISE_WINDOW_HISTORY), keys, storedTotals));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PARK_WINDOWS), keys, storedBooks));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PARK_WINDOW_HISTORY), keys, storedTotals));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PARK_EVENT_TIME_WATERMARK), keys, Serdes.Long()));

        ActivityValidator validator = new ActivityValidator(settings.bounds());
        List<ActivityInput<? extends SpecificRecord>> inputs = List.of(
                ActivityInput.meter(topics.meterReadings(), serdes.meterReading().deserializer(), validator),
                ActivityInput.fuel(topics.fuelConsumption(), serdes.fuelConsumption().deserializer(), validator),
                ActivityInput.wastewater(topics.wastewaterSamples(), serdes.wastewaterSample().deserializer(), validator));
        GracePolicy grace = new GracePolicy(settings.grace());
        WindowCalendar calendar = new WindowCalendar(settings.zone());

        // Raw bytes in: decoding happens in the accounting step, so undecodable records become dead letters
        // with their original bytes instead of stopping the stream.
        KStream<byte[], byte[]> raw = builder.stream(topics.activityInputs(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("activity-inputs"));
        KStream<String, AccountingOutcome> outcomes = raw.process(
                () -> new ActivityAccountingProcessor(inputs, LedgerPricer::new, grace, clock, metrics),
                Named.as("activity-accounting"), StoreNames.SEEN_EVENTS, StoreNames.EVENT_TIME_WATERMARK);

        var branches = outcomes.split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof AccountingOutcome.Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("accounted"));
        branches.get("outcome-rejected")
                .mapValues(v -> ((AccountingOutcome.Rejected) v).deadLetter(), Named.as("dead-letter"))
                .to(topics.deadLetters(), Produced.with(keys, serdes.deadLetter()).withName("dead-letters-sink"));

        KStream<String, AccountingOutcome.Accounted> accounted = branches.get("outcome-accounted")
                .mapValues(v -> (AccountingOutcome.Accounted) v, Named.as("accounted"));
        accounted.flatMapValues(AccountingOutcome.Accounted::entries, Named.as("ledger-entries"))
                .to(topics.emissionsLedger(), Produced.with(keys, serdes.emissionEntry()).withName("ledger-sink"));
        accounted.process(LedgerIndexProcessor::new, Named.as("ledger-index"), StoreNames.LEDGER_ENTRIES);

        KStream<String, ActivityAmounts> amounts = accounted.mapValues(LedgerEntries::amountsOf, Named.as("activity-amounts"));
        KStream<String, EmissionTotals> enterpriseTotals = amounts.process(() -> new TotalsProcessor(SubjectType.ENTERPRISE, StoreNames.ENTERPRISE_WINDOWS,
                                StoreNames.ENTERPRISE_WINDOW_HISTORY, StoreNames.EVENT_TIME_WATERMARK, false,
                                inputs.stream().map(ActivityInput::name).toList(), settings.inputIdleTimeout(), calendar,
                                settings.grace(), settings.publishInterval()),
                        Named.as("enterprise-totals"), StoreNames.ENTERPRISE_WINDOWS,
                        StoreNames.ENTERPRISE_WINDOW_HISTORY, StoreNames.EVENT_TIME_WATERMARK);
        enterpriseTotals.to(topics.enterpriseTotals(),
                Produced.with(keys, serdes.emissionTotals()).withName("enterprise-totals-sink"));

        // Alerts: concentration of each measured sample against its outlet's limit, and year-to-date loads against
        // the permit, judged by the threshold rules in force.
        KStream<String, AlertObservation> concentration = accounted
                .flatMapValues(ConcentrationWatch::of, Named.as("concentration-watch"));
        KStream<String, AlertObservation> quota = enterpriseTotals
                .process(QuotaWatchProcessor::new, Named.as("quota-watch"));
        concentration.merge(quota, Named.as("alert-observations"))
                .process(() -> new AlertProcessor(RULE_REFRESH, metrics), Named.as("alerting"),
                        StoreNames.ALERT_STATE, StoreNames.OPEN_ALERTS, StoreNames.ALERT_HISTORY)
                .to(topics.alerts(), Produced.with(keys, serdes.alert()).withName("alerts-sink"));

        amounts.selectKey((enterpriseId, a) -> a.getParkId(), Named.as("by-park"))
                .repartition(Repartitioned.<String, ActivityAmounts>as("park-amounts")
                        .withKeySerde(keys).withValueSerde(amountsSerde))
                .process(() -> new TotalsProcessor(SubjectType.PARK, StoreNames.PARK_WINDOWS,
                                StoreNames.PARK_WINDOW_HISTORY, StoreNames.PARK_EVENT_TIME_WATERMARK, true,
                                List.of(), settings.inputIdleTimeout(), calendar,
                                settings.grace(), settings.publishInterval()),
                        Named.as("park-totals"), StoreNames.PARK_WINDOWS, StoreNames.PARK_WINDOW_HISTORY,
                        StoreNames.PARK_EVENT_TIME_WATERMARK)
                .to(topics.parkTotals(), Produced.with(keys, serdes.emissionTotals()).withName("park-totals-sink"));

        Properties naming = new Properties();
        // Refuse to build if any internal topic or store would get a generated name that a refactor could change.
        naming.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        naming.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return builder.build(naming);
    }
}
