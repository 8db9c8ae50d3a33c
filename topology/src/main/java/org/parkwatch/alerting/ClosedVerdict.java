package org.parkwatch.alerting;

import java.time.Instant;
import java.util.Objects;
import org.parkwatch.avro.AlertSeverity;

/**
 * What a closed window's final value was judged to be, kept for the backfill horizon so that a revision of the
 * window (published again with a higher revision number) is judged against it: whether an alert stood on the
 * window when it closed (resolved then, since its window ended) and the final value as last published.
 *
 * @param alertId   nullable: the alert that stood on the window's final value; null when none did
 * @param severity  nullable: that alert's severity
 * @param openedAt  nullable: when that alert opened
 * @param value     the final value as last published (NaN when none was judgeable)
 * @param sequence  how many alerts have opened under this key, for the next alert's id
 * @param windowEnd end of the window, which says when the verdict can be forgotten
 */
public record ClosedVerdict(String alertKey, String ruleId, String alertId, AlertSeverity severity, Instant openedAt,
                            double value, int sequence, Instant windowEnd) {

    public ClosedVerdict {
        Objects.requireNonNull(alertKey, "alertKey");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (alertId != null && (severity == null || openedAt == null)) {
            throw new IllegalArgumentException("a verdict with an alert needs its severity and opening time");
        }
    }

    /** The verdict when a window closes: the alert its lifecycle had open then, if any, and the final value. */
    public static ClosedVerdict atClose(String alertKey, String ruleId, AlertState atClose, double finalValue,
                                        Instant windowEnd) {
        if (atClose == null) {
            return new ClosedVerdict(alertKey, ruleId, null, null, null, finalValue, 0, windowEnd);
        }
        return atClose.isOpen()
                ? new ClosedVerdict(alertKey, ruleId, atClose.alertId(), atClose.severity(), atClose.openedAt(),
                        finalValue, atClose.sequence(), windowEnd)
                : new ClosedVerdict(alertKey, ruleId, null, null, null, finalValue, atClose.sequence(), windowEnd);
    }

    public boolean hasAlert() {
        return alertId != null;
    }

    ClosedVerdict withValue(double newValue) {
        return new ClosedVerdict(alertKey, ruleId, alertId, severity, openedAt, newValue, sequence, windowEnd);
    }

    ClosedVerdict withAlert(String newAlertId, AlertSeverity newSeverity, Instant newOpenedAt, double newValue,
                            int newSequence) {
        return new ClosedVerdict(alertKey, ruleId, newAlertId, newSeverity, newOpenedAt, newValue, newSequence,
                windowEnd);
    }

    ClosedVerdict withoutAlert(double newValue) {
        return new ClosedVerdict(alertKey, ruleId, null, null, null, newValue, sequence, windowEnd);
    }
}
