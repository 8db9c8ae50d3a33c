package org.parkwatch.totals;

/**
 * The spans over which totals are kept. Month and year windows are calendar months and years: while open, their
 * total is the month-to-date and year-to-date figure.
 */
public enum WindowKind {
    HOUR, DAY, MONTH, YEAR
}
