package org.parkwatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.Stack;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.cems.CemsSubstitution;
import org.parkwatch.cems.HourShares;
import org.parkwatch.ingest.Activity;
import org.parkwatch.ingest.FlueGasActivity;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.Rejection;
import org.parkwatch.ingest.Validation;
import org.parkwatch.pricing.FactorLookup;
import org.parkwatch.serde.WireFormatException;
import org.parkwatch.totals.Amounts;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.totals.GracePolicy;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;

/**
 * Where an activity record is accepted or rejected, then priced. Steps, each delegated to Kafka-free code:
 * decode, validate against the enterprise register, refuse what is later than the grace period, drop resends of an
 * event already accounted, price against the factor versions in force at the activity's time. Every refusal leaves
 * as a dead letter with its original bytes; nothing is dropped silently (resends are counted).
 */
final class ActivityAccountingProcessor implements Processor<byte[], byte[], String, AccountingOutcome> {

    /** How often the stack hours beyond the backfill horizon are dropped (wall clock). */
    static final Duration STACK_HOURS_PURGE = Duration.ofHours(1);
    private static final String FUEL_INPUT = "fuel";
    private static final String FLUE_GAS_INPUT = "flue-gas";

    private final Map<String, ActivityInput<? extends SpecificRecord>> inputsByTopic;
    private final Function<FactorLookup, ActivityPricer> pricerOverFactors;
    private ActivityPricer pricer;
    private final GracePolicy grace;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final RecordDecoding decoding;

    private ProcessorContext<String, AccountingOutcome> context;
    private PartitionPlacement placement;
    private final ReferenceChanges enterpriseChanges;
    private final ReferenceChanges factorChanges;
    private EnterpriseRegister enterprises;
    private LedgerIndex ledgerIndex;
    private KeyValueStore<String, Long> watermark;
    private KeyValueStore<String, IavReports> iavReports;
    private StackHours stackHours;
    private final WindowCalendar calendar;

    ActivityAccountingProcessor(Iterable<ActivityInput<? extends SpecificRecord>> inputs,
                                Function<FactorLookup, ActivityPricer> pricerOverFactors,
                                GracePolicy grace, WindowCalendar calendar, Clock clock, PipelineMetrics metrics,
                                ReferenceChanges enterpriseChanges, ReferenceChanges factorChanges) {
        this.calendar = calendar;
        this.enterpriseChanges = enterpriseChanges;
        this.factorChanges = factorChanges;
        this.inputsByTopic = java.util.stream.StreamSupport.stream(inputs.spliterator(), false)
                .collect(Collectors.toMap(ActivityInput::topic, Function.identity()));
        this.pricerOverFactors = pricerOverFactors;
        this.grace = grace;
        this.clock = clock;
        this.metrics = metrics;
        this.decoding = RecordDecoding.waitingOutOutages(metrics::schemaRegistryUnavailable);
    }

    @Override
    public void init(ProcessorContext<String, AccountingOutcome> context) {
        this.context = context;
        this.placement = PartitionPlacement.fromAppConfigs(context.appConfigs(), clock);
        this.enterprises = new EnterpriseRegister(context.getStateStore(StoreNames.ENTERPRISES), enterpriseChanges);
        this.ledgerIndex = new LedgerIndex(context.getStateStore(StoreNames.LEDGER_ENTRIES));
        this.watermark = context.getStateStore(StoreNames.EVENT_TIME_WATERMARK);
        this.iavReports = context.getStateStore(StoreNames.IAV_REPORTS);
        this.stackHours = new StackHours(context.getStateStore(StoreNames.STACK_HOURS));
        context.schedule(STACK_HOURS_PURGE, PunctuationType.WALL_CLOCK_TIME, now -> forgetExpiredStackHours());
        this.pricer = pricerOverFactors.apply(new FactorStoreLookup(context.getStateStore(StoreNames.EMISSION_FACTORS),
                factorChanges));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        ActivityInput<? extends SpecificRecord> input = inputsByTopic.get(source.topic());
        if (placement.isMisplaced(input.name(), source.topic(), source.partition(), record.key())) {
            metrics.unexpectedPartition(input.name());
        }
        account(input, record, source);
    }

