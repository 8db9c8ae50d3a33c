package org.parkwatch.gateway.gaps;

import java.time.Duration;

/**
 * How the gateway judges data gaps and asks for missing hours again.
 *
 * @param checkInterval     how often devices are checked for silence and hours overdue, and reissues sent
 * @param silenceTolerance  a device is silent once nothing came for this many times its shortest expected interval
 * @param silenceFloor      ... and never sooner than this, however short the interval
 * @param hourlyGrace       an hour's hourly data (2061) are overdue this long after the hour ended
 * @param lookback          hours older than this (by the gateway's clock) are never judged: backfills, or a device
 *                          whose clock is far off, are not gaps
 * @param maxReissues       requests for one missing hour before the gateway stops asking (the gap stays open)
 * @param reissueBackoff    wait after the first request before the second; doubled after each further one
 */
public record DataGapSettings(Duration checkInterval, double silenceTolerance, Duration silenceFloor,
                              Duration hourlyGrace, Duration lookback, int maxReissues, Duration reissueBackoff) {

    public DataGapSettings {
        if (!(silenceTolerance >= 1)) {
            throw new IllegalArgumentException("silence tolerance must be at least 1: " + silenceTolerance);
        }
        if (maxReissues < 0) {
            throw new IllegalArgumentException("max reissues must not be negative: " + maxReissues);
        }
    }

    /**
     * The defaults, ParkWatch's own choices (HJ 212 sets none): checked every minute; silent after 3 intervals, so a
     * lost packet or a reconnect is not yet silence, and not before 10 minutes; an hour overdue 30 minutes after it
     * ended (loggers send it in the first minutes of the next hour; the simulated late resend comes an hour later);
     * 24 hours judged; 3 requests per hour, 10 minutes apart, then 20.
     */
    public static DataGapSettings defaults() {
        return new DataGapSettings(Duration.ofMinutes(1), 3, Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofHours(24), 3, Duration.ofMinutes(10));
    }
}
