package org.parkwatch.topology;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.LedgerRecord;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.avro.internal.AlertWatch;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.avro.internal.StackHourState;
import org.parkwatch.avro.internal.TotalsInput;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.ingest.ActivityValidator;
import org.parkwatch.totals.GracePolicy;
import org.parkwatch.totals.WindowCalendar;

/**
 * The ParkWatch accounting topology, built by one pure function: inputs -> accounting (validate, deduplicate, price)
 * -> ledger and dead letters; accounted amounts -> enterprise totals; re-keyed by park -> park totals.
 */
public final class ParkWatchTopology {

    /**
     * Version of the state layout (store names, keys, value schemas, internal topic names) this topology reads and
     * writes. Raised by every change of layout; README's "State versions and upgrades" gives each one's upgrade path.
     */
    public static final int STATE_VERSION = 8;

    /**
     * Values a task keeps decoded per write-back store: a book is a few kilobytes decoded, and a task holds the books
     * of its share of a park's enterprises (hundreds); beyond this the least recently used are written out.
     */
    static final int DECODED_VALUES_PER_TASK = 1_000;

    /** How often alerting re-reads the threshold rules, so a rule changed at runtime applies within this time. */
    static final Duration RULE_REFRESH = Duration.ofSeconds(1);

    /**
     * Kafka Streams property holding the partition count of the co-partitioned inputs, so that a record on another
     * partition than its key's is noticed; the pipeline sets it. See {@link PartitionPlacement}.
     */
    public static final String INPUT_PARTITIONS_CONFIG = PartitionPlacement.INPUT_PARTITIONS_CONFIG;

    private ParkWatchTopology() {
    }

    /**
     * The topology, its refused reference data only logged and counted: for tests and tools that read no dead
     * letters of reference data. The pipeline uses
     * {@link #build(Topics, PipelineSerdes, AccountingSettings, Clock, PipelineMetrics, ReferenceDeadLetters)}.
     */
    public static Topology build(Topics topics, PipelineSerdes serdes, AccountingSettings settings, Clock clock,
                                 PipelineMetrics metrics) {
        return build(topics, serdes, settings, clock, metrics, (key, letter) -> { });
    }

    /** The topology; refused reference data goes to {@code referenceDeadLetters} (a global thread cannot forward). */
    public static Topology build(Topics topics, PipelineSerdes serdes, AccountingSettings settings, Clock clock,
                                 PipelineMetrics metrics, ReferenceDeadLetters referenceDeadLetters) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();
        Serde<EmissionTotals> storedTotals = new InternalAvroSerde<>(EmissionTotals.getClassSchema());
        Serde<WindowBookState> storedBooks = new InternalAvroSerde<>(WindowBookState.getClassSchema());
        Serde<TotalsInput> totalsInputSerde = new InternalAvroSerde<>(TotalsInput.getClassSchema());
        Serde<IntensitySnapshot> storedIntensity = new InternalAvroSerde<>(IntensitySnapshot.getClassSchema());
        Serde<IavReports> storedReports = new InternalAvroSerde<>(IavReports.getClassSchema());

