package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.List;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.ingest.Activity;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.pricing.PricedEmission;
import org.parkwatch.totals.Amounts;

/** Writes priced emissions as ledger entries, and sums ledger entries into exact amounts. */
final class LedgerEntries {

    private LedgerEntries() {
    }

    static List<EmissionEntry> of(Activity activity, Enterprise enterprise, String inputTopic,
                                  List<PricedEmission> priced) {
        List<EmissionEntry> entries = new ArrayList<>(priced.size());
        for (PricedEmission p : priced) {
            entries.add(EmissionEntry.newBuilder()
                    .setEntryId(activity.eventId() + ":" + p.pollutant() + ":" + p.scope())
                    .setEventId(activity.eventId())
                    .setInputTopic(inputTopic)
                    .setEnterpriseId(activity.enterpriseId())
                    .setParkId(enterprise.getParkId())
                    .setSourceId(activity.sourceId())
                    .setPollutant(p.pollutant())
                    .setScope(p.scope())
                    .setAmountMg(p.amountMg())
                    .setAmount(p.displayAmount())
                    .setDisplayUnit(p.displayUnit())
                    .setActivityQuantity(activity.quantity())
                    .setActivityUnit(activity.unit().symbol())
                    .setIntervalStart(activity.interval().start())
                    .setIntervalEnd(activity.interval().end())
                    .setFormula(p.formula())
                    .setInputs(new java.util.LinkedHashMap<>(p.inputs()))
                    .setFactors(p.factorsUsed().stream().map(LedgerEntries::ref).toList())
                    .setEstimated(p.estimated())
                    .setEstimationReason(p.estimationReason())
                    .build());
        }
        return entries;
    }

    static FactorRef ref(FactorVersion f) {
        return FactorRef.newBuilder()
                .setFactorKey(f.factorKey())
                .setValidFrom(f.validFrom())
                .setValue(f.value())
                .setUnit(f.unit())
                .setParameters(new java.util.HashMap<>(f.parameters()))
                .setSource(f.source())
                .build();
    }

    /** The exact sum of entries, each added to the total of its pollutant and scope. */
    static Amounts sum(List<EmissionEntry> entries) {
        Amounts total = Amounts.ZERO;
        for (EmissionEntry e : entries) {
            long mg = e.getAmountMg();
            long estimated = e.getEstimated() ? 1 : 0;
            Amounts one = switch (e.getPollutant()) {
                case CO2 -> switch (e.getScope()) {
                    case SCOPE1 -> new Amounts(mg, 0, 0, 0, 0, 0, 0, 1, estimated);
                    case SCOPE2_LOCATION -> new Amounts(0, mg, 0, 0, 0, 0, 0, 1, estimated);
                    case SCOPE2_MARKET -> new Amounts(0, 0, mg, 0, 0, 0, 0, 1, estimated);
                    case NONE -> throw new IllegalArgumentException("CO2 entry without scope: " + e.getEntryId());
                };
                case SO2 -> new Amounts(0, 0, 0, mg, 0, 0, 0, 1, estimated);
                case COD -> new Amounts(0, 0, 0, 0, mg, 0, 0, 1, estimated);
                case NH3_N -> new Amounts(0, 0, 0, 0, 0, mg, 0, 1, estimated);
                case ENERGY -> new Amounts(0, 0, 0, 0, 0, 0, mg, 1, estimated);
                case UNKNOWN -> throw new IllegalArgumentException("entry of unknown pollutant: " + e.getEntryId());
            };
            total = total.plus(one);
        }
        return total;
    }

    static ActivityAmounts amountsOf(AccountingOutcome.Accounted a) {
        return new ActivityAmounts(a.eventId(), a.enterpriseId(), a.parkId(), a.accountingTime(),
                TotalsRecords.toAvro(a.amounts()), a.lastEntryId(), a.inCoveredHour(),
                a.entries().stream().flatMap(e -> e.getFactors().stream())
                        .map(f -> FactorRecordKey.of(f.getFactorKey(), f.getValidFrom())).distinct().sorted().toList());
    }
}
