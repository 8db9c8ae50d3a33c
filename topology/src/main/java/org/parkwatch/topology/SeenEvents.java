package org.parkwatch.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The eventIds already accounted, one window store per input. A window store forgets, and hides, what is older
 * than the highest time ever put into it minus its retention; shared by all inputs, a topic read far ahead (a
 * backfill of another input, a relay that was down) made a lagging input's resends invisible and counted them
 * twice. Each input now has its own store, so its retention runs on that input's own event time.
 *
 * <p>The single store of earlier releases ({@link StoreNames#SEEN_EVENTS}) is still read, never written: events
 * accounted before an upgrade are still recognised when resent after it. It stops growing at the upgrade and can
 * be dropped once the dedup window has passed.
 */
final class SeenEvents {

    private final Map<String, WindowStore<String, Long>> byInput = new HashMap<>();
    private final WindowStore<String, Long> beforeUpgrade;

    SeenEvents(ProcessorContext<?, ?> context, Iterable<String> inputs) {
        for (String input : inputs) {
            byInput.put(input, context.getStateStore(StoreNames.seenEvents(input)));
        }
        this.beforeUpgrade = context.getStateStore(StoreNames.SEEN_EVENTS);
    }

    /** Whether the event of {@code input} at accounting time {@code time} has been accounted already. */
    boolean seen(String input, String eventId, Instant time) {
        long at = time.toEpochMilli();
        return store(input).fetch(eventId, at) != null || beforeUpgrade.fetch(eventId, at) != null;
    }

    /** Notes the event as accounted, at {@code now} (wall clock, for an operator reading the store). */
    void markAccounted(String input, String eventId, Instant time, Instant now) {
        store(input).put(eventId, now.toEpochMilli(), time.toEpochMilli());
    }

    private WindowStore<String, Long> store(String input) {
        WindowStore<String, Long> store = byInput.get(input);
        if (store == null) {
            throw new IllegalArgumentException("no seen-events store for input " + input);
        }
        return store;
    }
}
