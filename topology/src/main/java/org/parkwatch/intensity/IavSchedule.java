package org.parkwatch.intensity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The IAV reports of one enterprise, and the IAV of each of its hours. Immutable: {@link #add} returns a new
 * schedule. Reports are kept in order of precedence; a report for the same period as a later one is dropped, since
 * it can never win an hour again.
 */
public final class IavSchedule {

    private static final IavSchedule EMPTY = new IavSchedule(List.of());

    private final List<IavReport> reports;

    private IavSchedule(List<IavReport> reportsInPrecedence) {
        this.reports = List.copyOf(reportsInPrecedence);
    }

    public static IavSchedule empty() {
        return EMPTY;
    }

    /** Rebuilds a schedule from stored reports, in any order. */
    public static IavSchedule of(Collection<IavReport> reports) {
        IavSchedule schedule = EMPTY;
        for (IavReport r : reports.stream().sorted(IavReport.PRECEDENCE).toList()) {
            schedule = schedule.add(r);
        }
        return schedule;
    }

    /**
     * The schedule with the report added. A report with the eventId of a held one replaces it; a report for the
     * same period as a held one of higher precedence is ignored, since that one revises it.
     *
     * @throws IllegalArgumentException when the report is of another enterprise than the held ones
     */
    public IavSchedule add(IavReport r) {
        if (!reports.isEmpty() && !reports.get(0).enterpriseId().equals(r.enterpriseId())) {
            throw new IllegalArgumentException("report " + r.eventId() + " is of enterprise " + r.enterpriseId()
                    + ", this schedule of " + reports.get(0).enterpriseId());
        }
        if (reports.contains(r)) {
            return this;
        }
        List<IavReport> kept = new ArrayList<>();
        for (IavReport held : reports) {
            if (held.eventId().equals(r.eventId())) {
                continue;
            }
            if (held.samePeriodAs(r)) {
                if (IavReport.PRECEDENCE.compare(held, r) > 0) {
                    return this;
                }
                continue;
            }
            kept.add(held);
        }
        kept.add(r);
        kept.sort(IavReport.PRECEDENCE);
        return new IavSchedule(kept);
    }

    /** The schedule without reports whose period ends at or before the cut-off (to bound stored state). */
    public IavSchedule retainFrom(Instant cutoff) {
        return new IavSchedule(reports.stream().filter(r -> r.periodEnd().isAfter(cutoff)).toList());
    }

    /** Whether a report's period contains [hourStart, hourStart + 1 h) entirely. */
    public boolean covers(Instant hourStart) {
        return reportFor(hourStart).isPresent();
    }

    /** IAV of the hour starting at hourStart, 10^4 RMB; 0 when no report covers it. */
    public double iavOfHour(Instant hourStart) {
        return reportFor(hourStart).map(IavReport::iavPerHour).orElse(0.0);
    }

    /** The report that supplies the hour's IAV: the covering report of highest precedence. */
    public Optional<IavReport> reportFor(Instant hourStart) {
        for (int i = reports.size() - 1; i >= 0; i--) {
            if (reports.get(i).coversHour(hourStart)) {
                return Optional.of(reports.get(i));
            }
        }
        return Optional.empty();
    }

    /** The held reports, in order of precedence (the last revises the earlier ones where both cover). */
    public List<IavReport> reports() {
        return reports;
    }

    /**
     * eventIds of the reports that supply the IAV of at least one covered hour of [from, to), hours counted from
     * {@code from}: the evidence behind an intensity. Sorted.
     */
    public Set<String> reportIdsCovering(Instant from, Instant to) {
        return HourlyCoverage.of(this, from, to).reportIds();
    }

    public boolean isEmpty() {
        return reports.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IavSchedule s && s.reports.equals(reports);
    }

    @Override
    public int hashCode() {
        return reports.hashCode();
    }

    @Override
    public String toString() {
        return "IavSchedule" + reports;
    }
}
