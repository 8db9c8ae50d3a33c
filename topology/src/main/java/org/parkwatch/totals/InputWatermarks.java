package org.parkwatch.totals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The event-time progress of several inputs feeding the same totals (meter, fuel and wastewater topics). Each input
 * advances on its own: a backfill or a reconnecting device may send one topic far ahead of another. Windows may
 * only close once every input that is still sending has passed them, so the closing watermark is the minimum over
 * the inputs, leaving out an input idle for longer than the idle timeout (a topic with nothing to say must not hold
 * every window open forever).
 */
public final class InputWatermarks {

    private final Duration idleTimeout;
    private final Map<String, Instant> watermarks = new HashMap<>();
    private final Map<String, Instant> lastAdvancedAt = new HashMap<>();

    public InputWatermarks(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** Records the input's current watermark as read at wall-clock {@code now}; notes when it last moved. */
    public void observe(String input, Instant watermark, Instant now) {
        if (watermark == null) {
            return;
        }
        Instant previous = watermarks.put(input, watermark);
        if (previous == null || watermark.isAfter(previous)) {
            lastAdvancedAt.put(input, now);
        }
    }

    /** The watermark windows close against, or null when no input has been seen. */
    public Instant closingWatermark(Instant now) {
        Instant minActive = null;
        Instant maxAll = null;
        for (Map.Entry<String, Instant> e : watermarks.entrySet()) {
            Instant w = e.getValue();
            maxAll = maxAll == null || w.isAfter(maxAll) ? w : maxAll;
            boolean active = !lastAdvancedAt.get(e.getKey()).plus(idleTimeout).isBefore(now);
            if (active && (minActive == null || w.isBefore(minActive))) {
                minActive = w;
            }
        }
        // Every input idle: nothing is arriving, so the furthest progress is safe to close against.
        return minActive != null ? minActive : maxAll;
    }
}
