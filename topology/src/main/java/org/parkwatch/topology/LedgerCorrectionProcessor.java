package org.parkwatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.serde.WireFormatException;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;

/**
 * Where a restatement's correction of an accounted event comes in (topic park.ledger-corrections, written by the
 * restate command). Checked, then accounted once: its reversing and restated entries go to the ledger and its
 * amounts to the windows of the event's time, open or closed, whatever the backfill horizon (a restatement is an
 * explicit operation on figures already signed, and its record says so). A correction seen again, from a second run
 * of the command before the first was accounted, is dropped by its correctionId.
 */
final class LedgerCorrectionProcessor implements Processor<byte[], byte[], String, AccountingOutcome> {

    static final String INPUT = "ledger-correction";

    private final Deserializer<LedgerCorrection> deserializer;
    private final WindowCalendar calendar;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final RecordDecoding decoding;
    private ProcessorContext<String, AccountingOutcome> context;
    private KeyValueStore<String, String> applied;
    private KeyValueStore<String, IavReports> iavReports;
    private LedgerIndex ledgerIndex;

    LedgerCorrectionProcessor(Deserializer<LedgerCorrection> deserializer, WindowCalendar calendar, Clock clock,
                              PipelineMetrics metrics) {
        this.deserializer = deserializer;
        this.calendar = calendar;
        this.clock = clock;
        this.metrics = metrics;
        this.decoding = RecordDecoding.waitingOutOutages(metrics::schemaRegistryUnavailable);
    }

    @Override
    public void init(ProcessorContext<String, AccountingOutcome> context) {
        this.context = context;
        this.applied = context.getStateStore(StoreNames.APPLIED_CORRECTIONS);
        this.iavReports = context.getStateStore(StoreNames.IAV_REPORTS);
        this.ledgerIndex = new LedgerIndex(context.getStateStore(StoreNames.LEDGER_ENTRIES));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        LedgerCorrection correction;
        try {
            correction = decoding.decode(deserializer, source.topic(), record.value());
        } catch (RecordDecoding.SchemaRegistryOutageException e) {
            throw RecordDecoding.readAgainFromLastCommit(context.taskId(), e);
        } catch (WireFormatException e) {
            reject(record, source, e.problem() == WireFormatException.Problem.UNKNOWN_SCHEMA_ID
                    ? RejectReason.UNKNOWN_SCHEMA_ID : RejectReason.MALFORMED_BYTES, e.getMessage(), null, key);
            return;
        }
        if (correction == null) {
            reject(record, source, RejectReason.MALFORMED_BYTES, "empty value (tombstone) on the corrections topic",
                    null, key);
            return;
        }
        String problem = problemOf(correction, key);
        if (problem != null) {
            reject(record, source, problem.startsWith("key") ? RejectReason.KEY_MISMATCH
                    : RejectReason.INVALID_CORRECTION, problem, correction.getEventId(), correction.getEnterpriseId());
            return;
        }
        if (applied.get(correction.getCorrectionId()) != null) {
            metrics.duplicate(INPUT);
            return;
        }
        applied.put(correction.getCorrectionId(), correction.getRestatementId());
        List<EmissionEntry> entries = correction.getEntries();
        // the audit trail behind a figure shows the event's corrections next to its first pricing
        ledgerIndex.record(correction.getEnterpriseId(), correction.getActivityTime(), entries);
        metrics.accepted(INPUT, entries);
        context.forward(new Record<>(correction.getEnterpriseId(), new AccountingOutcome.Corrected(
                correction.getEnterpriseId(), correction.getParkId(), correction.getCorrectionId(),
                correction.getActivityTime(), entries, LedgerEntries.sum(entries),
                inCoveredHour(correction.getEnterpriseId(), correction)), correction.getActivityTime().toEpochMilli()));
    }

    /** What makes a correction unusable, or null: it must be one event's, and every entry must say what it corrects. */
    private static String problemOf(LedgerCorrection c, String key) {
        if (!c.getEnterpriseId().equals(key)) {
            return "key " + key + " is not the correction's enterprise " + c.getEnterpriseId();
        }
        if (c.getEntries().isEmpty()) {
            return "correction " + c.getCorrectionId() + " has no entries";
        }
        for (EmissionEntry e : c.getEntries()) {
            if (e.getCorrection() == null || !c.getCorrectionId().equals(e.getCorrection().getCorrectionId())) {
                return "entry " + e.getEntryId() + " does not name correction " + c.getCorrectionId();
            }
            if (!e.getEventId().equals(c.getEventId()) || !e.getEnterpriseId().equals(c.getEnterpriseId())) {
                return "entry " + e.getEntryId() + " is not of event " + c.getEventId() + " of " + c.getEnterpriseId();
            }
            boolean reversal = e.getCorrection().getKind() == CorrectionKind.REVERSAL;
            if (reversal ? e.getAmountMg() > 0 : e.getAmountMg() < 0) {
                return "entry " + e.getEntryId() + (reversal ? " reverses with a positive amount"
                        : " restates with a negative amount");
            }
        }
        return null;
    }

    private boolean inCoveredHour(String enterpriseId, LedgerCorrection c) {
        IavReports reports = iavReports.get(enterpriseId);
        return reports != null && IntensityRecords.schedule(reports, enterpriseId)
                .covers(calendar.windowOf(WindowKind.HOUR, c.getActivityTime()).start());
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source, RejectReason reason, String detail,
                        String eventId, String enterpriseId) {
        metrics.rejected(INPUT, reason);
        var letter = DeadLetters.of(reason, detail, source, record.timestamp(), record.key(), record.value(), eventId,
                enterpriseId, clock.instant());
        context.forward(new Record<>(enterpriseId, new AccountingOutcome.Rejected(letter), record.timestamp()));
    }
}
