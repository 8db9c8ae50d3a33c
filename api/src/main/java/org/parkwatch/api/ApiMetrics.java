package org.parkwatch.api;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meter registry of a pipeline process, scraped by Prometheus at /metrics: give it to the pipeline (which binds
 * Kafka Streams' metrics and registers its domain counters) and to {@link ApiServer}.
 */
public final class ApiMetrics {

    private ApiMetrics() {
    }

    /** A Prometheus registry with the JVM's memory, GC, thread, class-loading, CPU and uptime metrics bound. */
    @SuppressWarnings("resource") // JvmGcMetrics lives as long as the process
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Kafka Streams tags RocksDB metrics of window and session stores with their own id key; Prometheus needs
        // one set of tag keys per metric name, so without one key those stores' RocksDB metrics would be dropped.
        registry.config()
                .meterFilter(MeterFilter.renameTag("kafka.stream.state", "rocksdb.window.state.id", "rocksdb.state.id"))
                .meterFilter(MeterFilter.renameTag("kafka.stream.state", "rocksdb.session.state.id", "rocksdb.state.id"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
