package org.parkwatch.totals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Cuts time into hour, day, month and year windows on a local calendar. Chinese statistics are kept by local
 * calendar day and month, so the default zone is Asia/Shanghai; a day window starts at local midnight.
 */
public final class WindowCalendar {

    private final ZoneId zone;

    public WindowCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The four windows (hour, day, month, year) that contain the instant, in that order. */
    public List<WindowSpan> windowsOf(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
        LocalDate date = local.toLocalDate();
        LocalDate month = date.withDayOfMonth(1);
        LocalDate year = date.withDayOfYear(1);
        return List.of(
                new WindowSpan(WindowKind.HOUR, hour.toInstant(), hour.plusHours(1).toInstant()),
                new WindowSpan(WindowKind.DAY, startOf(date), startOf(date.plusDays(1))),
                new WindowSpan(WindowKind.MONTH, startOf(month), startOf(month.plusMonths(1))),
                new WindowSpan(WindowKind.YEAR, startOf(year), startOf(year.plusYears(1))));
    }

    public WindowSpan windowOf(WindowKind kind, Instant t) {
        return windowsOf(t).get(kind.ordinal());
    }

    private Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }
}
