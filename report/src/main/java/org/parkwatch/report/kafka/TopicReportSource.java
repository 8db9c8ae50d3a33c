package org.parkwatch.report.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerRecord;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.report.ReportInputs;
import org.parkwatch.report.ReportPeriod;
import org.parkwatch.report.ReportSource;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.Topics;

/**
 * Reads a report's inputs off the topics. The ledger, alert and totals topics are read from the first record appended
 * at or after the period's start: a record about the period cannot have been appended before the period began (an
 * activity is accounted after it ends), which spares reading years of ledger for a month. The reference topics
 * (enterprises, factors, rules), the output reports and the restatement records are read whole, the latest value
 * of each key kept. A restatement record is written when it is made, years after the activity it restates, so it
 * cannot be sought by the period's start; the topic holds one small record per restatement.
 */
public final class TopicReportSource implements ReportSource {

    private final Map<String, Object> clientProperties;
    private final Duration timeout;
    private final SchemaRegistryClient registry;
    private final Topics topics;
    private final Clock clock;

    /**
     * @param clientProperties Kafka client properties (bootstrap servers, security)
     * @param timeout          how long reading any one topic to its end may take
     */
    public TopicReportSource(Map<String, Object> clientProperties, SchemaRegistryClient registry, Topics topics,
                             Clock clock, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
        this.registry = registry;
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public ReportInputs inputsFor(String parkId, ReportPeriod period) {
        try (TopicScan scan = new TopicScan(clientProperties, timeout)) {
            return inputsFor(scan, parkId, period);
        }
    }

    private ReportInputs inputsFor(TopicScan scan, String parkId, ReportPeriod period) {
        Instant generatedAt = clock.instant();
        Optional<Instant> fromPeriod = Optional.of(period.start());
        List<EmissionEntry> ledger = new ArrayList<>();
        // what a deployment accounted before state version 8, one entry per record, when it has such a past
        scan.readIfExists(topics.legacyEmissionsLedger(), fromPeriod, reader(EmissionEntry.class), (k, v) -> {
            if (v != null && v.getParkId().equals(parkId)) {
                ledger.add(v);
            }
        });
        scan.read(topics.emissionsLedger(), fromPeriod, reader(LedgerRecord.class), (k, v) -> {
            if (v != null && v.getParkId().equals(parkId)) {
                ledger.addAll(v.getEntries());
            }
        });
        List<Alert> alerts = new ArrayList<>();
        scan.read(topics.alerts(), fromPeriod, reader(Alert.class), (k, v) -> {
            if (v != null && v.getParkId().equals(parkId)) {
                alerts.add(v);
            }
        });
        List<EmissionTotals> totals = new ArrayList<>();
        for (String topic : List.of(topics.parkTotals(), topics.enterpriseTotals())) {
            scan.read(topic, fromPeriod, reader(EmissionTotals.class), (k, v) -> {
                if (v != null && v.getClosed() && v.getParkId().equals(parkId)) {
                    totals.add(v);
                }
            });
        }
        return new ReportInputs(parkId, period, ledger, alerts,
                latest(scan, topics.emissionFactors(), EmissionFactor.class),
                latest(scan, topics.enterprises(), Enterprise.class),
                all(scan, topics.outputReports(), OutputReport.class),
                latest(scan, topics.thresholdRules(), ThresholdRule.class), totals,
                latest(scan, topics.restatements(), Restatement.class).stream()
                        .filter(r -> r.getPeriods().stream().anyMatch(p -> p.getParkId().equals(parkId))).toList(),
                generatedAt);
    }

    private <T extends SpecificRecord> SpecificAvroDeserializer<T> reader(Class<T> type) {
        return new SpecificAvroDeserializer<>(registry, type);
    }

    private <T extends SpecificRecord> List<T> latest(TopicScan scan, String topic, Class<T> type) {
        Map<String, T> latest = new LinkedHashMap<>();
        scan.read(topic, Optional.empty(), reader(type), (k, v) -> {
            if (v == null) {
                latest.remove(k);
            } else {
                latest.put(k, v);
            }
        });
        return List.copyOf(latest.values());
    }

    private <T extends SpecificRecord> List<T> all(TopicScan scan, String topic, Class<T> type) {
        List<T> all = new ArrayList<>();
        scan.read(topic, Optional.empty(), reader(type), (k, v) -> {
            if (v != null) {
                all.add(v);
            }
        });
        return all;
    }
}
