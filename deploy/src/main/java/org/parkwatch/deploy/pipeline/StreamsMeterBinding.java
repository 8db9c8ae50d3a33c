package org.parkwatch.deploy.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka Streams' metrics bound to a meter registry through Micrometer's {@link KafkaStreamsMetrics}, and binds
 * them afresh whenever the client reaches RUNNING, so that the metrics of the tasks and state stores it was just
 * given (RocksDB's among them) are exported at once.
 */
final class StreamsMeterBinding implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsMeterBinding.class);

    private final KafkaStreams streams;
    private final MeterRegistry meters;
    // One thread: rebinding never races itself, and never runs on the stream thread that changed the state.
    private final ExecutorService rebinding = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parkwatch-streams-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaStreamsMetrics binder;
    private boolean closed;

    private StreamsMeterBinding(KafkaStreams streams, MeterRegistry meters) {
        this.streams = streams;
        this.meters = meters;
    }

    /** Binds the metrics {@code streams} has now; those of its tasks and stores follow with {@link #rebindSoon()}. */
    static StreamsMeterBinding bind(KafkaStreams streams, MeterRegistry meters) {
        StreamsMeterBinding binding = new StreamsMeterBinding(streams, meters);
        binding.rebind();
        return binding;
    }

    /**
     * Binds the client's current metrics again, in the background. Micrometer registers only the metrics that exist
     * when it binds and looks for new ones once a minute; task and store metrics appear only once tasks are
     * assigned and their stores opened, which is done when the client reaches RUNNING.
     */
    void rebindSoon() {
        try {
            rebinding.execute(this::rebind);
        } catch (RejectedExecutionException e) {
            // Closing: nothing left to bind.
        }
    }

    private synchronized void rebind() {
        if (closed) {
            return;
        }
        // Closing the old binder removes its meters; binding first would only hand back those same meters, still
        // reading the old binder's view of the client's metrics.
        if (binder != null) {
            binder.close();
        }
        binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(meters);
        LOG.debug("Kafka Streams metrics bound in state {}", streams.state());
    }

    /** Stops rebinding and removes the client's meters from the registry. */
    @Override
    public void close() {
        rebinding.shutdownNow();
        try {
            rebinding.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            if (binder != null) {
                binder.close();
            }
        }
    }
}
