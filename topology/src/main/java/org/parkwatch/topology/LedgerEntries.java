package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.List;

import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionMethod;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.ingest.Activity;
import org.parkwatch.ingest.FlueGasActivity;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.WastewaterActivity;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.pricing.PricedEmission;
import org.parkwatch.totals.Amounts;

/** Writes priced emissions as ledger entries, and sums ledger entries into exact amounts. */
public final class LedgerEntries {

    private LedgerEntries() {
    }

    static List<EmissionEntry> of(Activity activity, Enterprise enterprise, String inputTopic,
                                  List<PricedEmission> priced) {
        return of(activity, enterprise.getParkId(), inputTopic, priced);
    }

    /** The ledger entries of an activity of an enterprise of park {@code parkId}, priced as {@code priced}. */
    public static List<EmissionEntry> of(Activity activity, String parkId, String inputTopic,
                                         List<PricedEmission> priced) {
        List<EmissionEntry> entries = new ArrayList<>(priced.size());
        for (PricedEmission p : priced) {
            entries.add(EmissionEntry.newBuilder()
                    .setEntryId(activity.eventId() + ":" + p.pollutant() + ":" + p.scope())
                    .setEventId(activity.eventId())
                    .setInputTopic(inputTopic)
                    .setEnterpriseId(activity.enterpriseId())
                    .setParkId(parkId)
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
                    .setMethod(methodOf(activity, p.pollutant()))
                    .build());
        }
        return entries;
    }

    /** How an activity's amount of {@code pollutant} is found, for the ledger's readers. */
    static EmissionMethod methodOf(Activity activity, Pollutant pollutant) {
        if (activity instanceof FlueGasActivity) {
            return EmissionMethod.CEMS;
        }
        if (activity instanceof WastewaterActivity) {
            return EmissionMethod.MONITORING;
        }
        return activity instanceof FuelActivity && pollutant == Pollutant.SO2
                ? EmissionMethod.MASS_BALANCE : EmissionMethod.CALCULATION;
    }

    public static FactorRef ref(FactorVersion f) {
        return FactorRef.newBuilder()
                .setFactorKey(f.factorKey())
                .setValidFrom(f.validFrom())
                .setValue(f.value())
                .setUnit(f.unit())
                .setParameters(new java.util.HashMap<>(f.parameters()))
                .setSource(f.source())
                .build();
    }

    /**
     * The exact sum of entries, each added to the total of its pollutant and scope. A reversing entry (a
     * restatement's) carries its amount negated and counts -1, estimated included: it cancels the entry it reverses,
     * so a window's counts stay those of the entries in force, as a fresh replay with the new factor would give.
     */
    public static Amounts sum(List<EmissionEntry> entries) {
        Amounts total = Amounts.ZERO;
        for (EmissionEntry e : entries) {
            long mg = e.getAmountMg();
            // A CEMS supersession takes an hour's share out of a mass-balance line that stays in force for the
            // other hours: it moves the amount, not the number of entries.
            long n = isReversal(e) ? -1 : isCemsSupersession(e) ? 0 : 1;
            long estimated = e.getEstimated() ? n : 0;
            Amounts one = switch (e.getPollutant()) {
                case CO2 -> switch (e.getScope()) {
                    case SCOPE1 -> new Amounts(mg, 0, 0, 0, 0, 0, 0, n, estimated);
                    case SCOPE2_LOCATION -> new Amounts(0, mg, 0, 0, 0, 0, 0, n, estimated);
                    case SCOPE2_MARKET -> new Amounts(0, 0, mg, 0, 0, 0, 0, n, estimated);
                    case NONE -> throw new IllegalArgumentException("CO2 entry without scope: " + e.getEntryId());
                };
                case SO2 -> new Amounts(0, 0, 0, mg, 0, 0, 0, n, estimated);
                case COD -> new Amounts(0, 0, 0, 0, mg, 0, 0, n, estimated);
                case NH3_N -> new Amounts(0, 0, 0, 0, 0, mg, 0, n, estimated);
                case ENERGY -> new Amounts(0, 0, 0, 0, 0, 0, mg, n, estimated);
                case NOX -> Amounts.stackMeasured(mg, 0, n, estimated);
                case PARTICULATE -> Amounts.stackMeasured(0, mg, n, estimated);
                case UNKNOWN -> throw new IllegalArgumentException("entry of unknown pollutant: " + e.getEntryId());
            };
            total = total.plus(one);
        }
        return total;
    }

    public static boolean isCemsSupersession(EmissionEntry e) {
        return e.getCorrection() != null && e.getCorrection().getKind() == CorrectionKind.CEMS_SUPERSEDED;
    }

    public static boolean isReversal(EmissionEntry e) {
        return e.getCorrection() != null && e.getCorrection().getKind() == CorrectionKind.REVERSAL;
    }

    static ActivityAmounts amountsOf(AccountingOutcome.Accounted a) {
        return new ActivityAmounts(a.eventId(), a.enterpriseId(), a.parkId(), a.accountingTime(),
                TotalsRecords.toAvro(a.amounts()), a.lastEntryId(), a.inCoveredHour(),
                a.entries().stream().flatMap(e -> e.getFactors().stream())
                        .map(f -> FactorRecordKey.of(f.getFactorKey(), f.getValidFrom())).distinct().sorted().toList(),
                null);
    }

    /**
     * The amounts a correction (a restatement's, or a CEMS taking hours out of a mass balance) moves its event's
     * windows by, labelled so revisions say why.
     */
    static ActivityAmounts amountsOf(AccountingOutcome.Corrected c) {
        List<EmissionEntry> entries = c.entries();
        ActivityAmounts amounts = new ActivityAmounts(c.correctionId(), c.enterpriseId(), c.parkId(),
                c.accountingTime(), TotalsRecords.toAvro(c.amounts()), entries.get(entries.size() - 1).getEntryId(),
                c.inCoveredHour(), entries.stream().filter(e -> !isReversal(e)).flatMap(e -> e.getFactors().stream())
                        .map(f -> FactorRecordKey.of(f.getFactorKey(), f.getValidFrom())).distinct().sorted().toList(),
                entries.stream().allMatch(LedgerEntries::isCemsSupersession)
                        ? Revisions.CEMS_SUPERSESSION : Revisions.RESTATEMENT);
        return amounts;
    }
}