        // Reference data every task needs whatever its partition: global stores, read whole by each instance and
        // kept by a processor that refuses bad records, live and on restore (ReferenceTableProcessor); a registry
        // outage is waited out rather than a record refused (ReferenceDataDecoding).
        Runnable registryDown = metrics::schemaRegistryUnavailable;
        // Counted, so the accounting tasks can keep enterprises and factor versions decoded until one changes.
        ReferenceChanges enterpriseChanges = new ReferenceChanges();
        ReferenceChanges factorChanges = new ReferenceChanges();
        Consumed<byte[], byte[]> referenceBytes = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        builder.addGlobalStore(ReferenceTableProcessor.table(
                        enterpriseChanges.persistentStore(StoreNames.ENTERPRISES), serdes.enterprise()),
                topics.enterprises(), referenceBytes.withName("enterprises-source"),
                () -> new ReferenceTableProcessor<>(ReferenceTableProcessor.ENTERPRISES,
                        ReferenceDataDecoding.patient(serdes.enterprise(), registryDown).deserializer(),
                        referenceDeadLetters, metrics, clock));
        builder.addGlobalStore(ReferenceTableProcessor.table(
                        factorChanges.persistentStore(StoreNames.EMISSION_FACTORS), serdes.emissionFactor()),
                topics.emissionFactors(), referenceBytes.withName("emission-factors-source"),
                () -> new ReferenceTableProcessor<>(ReferenceTableProcessor.FACTORS,
                        ReferenceDataDecoding.patient(serdes.emissionFactor(), registryDown).deserializer(),
                        referenceDeadLetters, metrics, clock));
        builder.addGlobalStore(ReferenceTableProcessor.table(Stores.persistentTimestampedKeyValueStore(
                        StoreNames.THRESHOLD_RULES), serdes.thresholdRule()),
                topics.thresholdRules(), referenceBytes.withName("threshold-rules-source"),
                () -> new ReferenceTableProcessor<>(ReferenceTableProcessor.RULES,
                        ReferenceDataDecoding.patient(serdes.thresholdRule(), registryDown).deserializer(),
                        referenceDeadLetters, metrics, clock));

