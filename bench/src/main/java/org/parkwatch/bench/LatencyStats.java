package org.parkwatch.bench;

import java.util.Collection;

/**
 * Latencies of one kind of probe: how many were sent and seen, and the 50th and 99th percentiles and the maximum of
 * those seen, in milliseconds (nearest-rank percentiles: the value below which that share of the probes lies, never
 * an interpolation between two probes). Probes not seen are counted as missing, not left out silently.
 */
record LatencyStats(int sent, int seen, double p50Ms, double p99Ms, double maxMs) {

    static LatencyStats of(int sent, Collection<Long> latencyNanos) {
        long[] sorted = latencyNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencyStats(sent, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencyStats(sent, sorted.length, millis(percentile(sorted, 0.50)),
                millis(percentile(sorted, 0.99)), millis(sorted[sorted.length - 1]));
    }

    /** The smallest value at least {@code share} of the values are at or below; {@code sorted} ascending. */
    static long percentile(long[] sorted, double share) {
        if (sorted.length == 0 || !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("no values, or share outside (0, 1]: " + share);
        }
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    int missing() {
        return sent - seen;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public String toString() {
        return String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d of %d probes seen, %d missing)", p50Ms, p99Ms,
                maxMs, seen, sent, missing());
    }
}
