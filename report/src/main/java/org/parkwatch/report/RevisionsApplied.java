package org.parkwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.EntryCorrection;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.RestatedPeriod;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.Totals;
import org.parkwatch.report.PeriodReport.RevisionLine;

/**
 * The revisions and restatements that moved a period's figures, each line citing what it comes from.
 *
 * <ul>
 *   <li>{@link #CLOSED_WINDOW_REPUBLISHED}: a closed window of the park or one of its enterprises published more than
 *   once on a totals topic (a late IAV report, a backfill revision or a restatement republishes a closed window).
 *   The revision number and reason of {@code EmissionTotals} are read by field name ({@link #REVISION_FIELD},
 *   {@link #REVISION_REASON_FIELD}), so records written before they existed still read.</li>
 *   <li>{@link #RESTATEMENT}: a record of the restatements topic that moved a month of the period for the park or
 *   one of its enterprises: its factor, the versions now in force with their sources, who asked and when, the
 *   events and entries restated; then one {@link #RESTATED_MONTH} line per park or enterprise month of the period it
 *   moved, with the totals before and after as the record gives them (summed from the ledger when it was written).
 *   </li>
 *   <li>{@link #REVERSING_ENTRY} and {@link #RESTATED_ENTRY}: the ledger entries of the period a restatement
 *   appended, each with the entry it reverses or replaces and its restatement, from the entry's {@code correction}.
 *   A negative entry with no correction is listed as reversing too. The figures already include both kinds, since
 *   they sum every entry: a reversed line and its reversal cancel to the milligram.</li>
 *   <li>{@link #CEMS_SUPERSEDED_ENTRY}: an hour's share of a fuel SO2 mass balance taken out because the stack's
 *   CEMS measured that hour, with the balance it takes it from and the CEMS sample that measured it.</li>
 * </ul>
 */
public final class RevisionsApplied {

    public static final String CLOSED_WINDOW_REPUBLISHED = "CLOSED_WINDOW_REPUBLISHED";
    public static final String RESTATEMENT = "RESTATEMENT";
    public static final String RESTATED_MONTH = "RESTATED_MONTH";
    public static final String REVERSING_ENTRY = "REVERSING_ENTRY";
    public static final String RESTATED_ENTRY = "RESTATED_ENTRY";
    public static final String CEMS_SUPERSEDED_ENTRY = "CEMS_SUPERSEDED_ENTRY";

    static final String REVISION_FIELD = "revision";
    static final String REVISION_REASON_FIELD = "revisionReason";

    private RevisionsApplied() {
    }

    /**
     * The revision lines of a park's period.
     *
     * @param windowTotals totals records of the park and its enterprises whose windows lie in the period, topic order
     * @param entries      the period's ledger entries of the park
     * @param restatements the restatement records that moved a month of the period for the park or its enterprises
     */
    static List<RevisionLine> derive(List<EmissionTotals> windowTotals, List<EmissionEntry> entries,
                                     List<Restatement> restatements, String parkId, ReportPeriod period) {
        List<RevisionLine> lines = new ArrayList<>(republished(windowTotals));
        for (Restatement r : restatements) {
            lines.addAll(restatement(r, entries, parkId, period));
        }
        for (EmissionEntry e : entries) {
            EntryCorrection c = e.getCorrection();
            if (c != null && c.getKind() == CorrectionKind.CEMS_SUPERSEDED) {
                lines.add(entryLine(CEMS_SUPERSEDED_ENTRY, e, "takes an hour out of " + c.getCorrectsEntryId()
                        + ", measured by " + c.getRestatementId()));
            } else if (c != null && c.getKind() == CorrectionKind.REVERSAL || c == null && e.getAmountMg() < 0) {
                lines.add(entryLine(REVERSING_ENTRY, e, c == null ? "" : "reverses " + c.getCorrectsEntryId()));
            } else if (c != null && c.getKind() == CorrectionKind.RESTATED) {
                lines.add(entryLine(RESTATED_ENTRY, e, "replaces " + c.getCorrectsEntryId()));
            }
        }
        return lines;
    }

    /** Whether a restatement record moved a month of the period for the park or one of its enterprises. */
    static boolean moved(Restatement r, String parkId, ReportPeriod period) {
        return r.getPeriods().stream().anyMatch(p -> inScope(p, parkId, period));
    }

    private static boolean inScope(RestatedPeriod p, String parkId, ReportPeriod period) {
        return p.getParkId().equals(parkId) && period.contains(p.getWindowStart());
    }

    private static List<RevisionLine> republished(List<EmissionTotals> windowTotals) {
        List<RevisionLine> lines = new ArrayList<>();
        Map<String, List<EmissionTotals>> closedByWindow = new LinkedHashMap<>();
        for (EmissionTotals t : windowTotals) {
            if (t.getClosed()) {
                closedByWindow.computeIfAbsent(t.getSubjectType() + ":" + t.getSubjectId() + ":" + t.getWindow()
                        + ":" + t.getWindowStart().toEpochMilli(), k -> new ArrayList<>()).add(t);
            }
        }
        for (List<EmissionTotals> records : closedByWindow.values()) {
            if (records.size() < 2) {
                continue;
            }
            EmissionTotals first = records.get(0);
            EmissionTotals last = records.get(records.size() - 1);
            String detail = "closed record published " + records.size() + " times; CO2 scope 1+2 location "
                    + co2(first) + " -> " + co2(last) + " mg, entries " + first.getTotals().getEntryCount() + " -> "
                    + last.getTotals().getEntryCount()
                    + field(last, REVISION_FIELD).map(r -> "; revision " + r).orElse("")
                    + field(last, REVISION_REASON_FIELD).map(r -> " (" + r + ")").orElse("");
            List<String> ids = last.getLastEntryId() == null ? List.of() : List.of(last.getLastEntryId());
            lines.add(new RevisionLine(CLOSED_WINDOW_REPUBLISHED, first.getSubjectType() + ":" + first.getSubjectId(),
                    first.getWindow().name(), first.getWindowStart(), "", detail, ids));
        }
        return lines;
    }

