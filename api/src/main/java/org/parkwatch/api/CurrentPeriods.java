package org.parkwatch.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parkwatch.avro.WindowKind;
import org.parkwatch.totals.WindowCalendar;

/**
 * Which hour, day, month and year are current by the wall clock on the accounting calendar. A subject's latest
 * window is not necessarily the current one: while a month of history is being accounted it is a month old, and a
 * dashboard that called it "this hour" would mislead.
 */
final class CurrentPeriods {

    static final List<WindowKind> CALENDAR_WINDOWS =
            List.of(WindowKind.HOUR, WindowKind.DAY, WindowKind.MONTH_TO_DATE, WindowKind.YEAR_TO_DATE);

    private final WindowCalendar calendar;
    private final Clock clock;

    CurrentPeriods(ZoneId zone, Clock clock) {
        this.calendar = new WindowCalendar(zone);
        this.clock = clock;
    }

    ZoneId zone() {
        return calendar.zone();
    }

    /** Start of the current window of each kind (HOUR, DAY, MONTH_TO_DATE, YEAR_TO_DATE), in that order. */
    Map<String, Instant> starts() {
        Instant now = clock.instant();
        Map<String, Instant> starts = new LinkedHashMap<>();
        for (WindowKind kind : CALENDAR_WINDOWS) {
            starts.put(kind.name(), startOf(kind, now));
        }
        return starts;
    }

    /**
     * Whether the window of this kind starting at {@code windowStart} contains the wall-clock instant; a single
     * sample is never a current period.
     */
    boolean isCurrent(WindowKind kind, Instant windowStart) {
        return CALENDAR_WINDOWS.contains(kind) && startOf(kind, clock.instant()).equals(windowStart);
    }

    private Instant startOf(WindowKind kind, Instant at) {
        return calendar.windowOf(switch (kind) {
            case HOUR -> org.parkwatch.totals.WindowKind.HOUR;
            case DAY -> org.parkwatch.totals.WindowKind.DAY;
            case MONTH_TO_DATE -> org.parkwatch.totals.WindowKind.MONTH;
            case YEAR_TO_DATE -> org.parkwatch.totals.WindowKind.YEAR;
            case SAMPLE -> throw new IllegalArgumentException("a sample is not a calendar window");
        }, at).start();
    }
}
