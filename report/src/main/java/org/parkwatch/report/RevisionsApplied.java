package org.parkwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.report.PeriodReport.RevisionLine;

/**
 * The revisions and restatements that moved a period's figures, as far as the topics show them today, and the seam
 * where issue 12's backfill revisions (point 1) and restatements (point 2) come in when they exist.
 *
 * <p>Derived today:
 * <ul>
 *   <li>{@link #CLOSED_WINDOW_REPUBLISHED}: a closed window of the park or one of its enterprises published more than
 *   once on a totals topic (a late IAV report or a restart republishes a closed window; a backfill revision will).
 *   When {@code EmissionTotals} gains its revision number and reason, they are read by field name
 *   ({@link #REVISION_FIELD}, {@link #REVISION_REASON_FIELD}) and shown with no change here.</li>
 *   <li>{@link #REVERSING_ENTRY}: a ledger entry with a negative amount. A restatement appends a reversing entry and a
 *   corrected one (the ledger stays append-only); the figures already include both, since they sum every entry.</li>
 * </ul>
 *
 * <p>Not derivable yet: the restatement record (which factor, periods, old and new totals, who asked, when) has no
 * topic yet. When point 2 adds it, its reader joins {@code kafka.TopicReportSource} and its records become lines of
 * kind {@link #RESTATEMENT} here: that is the one place to add them.
 */
public final class RevisionsApplied {

    public static final String CLOSED_WINDOW_REPUBLISHED = "CLOSED_WINDOW_REPUBLISHED";
    public static final String REVERSING_ENTRY = "REVERSING_ENTRY";
    /** Reserved for the restatement records of issue 12, point 2; no line has this kind until they exist. */
    public static final String RESTATEMENT = "RESTATEMENT";

    static final String REVISION_FIELD = "revision";
    static final String REVISION_REASON_FIELD = "revisionReason";

    private RevisionsApplied() {
    }

    /**
     * The revision lines of a park's period.
     *
     * @param windowTotals totals records of the park and its enterprises whose windows lie in the period, topic order
     * @param entries      the period's ledger entries of the park
     */
    static List<RevisionLine> derive(List<EmissionTotals> windowTotals, List<EmissionEntry> entries) {
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
                    first.getWindow().name(), first.getWindowStart(), detail, ids));
        }
        for (EmissionEntry e : entries) {
            if (e.getAmountMg() < 0) {
                lines.add(new RevisionLine(REVERSING_ENTRY, "ENTERPRISE:" + e.getEnterpriseId(), "",
                        accountingTime(e), e.getPollutant() + " " + e.getScope() + " " + e.getAmountMg()
                        + " mg: " + e.getFormula(), List.of(e.getEntryId())));
            }
        }
        return lines;
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
