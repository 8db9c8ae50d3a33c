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
 * @param backfillHorizon how far behind its input's watermark activity is still accounted: older than the grace
 *                        period but within the horizon, it revises the closed windows it falls in; older, it is a
 *                        LATE_EVENT dead letter. At least the grace period, at most the ledger store retention (a
 *                        resend of accepted activity must still be recognised)
 */
public record AccountingSettings(ZoneId zone, Duration grace, Duration dedupWindow, Duration publishInterval,
                                 Duration inputIdleTimeout, PlausibilityBounds bounds, Duration ledgerStoreRetention,
                                 Duration backfillHorizon) {

    /**
     * Default backfill horizon: 40 days. A month's figures stay open to resent data for the whole month and the
     * first 9 days of the next (31 + 9), the days in which a monthly report is compiled; it covers the outages HJ
     * 212 devices relay on reconnection (RF=1, and the platform's reissue requests for past hours and days, 2017
     * Appendix C), which span hours to days. The 9 days are a judgement, not a cited deadline (README, "Time").
     */
    public static final Duration DEFAULT_BACKFILL_HORIZON = Duration.ofDays(40);

    /** Settings without a backfill horizon beyond the grace period: anything older is refused as late. */
    public AccountingSettings(ZoneId zone, Duration grace, Duration dedupWindow, Duration publishInterval,
                              Duration inputIdleTimeout, PlausibilityBounds bounds, Duration ledgerStoreRetention) {
        this(zone, grace, dedupWindow, publishInterval, inputIdleTimeout, bounds, ledgerStoreRetention, grace);
    }

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
        if (backfillHorizon.compareTo(grace) < 0) {
            throw new IllegalArgumentException("backfill horizon " + backfillHorizon + " is shorter than the grace"
                    + " period " + grace);
        }
        if (ledgerStoreRetention.compareTo(backfillHorizon) < 0) {
            // Backfilled activity is accepted up to the horizon: its resends must still be found in the index.
            throw new IllegalArgumentException("ledger store retention " + ledgerStoreRetention + " is shorter than"
                    + " the backfill horizon " + backfillHorizon + ": resends are recognised by the ledger index");
        }
    }

    public static AccountingSettings defaults() {
        return new AccountingSettings(ZoneId.of("Asia/Shanghai"), Duration.ofHours(2), Duration.ofDays(7),
                Duration.ofMillis(200), Duration.ofMinutes(5), PlausibilityBounds.defaults(), Duration.ofDays(400),
                DEFAULT_BACKFILL_HORIZON);
    }
}
