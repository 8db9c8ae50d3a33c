package org.parkwatch.topology;

import java.time.Duration;
import java.time.ZoneId;

import org.parkwatch.ingest.PlausibilityBounds;

/**
 * How activity is accounted in time.
 *
 * @param zone            local calendar of windows (Chinese statistics: Asia/Shanghai)
 * @param grace           how long after a window ends activity for it is still accepted
 * @param dedupWindow     how long at least an eventId is remembered to drop resends; at least the grace period. Resends
 *                        are recognised by the ledger index, so for as long as it keeps an event
 *                        ({@code ledgerStoreRetention}), which may not be shorter
 * @param publishInterval how often changed totals are published (wall clock)
 * @param inputIdleTimeout an input topic silent for this long (wall clock) no longer holds windows open
 * @param bounds          plausibility limits of input quantities
 * @param ledgerStoreRetention how long ledger entries stay queryable by enterprise and time (the topic keeps
 *                             them forever), and how long a resend of their event is recognised
 */
public record AccountingSettings(ZoneId zone, Duration grace, Duration dedupWindow, Duration publishInterval,
                                 Duration inputIdleTimeout, PlausibilityBounds bounds, Duration ledgerStoreRetention) {

    public AccountingSettings {
        if (dedupWindow.compareTo(grace) < 0) {
            // A resend arriving within the grace period must still be recognised, or it would be counted twice.
            throw new IllegalArgumentException("dedup window " + dedupWindow + " is shorter than the grace period "
                    + grace);
        }
        if (ledgerStoreRetention.compareTo(dedupWindow) < 0) {
            throw new IllegalArgumentException("ledger store retention " + ledgerStoreRetention + " is shorter than the"
                    + " dedup window " + dedupWindow + ": resends are recognised by the ledger index");
        }
    }

    public static AccountingSettings defaults() {
        return new AccountingSettings(ZoneId.of("Asia/Shanghai"), Duration.ofHours(2), Duration.ofDays(7),
                Duration.ofMillis(200), Duration.ofMinutes(5), PlausibilityBounds.defaults(), Duration.ofDays(400));
    }
}
