package org.parkwatch.intensity;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.parkwatch.avro.OutputReport;

/**
 * One report of an enterprise's industrial added value (10^4 RMB at comparable prices) over [periodStart,
 * periodEnd). Among reports covering the same hour, the one with the greatest reportedAt wins, ties by eventId.
 */
public record IavReport(String eventId, String enterpriseId, Instant periodStart, Instant periodEnd,
                        double addedValue, Instant reportedAt) {

    /** Orders reports by precedence: a report later in this order revises the earlier ones where both cover. */
    public static final Comparator<IavReport> PRECEDENCE =
            Comparator.comparing(IavReport::reportedAt).thenComparing(IavReport::eventId);

    private static final double HOUR_MS = Duration.ofHours(1).toMillis();

    /** @throws IllegalArgumentException for a report {@link #rejectionReason} refuses */
    public IavReport {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(reportedAt, "reportedAt");
        rejectionReason(periodStart, periodEnd, addedValue).ifPresent(reason -> {
            throw new IllegalArgumentException("IAV report " + eventId + ": " + reason);
        });
    }

    /** @throws IllegalArgumentException when {@link #rejectionReason(OutputReport)} refuses the record */
    public static IavReport from(OutputReport r) {
        return new IavReport(r.getEventId(), r.getEnterpriseId(), r.getPeriodStart(), r.getPeriodEnd(),
                r.getAddedValue(), r.getReportedAt());
    }

    /** Why the record cannot be used (for the dead-letter topic), or empty when it can. */
    public static Optional<String> rejectionReason(OutputReport r) {
        return rejectionReason(r.getPeriodStart(), r.getPeriodEnd(), r.getAddedValue());
    }

    private static Optional<String> rejectionReason(Instant start, Instant end, double addedValue) {
        if (!end.isAfter(start)) {
            return Optional.of("periodEnd " + end + " is not after periodStart " + start);
        }
        if (!Double.isFinite(addedValue) || addedValue < 0) {
            return Optional.of("addedValue " + addedValue + " is not a finite non-negative number");
        }
        return Optional.empty();
    }

    /** Whether the report's period contains [hourStart, hourStart + 1 h) entirely. */
    public boolean coversHour(Instant hourStart) {
        return !hourStart.isBefore(periodStart) && !hourStart.plus(Duration.ofHours(1)).isAfter(periodEnd);
    }

    /** The IAV of one hour of the period: addedValue &times; 1 h / period length. */
    public double iavPerHour() {
        return addedValue * HOUR_MS / Duration.between(periodStart, periodEnd).toMillis();
    }

    boolean samePeriodAs(IavReport o) {
        return periodStart.equals(o.periodStart) && periodEnd.equals(o.periodEnd);
    }
}
