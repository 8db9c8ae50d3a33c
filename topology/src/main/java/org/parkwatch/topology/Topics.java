package org.parkwatch.topology;

import java.util.List;
import java.util.Map;

/**
 * The catalogue of ParkWatch topics, built once from configuration. Names follow one scheme,
 * {@code <prefix>.<content>}, with the prefix {@code park} by default.
 *
 * <p>{@code legacyEmissionsLedger} is the ledger as written before state version 8, one {@code EmissionEntry} per
 * record: no longer written and not created by setup, but where an upgraded deployment keeps what it accounted
 * before the upgrade. Readers of the ledger (reports, restatement) read it too, when it exists, before
 * {@code emissionsLedger}, which holds one {@code LedgerRecord} per accounting step.
 */
public record Topics(String meterReadings, String fuelConsumption, String wastewaterSamples, String outputReports,
                     String enterprises, String emissionFactors, String thresholdRules,
                     String emissionsLedger, String enterpriseTotals, String parkTotals,
                     String enterpriseIntensity, String parkIntensity, String alerts, String deadLetters,
                     String devices, String hj212Packets, String ledgerCorrections, String restatements,
                     String flueGasSamples, String dataGaps, String legacyEmissionsLedger) {

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + ".meter-readings", prefix + ".fuel-consumption", prefix + ".wastewater-samples",
                prefix + ".output-reports", prefix + ".enterprises", prefix + ".emission-factors",
                prefix + ".threshold-rules", prefix + ".emissions-ledger-v2", prefix + ".enterprise-totals",
                prefix + ".park-totals", prefix + ".enterprise-intensity", prefix + ".park-intensity",
                prefix + ".alerts", prefix + ".dead-letters", prefix + ".devices", prefix + ".hj212-packets",
                prefix + ".ledger-corrections", prefix + ".restatements", prefix + ".flue-gas-samples",
                prefix + ".data-gaps", prefix + ".emissions-ledger");
    }

    public static Topics defaults() {
        return withPrefix("park");
    }

    /** Activity inputs, all keyed by enterpriseId and partitioned alike so one task sees all of an enterprise. */
    public List<String> activityInputs() {
        return List.of(meterReadings, fuelConsumption, wastewaterSamples, flueGasSamples);
    }

    /** Every topic with the role it plays, which decides partitions and clean-up policy when topics are created. */
    public Map<String, TopicRole> roles() {
        return Map.ofEntries(
                Map.entry(meterReadings, TopicRole.INPUT), Map.entry(fuelConsumption, TopicRole.INPUT),
                Map.entry(wastewaterSamples, TopicRole.INPUT), Map.entry(flueGasSamples, TopicRole.INPUT),
                Map.entry(outputReports, TopicRole.INPUT),
                Map.entry(enterprises, TopicRole.REFERENCE), Map.entry(emissionFactors, TopicRole.REFERENCE),
                Map.entry(thresholdRules, TopicRole.REFERENCE),
                Map.entry(emissionsLedger, TopicRole.LEDGER),
                Map.entry(enterpriseTotals, TopicRole.LATEST_STATE), Map.entry(parkTotals, TopicRole.LATEST_STATE),
                Map.entry(enterpriseIntensity, TopicRole.LATEST_STATE), Map.entry(parkIntensity, TopicRole.LATEST_STATE),
                Map.entry(alerts, TopicRole.EVENTS), Map.entry(deadLetters, TopicRole.DEAD_LETTERS),
                // The gateway's: the devices allowed to send (reference data, keyed by MN), and every packet they
                // sent as received, kept like an input for audit and replay.
                Map.entry(devices, TopicRole.REFERENCE), Map.entry(hj212Packets, TopicRole.INPUT),
                // Restatement: the corrections the restate command writes, an input keyed and partitioned by
                // enterprise like the activity inputs (the pipeline accounts them in the same tasks); and the record
                // of each restatement, kept forever like the ledger it explains.
                Map.entry(ledgerCorrections, TopicRole.INPUT), Map.entry(restatements, TopicRole.LEDGER),
                // The gateway's judgement of periods a device sent nothing for, keyed by enterprise and partitioned
                // like the inputs; kept for a retention period, like an input.
                Map.entry(dataGaps, TopicRole.INPUT));
    }

    /** How a topic is kept. */
    public enum TopicRole {
        /** Raw events from enterprises: partitioned by enterprise, kept for a retention period. */
        INPUT,
        /** Reference data: compacted, kept forever, read whole by every instance. */
        REFERENCE,
        /** The audit ledger: kept forever (delete policy, infinite retention). */
        LEDGER,
        /** Latest value per key (a window's totals or intensity): compacted. */
        LATEST_STATE,
        /** Alerts: kept for a retention period. */
        EVENTS,
        /**
         * Dead letters: as {@link #EVENTS}, and taking records of up to {@link #DEAD_LETTER_MAX_BYTES}, since each
         * carries a whole input record (up to 1 MiB by default) with its reason around it.
         */
        DEAD_LETTERS
    }

    /**
     * The largest dead letter the dead-letter topic and the pipeline's producer accept: 4 MiB, room for an input
     * record of the broker's default 1 MiB limit (or a raised one up to nearly 4 MiB) and its envelope.
     */
    public static final int DEAD_LETTER_MAX_BYTES = 4 * 1024 * 1024;
}
