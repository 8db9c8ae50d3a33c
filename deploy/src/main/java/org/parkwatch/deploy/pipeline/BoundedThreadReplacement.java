package org.parkwatch.deploy.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uncaught-exception policy of the pipeline: a stream thread that dies is replaced, so a transient fault costs one
 * thread restart, unless threads keep dying (more than {@code maxReplacements} within {@code window}); then the
 * client is shut down, the process exits non-zero and its supervisor sees a fault that replacing cannot cure. A
 * schema registry outage is never counted: it is cured by the registry's return, and nothing is skipped meanwhile.
 */
public final class BoundedThreadReplacement implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedThreadReplacement.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();

    public BoundedThreadReplacement(int maxReplacements, Duration window, Clock clock) {
        if (maxReplacements < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxReplacements must not be negative and window must be positive");
        }
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    static boolean isSchemaRegistryOutage(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        if (isSchemaRegistryOutage(exception)) {
            // The task failed to wait out a registry outage; a new thread reads the record again and recovers as
            // soon as the registry answers. Not a fault replacing cannot cure: it never shuts the client down.
            LOG.warn("Stream thread failed while the schema registry is unavailable; replacing it: {}",
                    exception.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        Instant now = clock.instant();
        while (!recentFailures.isEmpty() && !recentFailures.peekFirst().isAfter(now.minus(window))) {
            recentFailures.removeFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() > maxReplacements) {
            LOG.error("Stream thread failed {} times within {}; shutting the client down", recentFailures.size(),
                    window, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("Stream thread failed; replacing it ({} failures within {})", recentFailures.size(), window,
                exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
