package org.parkwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import org.parkwatch.simulator.SimulationResult;
import org.parkwatch.topology.Topics;

/**
 * Latency at a fixed input rate: while simulated events flow into a park at that rate, a probe enterprise of the
 * same park sends a meter reading every 100 ms and a wastewater sample that opens or resolves a COD alert every
 * 200 ms. Each probe is timed from the moment it is handed to the producer to the moment a read_committed consumer
 * receives its result: the update of the probe's hour intensity on the enterprise intensity topic, or the alert
 * transition on the alert topic. The pipeline runs with its defaults (exactly-once v2, every store) but for the
 * grace period and dedup window, see {@link #GRACE}.
 */
final class LatencyPhase {

    static final int ENTERPRISES = 50;
    static final Duration PROBE_EVERY = Duration.ofMillis(100);
    /** How long after the last probe the phase still waits for results: a probe not seen by then is missing. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** The warm-up alert cycle: one OPEN and one RESOLVED, not timed. */
    private static final int WARM_UP_ALERTS = 2;
    /**
     * Grace period (and dedup window, which must be at least as long) of the pipeline in this phase. Watermarks are
     * per input topic and task, and the load's accelerated event time runs hours ahead within seconds, so with the
     * default 2 h the probes, which stay at the start of the load's span, would become LATE_EVENT. 30 days is far
     * more than the span the load covers in a phase (about 26 h of event time at 10k events/s for 15 s); no window
     * closes during the phase either way, so the length beyond that span costs nothing.
     */
    static final Duration GRACE = Duration.ofDays(30);
    /**
     * One-minute meters: the same events per second cover 11 times less event time than the default 15-minute
     * meters, so the books of the load's enterprises hold fewer open windows while none can close.
     */
    static final Duration LOAD_METER_INTERVAL = Duration.ofMinutes(1);
    /** How far back the load's event time starts: the whole phase stays in the past, so no event is in the future. */
    static final Duration LOAD_WARM_UP = Duration.ofSeconds(20);
    static final Duration LOAD_STARTS_BEFORE_NOW = Duration.ofDays(60);

    /** What one rate gave. Lags are input records not yet committed by the pipeline. */
    record Result(String prefix, double targetRate, long loadEvents, double loadSeconds, double processedRate,
                  LatencyStats intensity, LatencyStats alert, long peakLag, long lagAtLoadEnd, long lagAtEnd,
                  long excursionAlerts, long unexpectedAlerts, long failedSends, String notes) {

        double loadRate() {
            return loadSeconds <= 0 ? Double.NaN : loadEvents / loadSeconds;
        }

        @Override
        public String toString() {
            return String.format("""
                    Latency at %,.0f events/s (park %s, %d enterprises + probe): load sent %,d events in %.1f s \
                    = %,.0f/s; pipeline committed %,.0f input records/s meanwhile
                      event -> intensity update visible: %s
                      event -> alert emitted:            %s
                      committed lag: peak %,d, at load end %,d, at phase end %,d records; \
                    excursion alerts of the load %d, unexpected probe alerts %d, failed probe sends %d
                      notes: %s""", targetRate, prefix, ENTERPRISES, loadEvents, loadSeconds, loadRate(),
                    processedRate, intensity, alert, peakLag, lagAtLoadEnd, lagAtEnd, excursionAlerts,
                    unexpectedAlerts, failedSends, notes);
        }
    }

    private final BenchCluster cluster;
    private final int partitions;
    private final Path logDir;
    private final String heap;
    private final long seed;
    private final List<String> javaOptions;
    private final Map<String, String> overrides;

    LatencyPhase(BenchCluster cluster, int partitions, Path logDir, String heap) {
        this(cluster, partitions, logDir, heap, 1, List.of(), Map.of());
    }

    /** With the benchmark's seed, extra JVM options and pipeline settings (which win over this phase's own). */
    LatencyPhase(BenchCluster cluster, int partitions, Path logDir, String heap, long seed, List<String> javaOptions,
                 Map<String, String> overrides) {
        this.cluster = cluster;
        this.partitions = partitions;
        this.logDir = logDir;
        this.heap = heap;
        this.seed = seed;
        this.javaOptions = List.copyOf(javaOptions);
        this.overrides = Map.copyOf(overrides);
    }

