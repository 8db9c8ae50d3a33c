package org.parkwatch.intensity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.WindowSpan;

/**
 * Which elapsed hours of a window an enterprise's IAV reports cover, and their IAV sum. Hours are counted from the
 * start of the span: hour k is [from + k h, from + (k+1) h). Works on runs of hours, so a year-to-date window costs
 * in the number of reports, not of hours.
 */
public final class HourlyCoverage {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long HOUR_MS = HOUR.toMillis();

    private final Instant from;
    private final long elapsedHours;
    private final List<CoveredSpan> spans;

    private HourlyCoverage(Instant from, long elapsedHours, List<CoveredSpan> spans) {
        this.from = from;
        this.elapsedHours = elapsedHours;
        this.spans = List.copyOf(spans);
    }

    /**
     * The coverage of the whole hours of [from, to) counted from {@code from} (a trailing part hour is not
     * counted).
     */
    public static HourlyCoverage of(IavSchedule schedule, Instant from, Instant to) {
        long n = to.isAfter(from) ? Duration.between(from, to).toMillis() / HOUR_MS : 0;
        List<IavReport> reports = schedule.reports();
        List<long[]> ranges = new ArrayList<>(reports.size());
        TreeSet<Long> cuts = new TreeSet<>();
        for (IavReport r : reports) {
            // a report covers the hours lying entirely inside its period
            long a = Math.max(0, -Math.floorDiv(from.toEpochMilli() - r.periodStart().toEpochMilli(), HOUR_MS));
            long b = Math.min(n, Math.floorDiv(r.periodEnd().toEpochMilli() - from.toEpochMilli(), HOUR_MS));
            ranges.add(new long[] {a, b});
            if (a < b) {
                cuts.add(a);
                cuts.add(b);
            }
        }
        List<CoveredSpan> spans = new ArrayList<>();
        Long previous = null;
        for (long cut : cuts) {
            if (previous != null) {
                int winner = winner(ranges, previous, cut);
                if (winner >= 0) {
                    appendOrMerge(spans, from, previous, cut, reports.get(winner));
                }
            }
            previous = cut;
        }
        return new HourlyCoverage(from, n, spans);
    }

    /** The coverage of the elapsed hours of a window, given the subject's current event time. */
    public static HourlyCoverage ofElapsed(IavSchedule schedule, WindowSpan window, Instant currentEventTime) {
        return of(schedule, window.start(), elapsedEnd(window, currentEventTime));
    }

    /**
     * End of the elapsed hours of a window: the end of the hour holding the current event time, capped at the
     * window's end; the window's start when the event time is before it.
     */
    public static Instant elapsedEnd(WindowSpan window, Instant currentEventTime) {
        if (currentEventTime.isBefore(window.start())) {
            return window.start();
        }
        long hour = Duration.between(window.start(), currentEventTime).toMillis() / HOUR_MS;
        Instant end = window.start().plus(HOUR.multipliedBy(hour + 1));
        return end.isAfter(window.end()) ? window.end() : end;
    }

    private static int winner(List<long[]> ranges, long a, long b) {
        // reports are in ascending precedence: the last one holding [a, b) wins
        for (int i = ranges.size() - 1; i >= 0; i--) {
            long[] r = ranges.get(i);
            if (r[0] <= a && b <= r[1]) {
                return i;
            }
        }
        return -1;
    }

    private static void appendOrMerge(List<CoveredSpan> spans, Instant from, long a, long b, IavReport r) {
        Instant start = from.plus(HOUR.multipliedBy(a));
        Instant end = from.plus(HOUR.multipliedBy(b));
        if (!spans.isEmpty()) {
            CoveredSpan last = spans.get(spans.size() - 1);
            if (last.end().equals(start) && last.reportId().equals(r.eventId())) {
                spans.set(spans.size() - 1, new CoveredSpan(last.start(), end, r.eventId(), r.iavPerHour()));
                return;
            }
        }
        spans.add(new CoveredSpan(start, end, r.eventId(), r.iavPerHour()));
    }

    public Instant from() {
        return from;
    }

    /** End of the counted hours: from + elapsedHours h. */
    public Instant to() {
        return from.plus(HOUR.multipliedBy(elapsedHours));
    }

    public long elapsedHours() {
        return elapsedHours;
    }

    public long coveredHours() {
        return spans.stream().mapToLong(CoveredSpan::hours).sum();
    }

    /** Sum of IAV(h) over the covered hours, 10^4 RMB. */
    public double iav() {
        double sum = 0;
        for (CoveredSpan s : spans) {
            sum += s.iav();
        }
        return sum;
    }

    /** Whether the hour starting at hourStart is one of the counted hours and is covered. */
    public boolean covers(Instant hourStart) {
        int lo = 0;
        int hi = spans.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            CoveredSpan s = spans.get(mid);
            if (hourStart.isBefore(s.start())) {
                hi = mid - 1;
            } else if (!hourStart.isBefore(s.end())) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The covered hours as runs, in time order, each with the report supplying its IAV. */
    public List<CoveredSpan> spans() {
        return spans;
    }

    /** eventIds of the reports supplying the IAV of the covered hours, sorted. */
    public Set<String> reportIds() {
        TreeSet<String> ids = new TreeSet<>();
        spans.forEach(s -> ids.add(s.reportId()));
        return Collections.unmodifiableSortedSet(ids);
    }

    /**
     * The covered figures, given the subject's emissions per hour keyed by hour start: emissions of hours this
     * coverage does not cover (or does not count) are left out of the numerator.
     */
    public CoveredFigures figures(Map<Instant, Amounts> hourlyEmissions) {
        Amounts covered = Amounts.ZERO;
        for (Map.Entry<Instant, Amounts> hour : hourlyEmissions.entrySet()) {
            if (covers(hour.getKey())) {
                covered = covered.plus(hour.getValue());
            }
        }
        return figures(covered);
    }

    /** The covered figures, given the emissions of exactly the covered hours summed by the caller. */
    public CoveredFigures figures(Amounts coveredEmissions) {
        return new CoveredFigures(coveredEmissions, iav(), coveredHours(), elapsedHours,
                List.copyOf(reportIds()));
    }
}