    /** The record's line, then one line per park or enterprise month of the period it moved. */
    private static List<RevisionLine> restatement(Restatement r, List<EmissionEntry> entries, String parkId,
                                                  ReportPeriod period) {
        String id = r.getRestatementId();
        List<EmissionEntry> own = entries.stream()
                .filter(e -> e.getCorrection() != null && e.getCorrection().getRestatementId().equals(id)).toList();
        List<RevisionLine> lines = new ArrayList<>();
        String detail = "factor " + r.getFactorKey() + "; versions now in force: "
                + r.getVersionsInForce().stream().map(RevisionsApplied::version).collect(Collectors.joining("; "))
                + "; activity " + (r.getFrom() == null ? "from the start of the ledger" : "from " + r.getFrom())
                + (r.getTo() == null ? " to the end of the ledger as read" : " to " + r.getTo() + " (excluded)")
                + "; asked by " + r.getRequestedBy() + " at " + r.getRequestedAt() + "; " + r.getEventsRestated()
                + " events and " + r.getEntriesRestated() + " entries restated in all; " + own.size()
                + " reversing and restated entries of it in this period";
        // the entries are cited once each, by their own lines and by the enterprise month they moved
        lines.add(new RevisionLine(RESTATEMENT, "PARK:" + parkId, "", r.getRequestedAt(), id, detail, List.of()));
        for (RestatedPeriod p : r.getPeriods()) {
            if (!inScope(p, parkId, period)) {
                continue;
            }
            boolean park = p.getSubjectType() == SubjectType.PARK;
            List<EmissionEntry> ofMonth = park ? List.of() : own.stream()
                    .filter(e -> e.getEnterpriseId().equals(p.getSubjectId()))
                    .filter(e -> !accountingTime(e).isBefore(p.getWindowStart())
                            && accountingTime(e).isBefore(p.getWindowEnd()))
                    .toList();
            lines.add(new RevisionLine(RESTATED_MONTH, p.getSubjectType() + ":" + p.getSubjectId(), "MONTH",
                    p.getWindowStart(), id, "restatement " + id + ", " + r.getFactorKey() + ": "
                    + beforeAfter(p.getBefore(), p.getAfter())
                    + (park ? "; the park's entries are those of its enterprises' months" : ""), ids(ofMonth)));
        }
        return lines;
    }

    private static RevisionLine entryLine(String kind, EmissionEntry e, String corrects) {
        EntryCorrection c = e.getCorrection();
        String detail = e.getPollutant() + " " + e.getScope() + " " + e.getAmountMg() + " mg"
                + (c == null ? "" : "; " + corrects + " (restatement " + c.getRestatementId() + ", correction "
                + c.getCorrectionId() + "); factors " + e.getFactors().stream()
                .map(f -> f.getFactorKey() + "@" + f.getValidFrom()).collect(Collectors.joining(" ")))
                + ": " + e.getFormula();
        return new RevisionLine(kind, "ENTERPRISE:" + e.getEnterpriseId(), "", accountingTime(e),
                c == null ? "" : c.getRestatementId(), detail, List.of(e.getEntryId()));
    }

    private static String version(FactorRef f) {
        return f.getFactorKey() + " valid from " + f.getValidFrom() + " = " + Numbers.full(f.getValue()) + " "
                + f.getUnit() + " (source: " + f.getSource() + ")";
    }

    /** Every total the record gives, before -> after, in the ledger's milligrams (energy: mgce). */
    static String beforeAfter(Totals b, Totals a) {
        return "CO2 scope 1 " + b.getCo2Scope1Mg() + " -> " + a.getCo2Scope1Mg() + " mg"
                + "; CO2 scope 2 location " + b.getCo2Scope2LocationMg() + " -> " + a.getCo2Scope2LocationMg() + " mg"
                + "; CO2 scope 2 market " + b.getCo2Scope2MarketMg() + " -> " + a.getCo2Scope2MarketMg() + " mg"
                + "; SO2 " + b.getSo2Mg() + " -> " + a.getSo2Mg() + " mg"
                + "; COD " + b.getCodMg() + " -> " + a.getCodMg() + " mg"
                + "; NH3-N " + b.getNh3nMg() + " -> " + a.getNh3nMg() + " mg"
                + "; energy " + b.getEnergyMgce() + " -> " + a.getEnergyMgce() + " mgce"
                + "; entries " + b.getEntryCount() + " -> " + a.getEntryCount();
    }

    private static List<String> ids(List<EmissionEntry> entries) {
        return entries.stream().map(EmissionEntry::getEntryId).toList();
    }

    private static long co2(EmissionTotals t) {
        return t.getTotals().getCo2Scope1Mg() + t.getTotals().getCo2Scope2LocationMg();
    }

    /** A field of the record's own schema, by name: present once the schema has it. */
    private static Optional<Object> field(EmissionTotals t, String name) {
        Schema.Field f = t.getSchema().getField(name);
        return f == null ? Optional.empty() : Optional.ofNullable(t.get(f.pos()));
    }

    static Instant accountingTime(EmissionEntry e) {
        return e.getIntervalEnd().minusMillis(1);
    }
}
