package org.parkwatch.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.intensity.IavReport;
import org.parkwatch.serde.WireFormatException;

/**
 * Where an industrial added value report comes in: decoded and checked (known enterprise, key, a period that ends
 * after it starts, a finite non-negative value), then passed to the totals for the intensity denominators. Refused
 * reports become dead letters like any other input.
 */
final class IavReportProcessor implements Processor<byte[], byte[], String, AccountingOutcome> {

    private final Deserializer<OutputReport> deserializer;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final RecordDecoding decoding;
    private ProcessorContext<String, AccountingOutcome> context;
    private PartitionPlacement placement;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterprises;

    IavReportProcessor(Deserializer<OutputReport> deserializer, Clock clock, PipelineMetrics metrics) {
        this.deserializer = deserializer;
        this.clock = clock;
        this.metrics = metrics;
        this.decoding = RecordDecoding.waitingOutOutages(metrics::schemaRegistryUnavailable);
    }

    @Override
    public void init(ProcessorContext<String, AccountingOutcome> context) {
        this.context = context;
        this.placement = PartitionPlacement.fromAppConfigs(context.appConfigs(), clock);
        this.enterprises = context.getStateStore(StoreNames.ENTERPRISES);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (placement.isMisplaced("output-report", source.topic(), source.partition(), record.key())) {
            metrics.unexpectedPartition("output-report");
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        OutputReport report;
        try {
            // A registry outage is not the record's fault: decoding waits, then the task rewinds (RecordDecoding).
            report = decoding.decode(deserializer, source.topic(), record.value());
        } catch (RecordDecoding.SchemaRegistryOutageException e) {
            throw RecordDecoding.readAgainFromLastCommit(context.taskId(), e);
        } catch (WireFormatException e) {
            reject(record, source, e.problem() == WireFormatException.Problem.UNKNOWN_SCHEMA_ID
                    ? RejectReason.UNKNOWN_SCHEMA_ID : RejectReason.MALFORMED_BYTES, e.getMessage(), null, key);
            return;
        }
        if (report == null || report.getEventId() == null || report.getEventId().isBlank()
                || report.getEnterpriseId() == null || report.getEnterpriseId().isBlank()) {
            reject(record, source, RejectReason.MISSING_FIELD, "an output report needs eventId and enterpriseId",
                    report == null ? null : report.getEventId(), key);
            return;
        }
        if (!report.getEnterpriseId().equals(key)) {
            reject(record, source, RejectReason.KEY_MISMATCH, "key " + key + " but enterpriseId "
                    + report.getEnterpriseId(), report.getEventId(), report.getEnterpriseId());
            return;
        }
        ValueAndTimestamp<Enterprise> enterprise = enterprises.get(report.getEnterpriseId());
        if (enterprise == null || enterprise.value() == null || !enterprise.value().getActive()) {
            reject(record, source, RejectReason.UNKNOWN_ENTERPRISE, "no active enterprise " + report.getEnterpriseId(),
                    report.getEventId(), report.getEnterpriseId());
            return;
        }
        var problem = IavReport.rejectionReason(report);
        if (problem.isPresent()) {
            RejectReason reason = report.getPeriodEnd().isAfter(report.getPeriodStart())
                    ? (Double.isFinite(report.getAddedValue()) ? RejectReason.NEGATIVE_QUANTITY
                            : RejectReason.NON_FINITE_QUANTITY)
                    : RejectReason.INVALID_INTERVAL;
            reject(record, source, reason, problem.get(), report.getEventId(), report.getEnterpriseId());
            return;
        }
        IavReport accepted = IavReport.from(report);
        metrics.acceptedReport();
        context.forward(new Record<>(report.getEnterpriseId(), new AccountingOutcome.IavReported(
                report.getEnterpriseId(), enterprise.value().getParkId(), IntensityRecords.state(accepted)),
                record.timestamp()));
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source, RejectReason reason, String detail,
                        String eventId, String enterpriseId) {
        metrics.rejected("output-report", reason);
        context.forward(new Record<>(enterpriseId, new AccountingOutcome.Rejected(DeadLetters.of(reason, detail,
                source, record.timestamp(), record.key(), record.value(), eventId, enterpriseId, clock.instant())),
                record.timestamp()));
    }
}