        Serde<Alert> storedAlerts = new InternalAvroSerde<>(Alert.getClassSchema());
        var enterpriseAlertStores = new AlertProcessor.AlertStores(StoreNames.ALERT_STATE, StoreNames.OPEN_ALERTS,
                StoreNames.ALERT_HISTORY, StoreNames.CLOSED_WINDOW_VERDICTS);
        var parkAlertStores = new AlertProcessor.AlertStores(StoreNames.PARK_ALERT_STATE, StoreNames.PARK_OPEN_ALERTS,
                StoreNames.PARK_ALERT_HISTORY, StoreNames.PARK_CLOSED_WINDOW_VERDICTS);
        for (var alertStores : List.of(enterpriseAlertStores, parkAlertStores)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(alertStores.states()), keys,
                    new InternalAvroSerde<AlertWatch>(AlertWatch.getClassSchema())).withCachingEnabled());
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(alertStores.openAlerts()), keys, storedAlerts).withCachingEnabled());
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(alertStores.history()), keys, storedAlerts).withCachingEnabled());
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(alertStores.verdicts()), keys,
                    new InternalAvroSerde<AlertWatch>(AlertWatch.getClassSchema())).withCachingEnabled());
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.EVENT_TIME_WATERMARK), keys, Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.APPLIED_CORRECTIONS), keys, keys).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.STACK_HOURS), keys,
                new InternalAvroSerde<StackHourState>(StackHourState.getClassSchema())).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                SegmentedWindowStores.persistent(StoreNames.LEDGER_ENTRIES, settings.ledgerStoreRetention(),
                        Duration.ofMillis(1), true),
                keys, new LedgerIndexSerde()));
        // Window books and park folds change with every event: kept decoded, written once per commit (WriteBackStore).
        builder.addStateStore(WriteBackStore.persistent(StoreNames.ENTERPRISE_WINDOWS, keys, storedBooks,
                DECODED_VALUES_PER_TASK));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ENTERPRISE_WINDOW_HISTORY), keys, storedTotals).withCachingEnabled());
        builder.addStateStore(WriteBackStore.persistent(StoreNames.PARK_WINDOWS, keys, storedBooks,
                DECODED_VALUES_PER_TASK));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PARK_WINDOW_HISTORY), keys, storedTotals).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.PARK_EVENT_TIME_WATERMARK), keys, Serdes.Long()).withCachingEnabled());
        for (String store : List.of(StoreNames.IAV_REPORTS, StoreNames.PARK_IAV_REPORTS)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys, storedReports).withCachingEnabled());
        }
        builder.addStateStore(WriteBackStore.persistent(StoreNames.PARK_DELTAS_TO_SEND, keys,
                new InternalAvroSerde<ActivityAmounts>(ActivityAmounts.getClassSchema()), DECODED_VALUES_PER_TASK));
        for (String store : List.of(StoreNames.ENTERPRISE_REVISIONS, StoreNames.PARK_REVISIONS)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys,
                    Serdes.Long()).withCachingEnabled());
        }
        for (String store : List.of(StoreNames.ENTERPRISE_INTENSITY, StoreNames.PARK_INTENSITY)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys,
                    storedIntensity).withCachingEnabled());
        }

        ActivityValidator validator = new ActivityValidator(settings.bounds());
        List<ActivityInput<? extends SpecificRecord>> inputs = List.of(
                ActivityInput.meter(topics.meterReadings(), serdes.meterReading().deserializer(), validator),
                ActivityInput.fuel(topics.fuelConsumption(), serdes.fuelConsumption().deserializer(), validator),
                ActivityInput.wastewater(topics.wastewaterSamples(), serdes.wastewaterSample().deserializer(), validator),
                ActivityInput.flueGas(topics.flueGasSamples(), serdes.flueGasSample().deserializer(), validator));
        GracePolicy grace = new GracePolicy(settings.grace(), settings.backfillHorizon());
        WindowCalendar calendar = new WindowCalendar(settings.zone());

        // Raw bytes in: decoding happens in the accounting step, so undecodable records become dead letters
        // with their original bytes instead of stopping the stream.
        KStream<byte[], byte[]> raw = builder.stream(topics.activityInputs(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("activity-inputs"));
        KStream<String, AccountingOutcome> outcomes = raw.process(
                () -> new ActivityAccountingProcessor(inputs, LedgerPricer::new, grace, calendar, clock, metrics,
                        enterpriseChanges, factorChanges),
                // the ledger index is also the memory of accounted events, against which resends are recognised
                Named.as("activity-accounting"), StoreNames.LEDGER_ENTRIES, StoreNames.EVENT_TIME_WATERMARK,
                StoreNames.IAV_REPORTS, StoreNames.STACK_HOURS);

        // Industrial added value reports: the denominators of the intensities.
        KStream<String, AccountingOutcome> reportOutcomes = builder.stream(topics.outputReports(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("output-reports"))
                .process(() -> new IavReportProcessor(serdes.outputReport().deserializer(), clock, metrics),
                        Named.as("iav-reporting"));

        // Restatements: corrections of accounted events, in the accounting tasks (same partitioning by enterprise),
        // so they reach the same totals as the events they correct.
        KStream<String, AccountingOutcome> correctionOutcomes = builder.stream(topics.ledgerCorrections(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ledger-corrections"))
                .process(() -> new LedgerCorrectionProcessor(serdes.ledgerCorrection().deserializer(), calendar, clock,
                                metrics), Named.as("ledger-correcting"), StoreNames.APPLIED_CORRECTIONS,
                        StoreNames.LEDGER_ENTRIES, StoreNames.IAV_REPORTS);

        var branches = outcomes.merge(reportOutcomes, Named.as("all-outcomes"))
                .merge(correctionOutcomes, Named.as("all-outcomes-and-corrections")).split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof AccountingOutcome.Rejected, Branched.as("rejected"))
                .branch((k, v) -> v instanceof AccountingOutcome.IavReported, Branched.as("iav"))
                .branch((k, v) -> v instanceof AccountingOutcome.Corrected, Branched.as("corrected"))
                .defaultBranch(Branched.as("accounted"));
        branches.get("outcome-rejected")
                .mapValues(v -> ((AccountingOutcome.Rejected) v).deadLetter(), Named.as("dead-letter"))
                .to(topics.deadLetters(), Produced.with(keys, serdes.deadLetter()).withName("dead-letters-sink"));

        KStream<String, AccountingOutcome.Accounted> accounted = branches.get("outcome-accounted")
                .mapValues(v -> (AccountingOutcome.Accounted) v, Named.as("accounted"));
        KStream<String, AccountingOutcome.Corrected> corrected = branches.get("outcome-corrected")
                .mapValues(v -> (AccountingOutcome.Corrected) v, Named.as("corrected"));
        // One ledger record per accounting step, holding all its entries: the audit record stays whole (every
        // amount, formula input and factor version) at one Kafka record per event rather than one per pollutant.
        // A step that priced nothing (every value of a sample flagged invalid) writes no record, as before.
        accounted.flatMapValues(a -> LedgerRecords.of(a.eventId(), a.enterpriseId(), a.parkId(), a.entries()),
                        Named.as("ledger-records"))
                .to(topics.emissionsLedger(), Produced.with(keys, serdes.ledgerRecord()).withName("ledger-sink"));
        corrected.flatMapValues(c -> LedgerRecords.of(c.correctionId(), c.enterpriseId(), c.parkId(), c.entries()),
                        Named.as("correction-ledger-records"))
                .to(topics.emissionsLedger(), Produced.with(keys, serdes.ledgerRecord())
                        .withName("correction-ledger-sink"));

        KStream<String, TotalsInput> enterpriseInputs = accounted
                .mapValues(a -> new TotalsInput(a.enterpriseId(), a.parkId(), LedgerEntries.amountsOf(a), null,
                        List.of()), Named.as("activity-amounts"))
                .merge(branches.get("outcome-iav").mapValues(v -> {
                    var r = (AccountingOutcome.IavReported) v;
                    return new TotalsInput(r.enterpriseId(), r.parkId(), null, r.report(), List.of());
                }, Named.as("iav-reports-in")), Named.as("enterprise-totals-inputs"))
                .merge(corrected.mapValues(c -> new TotalsInput(c.enterpriseId(), c.parkId(),
                        LedgerEntries.amountsOf(c), null, List.of()), Named.as("correction-amounts")),
                        Named.as("enterprise-totals-inputs-and-corrections"));

        var enterpriseStores = new TotalsProcessor.TotalsStores(StoreNames.ENTERPRISE_WINDOWS,
                StoreNames.ENTERPRISE_WINDOW_HISTORY, StoreNames.EVENT_TIME_WATERMARK, StoreNames.IAV_REPORTS,
                StoreNames.ENTERPRISE_INTENSITY, StoreNames.ENTERPRISE_REVISIONS, StoreNames.PARK_DELTAS_TO_SEND);
        var enterpriseOut = enterpriseInputs.process(() -> new TotalsProcessor(SubjectType.ENTERPRISE,
                                enterpriseStores, false, inputs.stream().map(ActivityInput::name).toList(),
                                settings.inputIdleTimeout(), calendar, settings.grace(), settings.publishInterval()),
                        Named.as("enterprise-totals"), enterpriseStores.all())
                .split(Named.as("enterprise-out-"))
                .branch((k, v) -> v instanceof TotalsOutput.ToPark, Branched.as("to-park"))
                .defaultBranch(Branched.as("updates"));
        KStream<String, TotalsOutput.Update> enterpriseUpdates = enterpriseOut.get("enterprise-out-updates")
                .mapValues(v -> (TotalsOutput.Update) v, Named.as("enterprise-updates"));
        KStream<String, EmissionTotals> enterpriseTotals = enterpriseUpdates
                .filter((k, u) -> u.totals() != null, Named.as("enterprise-totals-updates"))
                .mapValues(TotalsOutput.Update::totals, Named.as("enterprise-totals-values"));
        enterpriseTotals.to(topics.enterpriseTotals(),
                Produced.with(keys, serdes.emissionTotals()).withName("enterprise-totals-sink"));
        enterpriseUpdates.mapValues(TotalsOutput.Update::intensity, Named.as("enterprise-intensity-values"))
                .to(topics.enterpriseIntensity(),
                        Produced.with(keys, serdes.intensitySnapshot()).withName("enterprise-intensity-sink"));

        var parkStores = new TotalsProcessor.TotalsStores(StoreNames.PARK_WINDOWS, StoreNames.PARK_WINDOW_HISTORY,
                StoreNames.PARK_EVENT_TIME_WATERMARK, StoreNames.PARK_IAV_REPORTS, StoreNames.PARK_INTENSITY,
                StoreNames.PARK_REVISIONS, null);
        KStream<String, TotalsOutput.Update> parkUpdates = enterpriseOut.get("enterprise-out-to-park")
                .mapValues(v -> ((TotalsOutput.ToPark) v).input(), Named.as("park-inputs"))
                .repartition(Repartitioned.<String, TotalsInput>as("park-totals-inputs")
                        .withKeySerde(keys).withValueSerde(totalsInputSerde))
                .process(() -> new TotalsProcessor(SubjectType.PARK, parkStores, true, List.of(),
                                settings.inputIdleTimeout(), calendar, settings.grace(), settings.publishInterval()),
                        Named.as("park-totals"), parkStores.all())
                .mapValues(v -> (TotalsOutput.Update) v, Named.as("park-updates"));
        parkUpdates.filter((k, u) -> u.totals() != null, Named.as("park-totals-updates"))
                .mapValues(TotalsOutput.Update::totals, Named.as("park-totals-values"))
                .to(topics.parkTotals(), Produced.with(keys, serdes.emissionTotals()).withName("park-totals-sink"));
        parkUpdates.mapValues(TotalsOutput.Update::intensity, Named.as("park-intensity-values"))
                .to(topics.parkIntensity(), Produced.with(keys, serdes.intensitySnapshot()).withName("park-intensity-sink"));

        // Alerts: concentration of each measured sample against its outlet's limit, and year-to-date loads against
        // the permit, judged by the threshold rules in force.
        KStream<String, AlertObservation> concentration = accounted
                .flatMapValues(ConcentrationWatch::of, Named.as("concentration-watch"));
        KStream<String, AlertObservation> quota = enterpriseUpdates
                .process(QuotaWatchProcessor::new, Named.as("quota-watch"));
        KStream<String, AlertObservation> enterpriseIntensityObservations = enterpriseUpdates
                .process(EnterpriseIntensityWatchProcessor::new, Named.as("enterprise-intensity-watch"));
        concentration.merge(quota, Named.as("alert-observations"))
                .merge(enterpriseIntensityObservations, Named.as("enterprise-alert-observations"))
                .process(() -> new AlertProcessor(enterpriseAlertStores, RULE_REFRESH, settings.backfillHorizon(), metrics), Named.as("alerting"),
                        enterpriseAlertStores.all())
                .to(topics.alerts(), Produced.with(keys, serdes.alert()).withName("alerts-sink"));
        // Park intensities against the park's targets (HJ 274-2009, the carbon-intensity target).
        parkUpdates.process(ParkIntensityWatchProcessor::new, Named.as("park-intensity-watch"))
                .process(() -> new AlertProcessor(parkAlertStores, RULE_REFRESH, settings.backfillHorizon(), metrics), Named.as("park-alerting"),
                        parkAlertStores.all())
                .to(topics.alerts(), Produced.with(keys, serdes.alert()).withName("park-alerts-sink"));

        // DATA_GAP alerts from the gateway's gap records, in their own sub-topology and stores.
        for (String store : List.of(StoreNames.DATA_GAP_ALERTS, StoreNames.DATA_GAP_OPEN_ALERTS,
                StoreNames.DATA_GAP_ALERT_HISTORY)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys,
                    storedAlerts).withCachingEnabled());
        }
        builder.stream(topics.dataGaps(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("data-gaps"))
                .process(() -> new DataGapAlertProcessor(serdes.dataGap().deserializer(), metrics),
                        Named.as("data-gap-alerting"), StoreNames.DATA_GAP_ALERTS, StoreNames.DATA_GAP_OPEN_ALERTS,
                        StoreNames.DATA_GAP_ALERT_HISTORY)
                .to(topics.alerts(), Produced.with(keys, serdes.alert()).withName("data-gap-alerts-sink"));

        Properties naming = new Properties();
        // Refuse to build if any internal topic or store would get a generated name that a refactor could change.
        naming.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        naming.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return builder.build(naming);
    }
}
