package org.parkwatch.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.parkwatch.avro.WindowKind;

/**
 * A calendar month ({@code 2025-03}) or year ({@code 2025}) on the park's local calendar, as [start, end) in UTC:
 * the same boundaries as the pipeline's month-to-date and year-to-date windows.
 */
public record ReportPeriod(Kind kind, String label, Instant start, Instant end, ZoneId zone) {

    /** How long the period is. */
    public enum Kind { MONTH, YEAR }

    public ReportPeriod {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(zone, "zone");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period " + label + " ends before it starts");
        }
    }

    /**
     * Parses {@code yyyy-MM} (a month) or {@code yyyy} (a year).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ReportPeriod parse(String text, ZoneId zone) {
        String t = Objects.requireNonNull(text, "period").trim();
        try {
            if (t.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(t);
                return new ReportPeriod(Kind.MONTH, t, startOf(month.atDay(1), zone),
                        startOf(month.plusMonths(1).atDay(1), zone), zone);
            }
            if (t.matches("\\d{4}")) {
                Year year = Year.parse(t);
                return new ReportPeriod(Kind.YEAR, t, startOf(year.atDay(1), zone),
                        startOf(year.plusYears(1).atDay(1), zone), zone);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("period " + t + " is not a month (2025-03) or a year (2025)", e);
        }
        throw new IllegalArgumentException("period " + t + " is not a month (2025-03) or a year (2025)");
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Whether the instant lies in [start, end). */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The pipeline window whose closed record is this period's final total. */
    public WindowKind window() {
        return kind == Kind.MONTH ? WindowKind.MONTH_TO_DATE : WindowKind.YEAR_TO_DATE;
    }
}