    /** Runs the phase at one rate on a park of its own, with load for {@code duration}. */
    Result run(double eventsPerSecond, Duration duration, PrintOut out) throws InterruptedException {
        String prefix = "lat" + Math.round(eventsPerSecond);
        Topics topics = Topics.withPrefix(prefix);
        ParkModel park = ParkModel.generate(ParkSettings.defaults(seed).withEnterpriseCount(ENTERPRISES));
        ParkWatchConfig config = cluster.preparePark(prefix, park, partitions);
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishEnterprises(topics.enterprises(),
                    List.of(LatencyProbes.enterprise(park.parkId(), park.gridRegion())));
        }
        Instant loadFrom = Instant.now().minus(LOAD_STARTS_BEFORE_NOW).truncatedTo(ChronoUnit.HOURS);
        Instant probeHour = loadFrom.plus(Duration.ofHours(1));
        Map<String, String> phaseSettings = Map.of("parkwatch.grace.ms", Long.toString(GRACE.toMillis()),
                "parkwatch.dedup.window.ms", Long.toString(GRACE.toMillis()));
        PipelineLauncher launcher = new PipelineLauncher(cluster, prefix, partitions, heap, javaOptions, logDir,
                overrides);
        String applicationId = prefix + "-pipeline";

        try (LatencyProbes probes = new LatencyProbes(cluster, topics, prefix, probeHour,
                     loadFrom.plus(Duration.ofHours(2)));
             LatencyWatch watch = new LatencyWatch(cluster, topics.enterpriseIntensity(), topics.alerts(), probeHour,
                     probes);
             GroupProgress progress = new GroupProgress(cluster.bootstrapServers(), topics.activityInputs());
             JavaProcess pipeline = launcher.start("pipeline-" + prefix, applicationId,
                     cluster.workDir().resolve(prefix + "-state"), phaseSettings)) {
            awaitRunning(pipeline);
            out.line("Latency %s: pipeline RUNNING (pid %d); warming up", prefix, pipeline.pid());
            long entriesPerProbe = warmUp(probes, watch, pipeline);
            int firstTimedSample = probes.nextSampleIndex();
            out.line("Latency %s: warm-up done (%d ledger entries per meter probe); load %,.0f events/s for %d s",
                    prefix, entriesPerProbe, eventsPerSecond, duration.toSeconds());

            GeneratorSettings loadSettings = GeneratorSettings.defaults(seed).withMeterInterval(LOAD_METER_INTERVAL);
            ParkLoad load = new ParkLoad(cluster, park, topics);
            // The same load, unmeasured, first: a process just started runs interpreted code and cold caches, and
            // its latency then says more about the JIT than about the pipeline in service.
            SimulationResult warmLoad = load.atRate(loadFrom, eventsPerSecond, LOAD_WARM_UP, loadSettings);
            out.line("Latency %s: load warm-up done (%,d events in %.1f s), lag %,d", prefix, warmLoad.eventsSent(),
                    warmLoad.elapsed().toMillis() / 1000.0, progress.endOffsetSum() - progress.committedSum(applicationId));
            Run run = new Run(prefix, applicationId, probes, watch, progress, pipeline, entriesPerProbe, out);
            Loaded loaded = run.loadWithProbes(load, warmLoad.eventTimeReached(), eventsPerSecond, duration,
                    loadSettings);
            run.awaitProbes(loaded.meterProbes(), loaded.alertProbes());
            long lagAtEnd = run.lag.sample();
            watch.requireHealthy();

            // Settings given to the benchmark win over the phase's own: the notes say which grace was in force.
            String grace = Duration.ofMillis(Long.parseLong(overrides.getOrDefault("parkwatch.grace.ms",
                    phaseSettings.get("parkwatch.grace.ms")))).toString();
            String notes = String.format("pipeline %s; grace %s in this phase, dedup window as long (watermarks are"
                    + " per input and task: the load's accelerated event time would make the probes LATE); load of"
                    + " simulated events from %s with %d-minute meters, the first " + LOAD_WARM_UP.toSeconds()
                    + " s of it not measured; meter probes all in the probe enterprise's hour"
                    + " %s, seen when its entry count covers them (%d entries per probe); alert probes: %d breaching"
                    + " COD samples then one clean under the default rule %s, timed from the last breaching one and"
                    + " from the clean one",
                    pipeline.isAlive() ? "alive throughout" : "STOPPED, see " + pipeline.log(), grace, loadFrom,
                    LOAD_METER_INTERVAL.toMinutes(), probeHour, entriesPerProbe, LatencyProbes.BREACHES_TO_OPEN,
                    LatencyWatch.COD_RULE);
            Result result = new Result(prefix, eventsPerSecond, loaded.events(), loaded.seconds(),
                    loaded.processedRate(),
                    intensityStats(watch.hourCounts(), probes.meterSent(), loaded.meterProbes(), entriesPerProbe),
                    alertStats(watch, probes, firstTimedSample, loaded.alertProbes()), run.lag.peak(),
                    loaded.lagAtEnd(), lagAtEnd, watch.otherAlerts(), watch.unexpectedAlerts(), probes.failedSends(),
                    notes);
            out.line("%s", result);
            return result;
        }
    }

    /**
     * Not timed: one meter probe alone gives the ledger entries one probe adds to its hour, and one alert cycle
     * shows the alert path works before anything is measured. Returns the entries per meter probe.
     */
    private static long warmUp(LatencyProbes probes, LatencyWatch watch, JavaProcess pipeline)
            throws InterruptedException {
        probes.meter(0);
        probes.flush();
        awaitOrFail(() -> watch.latestHourCount() > 0, pipeline, watch, "the warm-up meter probe's intensity");
        long entriesPerProbe = watch.latestHourCount();
        probes.breach();
        probes.clear();
        probes.flush();
        awaitOrFail(() -> watch.probeAlerts().size() >= WARM_UP_ALERTS, pipeline, watch, "the warm-up alert cycle");
        return entriesPerProbe;
    }

    /** What the load sent, how fast the pipeline committed meanwhile, and how many probes were timed. */
    private record Loaded(long events, double seconds, double processedRate, long lagAtEnd, int meterProbes,
                          int alertProbes) {
    }

    /** The measured part of one rate: load and probes, then the wait for the probes' results. */
    private static final class Run {
        private final String prefix;
        private final String applicationId;
        private final LatencyProbes probes;
        private final LatencyWatch watch;
        private final GroupProgress progress;
        private final JavaProcess pipeline;
        private final long entriesPerProbe;
        private final PrintOut out;
        private final LagTracker lag;

        Run(String prefix, String applicationId, LatencyProbes probes, LatencyWatch watch, GroupProgress progress,
            JavaProcess pipeline, long entriesPerProbe, PrintOut out) {
            this.prefix = prefix;
            this.applicationId = applicationId;
            this.probes = probes;
            this.watch = watch;
            this.progress = progress;
            this.pipeline = pipeline;
            this.entriesPerProbe = entriesPerProbe;
            this.out = out;
            this.lag = new LagTracker(progress, applicationId);
        }

        Loaded loadWithProbes(ParkLoad load, Instant from, double eventsPerSecond, Duration duration,
                              GeneratorSettings settings) throws InterruptedException {
            ExecutorService loadThread = Executors.newSingleThreadExecutor(r -> daemon(r, "latency-load"));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                    r -> daemon(r, "latency-probes"));
            try {
                long committedAtStart = progress.committedSum(applicationId);
                long start = System.nanoTime();
                Future<SimulationResult> loading = loadThread.submit(
                        () -> load.atRate(from, eventsPerSecond, duration, settings));
                AtomicInteger tick = new AtomicInteger();
                ticker.scheduleAtFixedRate(() -> probeTick(probes, tick.incrementAndGet()), 0,
                        PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!loading.isDone() && pipeline.isAlive()) {
                    Thread.sleep(250);
                    lag.sample();
                    if (System.nanoTime() >= nextReport) {
                        nextReport += TimeUnit.SECONDS.toNanos(5);
                        out.line("Latency %s: %d probes sent, intensity seen up to probe %d, %d alerts seen, lag %,d",
                                prefix, tick.get(), watch.latestHourCount() / Math.max(entriesPerProbe, 1) - 1,
                                watch.probeAlerts().size() - WARM_UP_ALERTS, lag.last());
                    }
                }
                ticker.shutdown();
                ticker.awaitTermination(10, TimeUnit.SECONDS);
                probes.flush();
                SimulationResult sent = awaitLoad(loading);
                double processedRate = (progress.committedSum(applicationId) - committedAtStart)
                        / ((System.nanoTime() - start) / 1e9);
                Loaded loaded = new Loaded(sent.eventsSent(), sent.elapsed().toMillis() / 1000.0, processedRate,
                        lag.sample(), tick.get(), probes.alertSent().size() - WARM_UP_ALERTS);
                out.line("Latency %s: load done (%,d events in %.1f s), lag %,d; waiting up to %d s for the probes",
                        prefix, loaded.events(), loaded.seconds(), loaded.lagAtEnd(), PROBE_TIMEOUT.toSeconds());
                return loaded;
            } finally {
                ticker.shutdownNow();
                loadThread.shutdownNow();
            }
        }

        /** Until every probe's result is in, the pipeline stops, or {@link #PROBE_TIMEOUT} passes. */
        void awaitProbes(int meterProbes, int alertProbes) throws InterruptedException {
            long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && pipeline.isAlive()
                    && (watch.latestHourCount() < (meterProbes + 1L) * entriesPerProbe
                    || watch.probeAlerts().size() < alertProbes + WARM_UP_ALERTS)) {
                Thread.sleep(100);
                lag.sample();
            }
        }
    }

    /** Every tick a meter probe; every other tick an alert probe, opening and resolving in turn. */
    private static void probeTick(LatencyProbes probes, int k) {
        probes.meter(k);
        if (k % 2 == 1) {
            if (((k - 1) / 2) % 2 == 0) {
                probes.breach();
            } else {
                probes.clear();
            }
        }
    }

    /**
     * Meter probe k (1..n; probe 0 is the warm-up) is visible with the first record of its hour whose entry count
     * covers k + 1 probes: the partition keeps the hour's records in order, so later counts include earlier probes.
     */
    static LatencyStats intensityStats(List<LatencyWatch.HourCount> counts, Map<Integer, Long> sent, int probes,
                                       long entriesPerProbe) {
        List<Long> latencies = new ArrayList<>();
        int i = 0;
        for (int k = 1; k <= probes; k++) {
            long needed = (k + 1L) * entriesPerProbe;
            while (i < counts.size() && counts.get(i).entryCount() < needed) {
                i++;
            }
            Long sentAt = sent.get(k);
            if (i == counts.size() || sentAt == null) {
                break;
            }
            latencies.add(counts.get(i).receivedNanos() - sentAt);
        }
        return LatencyStats.of(probes, latencies);
    }

    private static LatencyStats alertStats(LatencyWatch watch, LatencyProbes probes, int firstTimedSample,
                                           int alertProbes) {
        List<Long> latencies = new ArrayList<>();
        probes.alertSent().forEach((index, probe) -> {
            LatencyWatch.ProbeAlert seen = watch.probeAlerts().get(index);
            if (index >= firstTimedSample && seen != null) {
                latencies.add(seen.receivedNanos() - probe.sentNanos());
            }
        });
        return LatencyStats.of(alertProbes, latencies);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void awaitRunning(JavaProcess pipeline) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!pipeline.output().contains("-> RUNNING")) {
            if (!pipeline.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The pipeline did not reach RUNNING within " + START_TIMEOUT
                        + "; see " + pipeline.log());
            }
            Thread.sleep(200);
        }
    }

    private static void awaitOrFail(BooleanSupplier done, JavaProcess pipeline, LatencyWatch watch, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            watch.requireHealthy();
            if (!pipeline.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("No result for " + what + " within " + PROBE_TIMEOUT
                        + " (dead letters or a stopped pipeline?); see " + pipeline.log());
            }
            Thread.sleep(50);
        }
    }

    private static SimulationResult awaitLoad(Future<SimulationResult> loading) throws InterruptedException {
        try {
            return loading.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The load failed or did not end", e);
        }
    }

    /** The pipeline's committed lag on the park's input topics, sampled: last and peak values. */
    private static final class LagTracker {
        private final GroupProgress progress;
        private final String group;
        private long last;
        private long peak;

        LagTracker(GroupProgress progress, String group) {
            this.progress = progress;
            this.group = group;
        }

        long sample() {
            last = Math.max(0, progress.endOffsetSum() - progress.committedSum(group));
            peak = Math.max(peak, last);
            return last;
        }

        long last() {
            return last;
        }

        long peak() {
            return peak;
        }
    }
}
