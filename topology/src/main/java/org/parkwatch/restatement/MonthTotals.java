package org.parkwatch.restatement;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.topology.LedgerEntries;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

/**
 * The totals of each enterprise and park month as the ledger's lines in force sum them: the "before" of a
 * restatement's record, and with its corrections added, the "after".
 */
public final class MonthTotals {

    /** A month of an enterprise or a park. */
    public record Month(SubjectType subjectType, String subjectId, String parkId, WindowSpan span) {
    }

    private final WindowCalendar calendar;
    private final Map<Month, Amounts> totals = new HashMap<>();

    private MonthTotals(WindowCalendar calendar) {
        this.calendar = calendar;
    }

    public static MonthTotals of(EffectiveLedger ledger, WindowCalendar calendar) {
        MonthTotals months = new MonthTotals(calendar);
        for (List<EmissionEntry> lines : ledger.events()) {
            months.add(lines);
        }
        return months;
    }

    /** Adds entries (reversing ones subtract) to their enterprise's and park's months. */
    public void add(List<EmissionEntry> entries) {
        for (EmissionEntry e : entries) {
            Instant time = e.getIntervalEnd().minusMillis(1);
            WindowSpan span = calendar.windowOf(WindowKind.MONTH, time);
            Amounts amounts = LedgerEntries.sum(List.of(e));
            totals.merge(new Month(SubjectType.ENTERPRISE, e.getEnterpriseId(), e.getParkId(), span), amounts,
                    Amounts::plus);
            totals.merge(new Month(SubjectType.PARK, e.getParkId(), e.getParkId(), span), amounts, Amounts::plus);
        }
    }

    public Amounts of(Month month) {
        return totals.getOrDefault(month, Amounts.ZERO);
    }

    public MonthTotals copy() {
        MonthTotals copy = new MonthTotals(calendar);
        copy.totals.putAll(totals);
        return copy;
    }
}