    private <R extends SpecificRecord> void account(ActivityInput<R> input, Record<byte[], byte[]> record,
                                                    RecordMetadata source) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        R value;
        try {
            // A registry outage is not the record's fault: decoding waits, then the task rewinds (RecordDecoding).
            value = decoding.decode(input.deserializer(), source.topic(), record.value());
        } catch (RecordDecoding.SchemaRegistryOutageException e) {
            throw RecordDecoding.readAgainFromLastCommit(context.taskId(), e);
        } catch (WireFormatException e) {
            reject(input, record, source, reasonFor(e), e.getMessage(), null, key);
            return;
        }
        if (value == null) {
            reject(input, record, source, RejectReason.MALFORMED_BYTES, "empty value (tombstone) on an input topic",
                    null, key);
            return;
        }
        String eventId = ActivityInput.eventIdOf(value);
        String claimedEnterprise = ActivityInput.enterpriseIdOf(value);
        Optional<Enterprise> enterprise = enterprises.find(claimedEnterprise);
        Instant now = clock.instant();
        Validation<? extends Activity> validation = input.validator().validate(value, key, enterprise, now);
        if (validation instanceof Validation.Rejected<? extends Activity> rejected) {
            Rejection r = rejected.rejection();
            reject(input, record, source, r.reason(), r.detail(), eventId, claimedEnterprise);
            return;
        }
        Activity activity = validation.accepted().orElseThrow();
        if (activity instanceof FlueGasActivity gas && !wholeHours(gas)) {
            reject(input, record, source, RejectReason.INVALID_INTERVAL, "CEMS samples are accounted by whole clock"
                    + " hours (HJ 212 hourly 2061 or daily 2031 data), so that a measured hour replaces the fuel mass"
                    + " balance of exactly that hour: " + gas.interval().start() + " - " + gas.interval().end()
                    + " is not", eventId, claimedEnterprise);
            return;
        }
        Instant time = activity.accountingTime();
        // Lateness is judged against this input's own progress: another topic may run far ahead in a backfill.
        Instant currentWatermark = currentWatermark(input.name());
        Optional<DeadLetterReplay> replay = replayOf(record);
        boolean onTimeWhenFirstSeen = replay.map(DeadLetterReplay::skipsLateness).orElse(false);
        if (!onTimeWhenFirstSeen && grace.isTooLate(time, currentWatermark)) {
            reject(input, record, source, RejectReason.LATE_EVENT, "activity at " + time + " is older than the event-time"
                    + " watermark " + currentWatermark + " minus the backfill horizon " + grace.backfillHorizon()
                    + ": its windows are final and no longer revised", eventId, claimedEnterprise);
            return;
        }
        if (ledgerIndex.holds(activity.enterpriseId(), eventId, time)) {
            metrics.duplicate(input.name());
            return;
        }
        ActivityPricer.Result result = pricer.price(activity, enterprise.orElseThrow(), source.topic());
        if (result instanceof ActivityPricer.FactorMissing missing) {
            metrics.factorLookupFailed(missing.factorKey());
            reject(input, record, source, RejectReason.FACTOR_MISSING, missing.detail(), eventId, claimedEnterprise);
            return;
        }
        if (result instanceof ActivityPricer.OutOfRange outOfRange) {
            reject(input, record, source, RejectReason.IMPLAUSIBLE_QUANTITY, outOfRange.detail(), eventId,
                    claimedEnterprise);
            return;
        }
        var entries = ((ActivityPricer.Priced) result).entries();
        String parkId = enterprise.get().getParkId();
        boolean covered = inCoveredHour(activity.enterpriseId(), time);
        List<AccountingOutcome.Corrected> supersessions = new ArrayList<>();
        if (activity instanceof FuelActivity fuel) {
            entries = substituteForCems(fuel, enterprise.get(), entries, covered, supersessions);
        } else if (activity instanceof FlueGasActivity gas) {
            supersedeByCems(gas, parkId, entries, supersessions);
        }
        // Indexed only once accounted: a record refused for a missing factor can be replayed later.
        ledgerIndex.record(activity.enterpriseId(), time, entries);
        if (currentWatermark == null || time.isAfter(currentWatermark)) {
            watermark.put(input.name(), time.toEpochMilli());
        }
        metrics.accepted(input.name(), entries);
        replay.ifPresent(r -> metrics.replayed(input.name(), r.reason()));
        metrics.eventTime(input.name(), time.toEpochMilli());
        Amounts amounts = LedgerEntries.sum(entries);
        context.forward(new Record<>(activity.enterpriseId(),
                new AccountingOutcome.Accounted(activity.enterpriseId(), parkId, eventId, time, entries, amounts,
                        activity, enterprise.get(), covered),
                time.toEpochMilli()));
        for (AccountingOutcome.Corrected c : supersessions) {
            metrics.cemsSuperseded(c.entries().size());
            context.forward(new Record<>(c.enterpriseId(), c, c.accountingTime().toEpochMilli()));
        }
    }

    /**
     * A fuel event of a unit whose stack has a CEMS: its SO2 mass balance becomes the CEMS's substitute, split over
     * the hours of the event, and the shares of hours the CEMS already measured are taken out at once.
     */
    private List<EmissionEntry> substituteForCems(FuelActivity fuel, Enterprise enterprise,
                                                  List<EmissionEntry> entries, boolean covered,
                                                  List<AccountingOutcome.Corrected> supersessions) {
        Optional<Stack> stack = CemsSubstitution.cemsStackOf(enterprise, fuel.sourceId());
        if (stack.isEmpty()) {
            return entries;
        }
        String stackId = stack.get().getStackId();
        List<EmissionEntry> written = new ArrayList<>(entries.size());
        for (EmissionEntry line : entries) {
            if (!CemsSubstitution.isSubstitutable(line)) {
                written.add(line);
                continue;
            }
            EmissionEntry substitute = CemsSubstitution.asSubstitute(line, stackId);
            written.add(substitute);
            List<EmissionEntry> taken = stackHours.substitute(fuel.enterpriseId(), stackId, substitute,
                    HourShares.split(substitute.getAmountMg(), fuel.interval().start(), fuel.interval().end(),
                            calendar));
            if (!taken.isEmpty()) {
                supersessions.add(supersessionOf(substitute, enterprise.getParkId(), covered, taken));
            }
        }
        return written;
    }

    /** A CEMS sample with valid SO2: its hours are measured, and the substitutes waiting in them are taken out. */
    private void supersedeByCems(FlueGasActivity gas, String parkId, List<EmissionEntry> entries,
                                 List<AccountingOutcome.Corrected> supersessions) {
        if (entries.stream().noneMatch(e -> e.getPollutant() == Pollutant.SO2)) {
            return;
        }
        List<Instant> hours = new ArrayList<>();
        for (Instant t = gas.interval().start(); t.isBefore(gas.interval().end()); t = t.plus(Duration.ofHours(1))) {
            hours.add(calendar.windowOf(WindowKind.HOUR, t).start());
        }
        Map<String, List<StackHours.Superseded>> bySubstitute = new LinkedHashMap<>();
        for (StackHours.Superseded s : stackHours.measure(gas.enterpriseId(), gas.sourceId(), hours, gas.eventId())) {
            bySubstitute.computeIfAbsent(s.substitute().getEntryId(), k -> new ArrayList<>()).add(s);
        }
        for (List<StackHours.Superseded> group : bySubstitute.values()) {
            EmissionEntry substitute = group.get(0).substitute();
            // coverage as it stands now, as for the event's own activity had it arrived now: an IAV report may have
            // come since the balance was accounted, and the totals moved its hour to the covered figures then
            boolean covered = inCoveredHour(substitute.getEnterpriseId(), substitute.getIntervalEnd().minusMillis(1));
            supersessions.add(supersessionOf(substitute, parkId, covered,
                    group.stream().map(StackHours.Superseded::supersession).toList()));
        }
    }

    /** The supersessions of one substitute line, accounted at its event's time like the line they correct. */
    private static AccountingOutcome.Corrected supersessionOf(EmissionEntry substitute, String parkId,
                                                              boolean covered, List<EmissionEntry> taken) {
        return new AccountingOutcome.Corrected(substitute.getEnterpriseId(), parkId,
                taken.get(taken.size() - 1).getCorrection().getCorrectionId(),
                substitute.getIntervalEnd().minusMillis(1), taken, LedgerEntries.sum(taken), covered);
    }

    /**
     * Drops the stack hours no fuel event or CEMS sample can reach any more: older than both inputs' watermarks minus
     * the backfill horizon, beyond which each input refuses its records as late. While either input has not been
     * seen, nothing is dropped, since its first record may be of any age.
     */
    private void forgetExpiredStackHours() {
        Instant fuel = currentWatermark(FUEL_INPUT);
        Instant flueGas = currentWatermark(FLUE_GAS_INPUT);
        if (fuel == null || flueGas == null) {
            return;
        }
        Instant oldest = fuel.isBefore(flueGas) ? fuel : flueGas;
        stackHours.forgetBefore(oldest.minus(grace.backfillHorizon()).minus(Duration.ofHours(1)));
    }

    /** Whether a CEMS sample spans whole clock hours of the park's calendar. */
    private boolean wholeHours(FlueGasActivity gas) {
        Instant start = gas.interval().start();
        Instant end = gas.interval().end();
        return calendar.windowOf(WindowKind.HOUR, start).start().equals(start)
                && calendar.windowOf(WindowKind.HOUR, end).start().equals(end);
    }

    private void reject(ActivityInput<?> input, Record<byte[], byte[]> record, RecordMetadata source,
                        RejectReason reason, String detail, String eventId, String enterpriseId) {
        metrics.rejected(input.name(), reason);
        var letter = DeadLetters.of(reason, detail, source, record.timestamp(), record.key(), record.value(), eventId,
                enterpriseId, clock.instant());
        context.forward(new Record<>(enterpriseId, new AccountingOutcome.Rejected(letter), record.timestamp()));
    }

    private static Optional<DeadLetterReplay> replayOf(Record<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(DeadLetterReplay.HEADER);
        return header == null || header.value() == null ? Optional.empty()
                : DeadLetterReplay.parse(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static RejectReason reasonFor(WireFormatException e) {
        return switch (e.problem()) {
            case UNKNOWN_SCHEMA_ID -> RejectReason.UNKNOWN_SCHEMA_ID;
            case MALFORMED_BYTES -> RejectReason.MALFORMED_BYTES;
        };
    }

    /** Whether an IAV report of the enterprise covers the hour of the activity: the intensity numerator. */
    private boolean inCoveredHour(String enterpriseId, Instant time) {
        IavReports reports = iavReports.get(enterpriseId);
        return reports != null && IntensityRecords.schedule(reports, enterpriseId)
                .covers(calendar.windowOf(WindowKind.HOUR, time).start());
    }

    private Instant currentWatermark(String input) {
        Long millis = watermark.get(input);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
