package org.parkwatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapKind;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DATA_GAP alerts from the gateway's gap records: a gap opened opens an alert about its enterprise, closed it
 * resolves it; transitions go to the alert topic like every alert's, the open ones are kept where the API lists open
 * alerts, and every transition in the alert history. The last transition of each gap is kept by gapId, so a record
 * seen twice changes nothing, and a CLOSED record seen before its OPEN (or with no OPEN seen) leaves the gap
 * resolved: its OPEN, coming later, opens nothing.
 */
final class DataGapAlertProcessor implements Processor<byte[], byte[], String, Alert> {

    static final String RULE_ID = "DATA_GAP";
    static final String RULE_SOURCE = "HJ 212-2017 Appendix C (data reissue); ParkWatch gateway data-gap watch";
    /**
     * How long a resolved gap's last transition is remembered: well beyond the gap topic's retention (7 days by
     * default), so no record of the gap can still be read once it is forgotten.
     */
    static final Duration RESOLVED_KEPT = Duration.ofDays(30);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(DataGapAlertProcessor.class);

    private final Deserializer<DataGap> values;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> byGap;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, Alert> history;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Enterprise>> enterprises;

    DataGapAlertProcessor(Deserializer<DataGap> values, PipelineMetrics metrics) {
        this.values = values;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.byGap = context.getStateStore(StoreNames.DATA_GAP_ALERTS);
        this.openAlerts = context.getStateStore(StoreNames.DATA_GAP_OPEN_ALERTS);
        this.history = context.getStateStore(StoreNames.DATA_GAP_ALERT_HISTORY);
        this.enterprises = context.getStateStore(StoreNames.ENTERPRISES);
        context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> forgetResolved(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        DataGap gap;
        try {
            gap = values.deserialize(context.recordMetadata().map(m -> m.topic()).orElse(""), record.value());
        } catch (RuntimeException e) {
            // The gateway writes these records; one it cannot have written is skipped, not a reason to stop.
            log.warn("Skipping an undecodable data-gap record: {}", e.getMessage());
            return;
        }
        Alert last = byGap.get(gap.getGapId());
        if (gap.getState() == DataGapState.OPEN) {
            if (last == null) {
                emit(gap, alert(gap, AlertState.OPEN, gap.getDetectedAt()));
            }
            return; // open already, or resolved already (its CLOSED came first)
        }
        if (last == null) {
            // CLOSED before any OPEN: remembered as resolved, so its OPEN opens nothing; nothing was open to resolve.
            byGap.put(gap.getGapId(), alert(gap, AlertState.RESOLVED, gap.getChangedAt()));
        } else if (last.getState() != AlertState.RESOLVED) {
            emit(gap, alert(gap, AlertState.RESOLVED, gap.getChangedAt()));
        }
    }

    private void emit(DataGap gap, Alert alert) {
        byGap.put(gap.getGapId(), alert);
        history.put(AlertProcessor.FIXED.format(alert.getTransitionAt()) + "|" + alert.getAlertId() + "|"
                + alert.getState().ordinal(), alert);
        if (alert.getState() == AlertState.RESOLVED) {
            openAlerts.delete(alert.getAlertId());
        } else {
            openAlerts.put(alert.getAlertId(), alert);
        }
        metrics.alert(alert.getSeverity(), alert.getState());
        context.forward(new Record<>(alert.getAlertId(), alert, alert.getTransitionAt().toEpochMilli()));
    }

    /** The alert of a gap, at one of its transitions. */
    private Alert alert(DataGap gap, AlertState state, Instant at) {
        ValueAndTimestamp<Enterprise> enterprise = enterprises.get(gap.getEnterpriseId());
        String parkId = enterprise == null || enterprise.value() == null ? "" : enterprise.value().getParkId();
        double hours = Duration.between(gap.getPeriodStart(), gap.getPeriodEnd()).toMillis() / 3_600_000.0;
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("gapId", gap.getGapId());
        evidence.put("mn", gap.getMn());
        evidence.put("kind", gap.getKind().name());
        evidence.put("periodStart", gap.getPeriodStart().toString());
        evidence.put("periodEnd", gap.getPeriodEnd().toString());
        evidence.put("enterpriseId", gap.getEnterpriseId());
        if (gap.getOutletId() != null) {
            evidence.put("outletId", gap.getOutletId());
        }
        if (gap.getStackId() != null) {
            evidence.put("stackId", gap.getStackId());
        }
        evidence.put("reissueRequests", String.valueOf(gap.getReissueRequests()));
        if (gap.getClosedBy() != null) {
            evidence.put("closedBy", gap.getClosedBy().name());
        }
        evidence.put("ruleSource", RULE_SOURCE);
        return Alert.newBuilder()
                .setAlertId(RULE_ID + "|" + gap.getGapId()).setRuleId(RULE_ID).setRuleVersion(1)
                .setSubjectType(SubjectType.ENTERPRISE).setSubjectId(gap.getEnterpriseId()).setParkId(parkId)
                .setMetric(gap.getKind() == DataGapKind.SILENT ? "device.silence.hours" : "device.missing.hours")
                .setWindow(gap.getKind() == DataGapKind.MISSING_HOURLY ? WindowKind.HOUR : WindowKind.SAMPLE)
                .setWindowStart(gap.getPeriodStart()).setWindowEnd(gap.getPeriodEnd())
                .setSeverity(AlertSeverity.WARNING).setState(state)
                .setValue(hours).setWarningLevel(null).setLimit(0).setClearLevel(0).setUnit("h")
                .setOpenedAt(gap.getDetectedAt()).setTransitionAt(at)
                .setMessage(message(gap, state))
                .setEvidence(evidence)
                .setCause("VALUE")
                .build();
    }

    private static String message(DataGap gap, AlertState state) {
        String where = gap.getOutletId() != null ? " at outlet " + gap.getOutletId()
                : gap.getStackId() != null ? " at stack " + gap.getStackId() : "";
        String what = gap.getKind() == DataGapKind.SILENT
                ? "Device " + gap.getMn() + where + " of " + gap.getEnterpriseId() + " sent nothing from "
                        + gap.getPeriodStart() + " to " + gap.getPeriodEnd()
                : "Device " + gap.getMn() + where + " of " + gap.getEnterpriseId() + " sent no hourly data for "
                        + gap.getPeriodStart() + " to " + gap.getPeriodEnd();
        if (state != AlertState.RESOLVED) {
            return what + (gap.getKind() == DataGapKind.MISSING_HOURLY
                    ? "; the gateway asks the device to send the hour again" : "");
        }
        return what + "; resolved: " + (gap.getClosedBy() == null ? "closed"
                : gap.getClosedBy() == org.parkwatch.avro.DataGapClosure.REISSUED ? "the device sent it again when asked"
                : "the data arrived");
    }

    /** Forgets resolved gaps older than {@link #RESOLVED_KEPT} (wall clock). */
    private void forgetResolved(Instant now) {
        Instant cutoff = now.minus(RESOLVED_KEPT);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = byGap.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getState() == AlertState.RESOLVED && kv.value.getTransitionAt().isBefore(cutoff)) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(byGap::delete);
    }
}
