package org.parkwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.parkwatch.simulator.EnterpriseSpec;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import org.parkwatch.simulator.SimulationResult;
import org.parkwatch.topology.Topics;

/**
 * Restore and fail-over: a park's backfilled period is processed by one pipeline instance, which is then restarted
 * with its local state kept, and again with its state directory deleted (every store rebuilt from its changelog);
 * then two instances with one standby replica each, where one is killed (SIGKILL) and later another stopped
 * (SIGTERM), and the time until the survivor alone answers for every enterprise is measured. Times run from the
 * process start, or from the signal, to the first answer of the pipeline's own HTTP API.
 */
final class RestorePhase {

    /**
     * One start of an instance.
     *
     * @param readySeconds      process start to the first 200 of /health/ready
     * @param runningSeconds    process start to the client's first RUNNING (from its log)
     * @param restoredSeconds   process start to the last changelog partition restored (from its log); NaN if none
     * @param restoredRecords   changelog records restored into active stores, as Kafka Streams counts them
     * @param restoredPartitions changelog partitions restored
     * @param memory            resident memory of the process over this start
     */
    record Startup(double readySeconds, double runningSeconds, double restoredSeconds, long restoredRecords,
                   int restoredPartitions, MemoryWatch.Peak memory) {
    }

    /**
     * One fail-over: times from the signal to the victim.
     *
     * @param signal               SIGKILL or SIGTERM
     * @param heldBefore           enterprises the survivor answered for before (of {@code enterprises})
     * @param victimExitSeconds    until the victim process had exited
     * @param rebalanceSeconds     until the survivor's client left RUNNING (from its log): the group noticed
     * @param servingAllSeconds    until the survivor was ready and answered for every enterprise and the park
     * @param restoredRecords      changelog records the survivor restored on taking over (0 when its standbys
     *                             were caught up)
     * @param restoredPartitions   changelog partitions it restored on taking over
     */
    record Failover(String signal, int heldBefore, int enterprises, double victimExitSeconds, double rebalanceSeconds,
                    double servingAllSeconds, long restoredRecords, int restoredPartitions) {
    }

    /**
     * Everything measured.
     *
     * @param events          events backfilled (the simulator's count, enterprises' records included)
     * @param inputRecords    records on the activity input topics
     * @param processing      the first instance's committed input over time, from its start to the end of input
     * @param stateBytes      the instance's state directory after it processed everything and stopped cleanly
     * @param changelogs      the application's changelog topics after that
     * @param keptState       a restart with the state directory kept
     * @param fromScratch     a restart after deleting the state directory
     * @param killed          fail-over to the standby after SIGKILL of the instance holding most active tasks
     * @param terminated      fail-over back after SIGTERM of the survivor, once the restarted first instance's
     *                        standbys had caught up
     * @param standbyMemory   peak resident memory of the two instances of the standby runs (the larger)
     */
    record Result(int enterprises, Instant from, Instant to, Duration meterInterval, Duration sampleInterval,
                  long events, double backfillSeconds, long inputRecords, Timeline processing,
                  MemoryWatch.Peak processingMemory, long stateBytes, RestoreStorage.Changelogs changelogs,
                  Startup keptState, Startup fromScratch, Failover killed, Failover terminated,
                  MemoryWatch.Peak standbyMemory) {
    }

    static final String PREFIX = "restore";
    static final String APPLICATION_ID = PREFIX + "-pipeline";
    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(90);
    private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(100);
    // Nothing reports directly that a standby has read its changelogs to the end; the phase waits until the
    // instances' restore consumers have read nothing new for a while (the input is fully processed, so the
    // changelogs no longer grow), and reports what the survivor still had to restore on taking over, which shows
    // whether that was enough.
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration MAX_CATCH_UP = Duration.ofMinutes(10);

    private final BenchCluster cluster;
    private final int partitions;
    private final Path workDir;
    private final Path logDir;
    private final String heap;
    private final List<String> javaOptions;
    private final Map<String, String> overrides;

    RestorePhase(BenchCluster cluster, int partitions, Path workDir, Path logDir, String heap) {
        this(cluster, partitions, workDir, logDir, heap, List.of(), Map.of());
    }

    /** With extra JVM options and pipeline settings for every pipeline process, as the throughput phase takes. */
    RestorePhase(BenchCluster cluster, int partitions, Path workDir, Path logDir, String heap, List<String> javaOptions,
                 Map<String, String> overrides) {
        this.cluster = cluster;
        this.partitions = partitions;
        this.workDir = workDir;
        this.logDir = logDir;
        this.heap = heap;
        this.javaOptions = List.copyOf(javaOptions);
        this.overrides = Map.copyOf(overrides);
    }

    Result run(int enterprises, Instant from, Instant to, Duration meterInterval, Duration sampleInterval, long seed,
               PrintOut out) throws InterruptedException {
        ParkModel park = ParkModel.generate(ParkSettings.defaults(seed).withEnterpriseCount(enterprises));
        Topics topics = Topics.withPrefix(PREFIX);
        cluster.preparePark(PREFIX, park, partitions);
        GeneratorSettings generator = GeneratorSettings.defaults(seed).withMeterInterval(meterInterval)
                .withSampleInterval(sampleInterval);
        SimulationResult loaded = new ParkLoad(cluster, park, topics).backfill(from, to, 0, generator);
        double backfillSeconds = loaded.elapsed().toMillis() / 1000.0;
        out.line("Restore: backfilled %,d events for %d enterprises, %s to %s (meters every %s, samples every %s) in %.1f s",
                loaded.eventsSent(), enterprises, from, loaded.eventTimeReached(), meterInterval, sampleInterval,
                backfillSeconds);

        PipelineLauncher launcher = launcher();
        Instance a = new Instance("a", workDir.resolve("restore-state-a"), RestoreProbe.freePort());
        Instance b = new Instance("b", workDir.resolve("restore-state-b"), RestoreProbe.freePort());
        Set<String> enterpriseIds = new TreeSet<>(park.enterprises().stream().map(EnterpriseSpec::enterpriseId).toList());
        Subjects all = new Subjects(enterpriseIds, park.parkId());

        long inputRecords;
        Timeline processing;
        MemoryWatch.Peak processingMemory;
        try (GroupProgress progress = new GroupProgress(cluster.bootstrapServers(), topics.activityInputs())) {
            inputRecords = progress.endOffsetSum();
            try (JavaProcess process = a.start(launcher, "restore-a-processing", 0);
                 MemoryWatch watch = MemoryWatch.of(process)) {
                processing = progress.follow(APPLICATION_ID, inputRecords, Duration.ofMillis(500), PROCESSING_TIMEOUT,
                        process::isAlive);
                awaitReady(a, process, System.nanoTime());
                processingMemory = watch.peak();
            }
        }
        out.line("Restore: pipeline processed %,d input records at %,.0f records/s steady (%.1f s in all), peak RSS %s",
                inputRecords, processing.steadyRate(), processing.wallSeconds(), processingMemory);
        long stateBytes = RestoreStorage.bytes(a.stateDir());
        RestoreStorage.Changelogs changelogs = RestoreStorage.changelogs(cluster.bootstrapServers(), APPLICATION_ID);
        out.line("Restore: state directory %,d bytes; %d changelog topics, %d partitions, end offsets %,d",
                stateBytes, changelogs.topics(), changelogs.partitions(), changelogs.endOffsets());

        Startup kept = startAndStop(launcher, a, "restore-a-kept-state");
        out.line("Restore: restart with state kept: ready in %.2f s (RUNNING %.2f s), %,d records restored, peak RSS %s",
                kept.readySeconds(), kept.runningSeconds(), kept.restoredRecords(), kept.memory());

        RestoreStorage.delete(a.stateDir());
        Startup scratch = startAndStop(launcher, a, "restore-a-from-scratch");
        out.line("Restore: restart with state deleted: ready in %.2f s (restore done %.2f s, RUNNING %.2f s), %,d records"
                        + " from %d changelog partitions, peak RSS %s", scratch.readySeconds(), scratch.restoredSeconds(),
                scratch.runningSeconds(), scratch.restoredRecords(), scratch.restoredPartitions(), scratch.memory());

        Failover killed;
        Failover terminated;
        List<MemoryWatch.Peak> standbyPeaks = new ArrayList<>();
        try (JavaProcess processA = a.start(launcher, "restore-a-standby", 1);
             MemoryWatch watchA = MemoryWatch.of(processA);
             JavaProcess processB = b.start(launcher, "restore-b-standby", 1);
             MemoryWatch watchB = MemoryWatch.of(processB)) {
            awaitReady(a, processA, System.nanoTime());
            awaitReady(b, processB, System.nanoTime());
            awaitSplit(all, a, b, processA, processB, out);
            awaitStandbysCaughtUp(a, b, out);
            Split split = awaitSplit(all, a, b, processA, processB, out);
            boolean aVictim = split.heldBy(a) >= split.heldBy(b);
            Instance victim = aVictim ? a : b;
            Instance survivor = aVictim ? b : a;
            killed = failover("SIGKILL", aVictim ? processA : processB, victim, survivor,
                    aVictim ? processB : processA, all);
            out.line("Restore: %s", describe(killed));
            standbyPeaks.add((aVictim ? watchA : watchB).peak());
            RestoreStorage.delete(victim.stateDir());

            JavaProcess survivorProcess = aVictim ? processB : processA;
            try (JavaProcess rejoined = victim.start(launcher, "restore-" + victim.name() + "-rejoined", 1);
                 MemoryWatch watchRejoined = MemoryWatch.of(rejoined)) {
                awaitReady(victim, rejoined, System.nanoTime());
                awaitSplit(all, survivor, victim, survivorProcess, rejoined, out);
                awaitStandbysCaughtUp(survivor, victim, out);
                awaitSplit(all, survivor, victim, survivorProcess, rejoined, out);
                terminated = failover("SIGTERM", survivorProcess, survivor, victim, rejoined, all);
                out.line("Restore: %s", describe(terminated));
                standbyPeaks.add((aVictim ? watchB : watchA).peak());
                standbyPeaks.add(watchRejoined.peak());
            }
        }
        MemoryWatch.Peak standbyMemory = standbyPeaks.stream()
                .max((x, y) -> Long.compare(x.peakBytes(), y.peakBytes())).orElseThrow();
        return new Result(enterprises, from, to, meterInterval, sampleInterval, loaded.eventsSent(), backfillSeconds,
                inputRecords, processing, processingMemory, stateBytes, changelogs, kept, scratch, killed, terminated,
                standbyMemory);
    }

    static String describe(Failover f) {
        return String.format("fail-over after %s: survivor held %d of %d enterprises before; victim gone in %.2f s,"
                        + " group rebalanced at %.2f s, survivor served all at %.2f s, restoring %,d records from %d"
                        + " changelog partitions", f.signal(), f.heldBefore(), f.enterprises(), f.victimExitSeconds(),
                f.rebalanceSeconds(), f.servingAllSeconds(), f.restoredRecords(), f.restoredPartitions());
    }

    private PipelineLauncher launcher() {
        Path config = workDir.resolve("restore-log4j2.xml");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, RestoreLog.configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvm = new ArrayList<>(javaOptions);
        jvm.add("-Dlog4j2.configurationFile=" + config.toAbsolutePath());
        return new PipelineLauncher(cluster, PREFIX, partitions, heap, jvm, logDir, overrides);
    }

    private Startup startAndStop(PipelineLauncher launcher, Instance instance, String name) throws InterruptedException {
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        try (JavaProcess process = instance.start(launcher, name, 0); MemoryWatch watch = MemoryWatch.of(process)) {
            double ready = awaitReady(instance, process, startNanos);
            RestoreLog log = RestoreLog.read(process.log());
            List<RestoreLog.Restored> restored = log.restoredSince(startMillis);
            double running = log.firstTransitionTo("RUNNING", startMillis).stream()
                    .mapToDouble(t -> (t - startMillis) / 1000.0).findFirst().orElse(Double.NaN);
            double restoredSeconds = restored.stream().mapToLong(RestoreLog.Restored::atMillis).max().stream()
                    .mapToDouble(t -> (t - startMillis) / 1000.0).findFirst().orElse(Double.NaN);
            return new Startup(ready, running, restoredSeconds,
                    restored.stream().mapToLong(RestoreLog.Restored::records).sum(), restored.size(), watch.peak());
        }
    }

    /** Seconds from {@code sinceNanos} until the instance's /health/ready answers 200. */
    private static double awaitReady(Instance instance, JavaProcess process, long sinceNanos) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_TIMEOUT.toNanos();
        while (true) {
            if (instance.probe().health().ready()) {
                return (System.nanoTime() - sinceNanos) / 1e9;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; see " + process.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not ready within " + WAIT_TIMEOUT);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until both instances are ready and between them answer for every subject exactly once. */
    private static Split awaitSplit(Subjects all, Instance one, Instance other, JavaProcess oneProcess,
                                    JavaProcess otherProcess, PrintOut out) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_TIMEOUT.toNanos();
        while (true) {
            Optional<Set<String>> first = one.probe().health().ready() ? one.probe().heldSubjects("ENTERPRISE")
                    : Optional.empty();
            Optional<Set<String>> second = other.probe().health().ready() ? other.probe().heldSubjects("ENTERPRISE")
                    : Optional.empty();
            if (first.isPresent() && second.isPresent()) {
                Set<String> union = new HashSet<>(first.get());
                union.addAll(second.get());
                if (union.equals(all.enterpriseIds()) && first.get().size() + second.get().size() == union.size()) {
                    Split split = new Split(Map.of(one.name(), first.get().size(), other.name(), second.get().size()));
                    out.line("Restore: instance %s holds %d enterprises, instance %s holds %d", one.name(),
                            split.heldBy(one), other.name(), split.heldBy(other));
                    return split;
                }
            }
            if (!oneProcess.isAlive() || !otherProcess.isAlive()) {
                throw new IllegalStateException("An instance exited; see " + oneProcess.log() + ", " + otherProcess.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Instances did not share the park's enterprises within " + WAIT_TIMEOUT);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until some instance keeps standby tasks and neither instance's restore consumer has read a changelog
     * record for {@link #QUIET}.
     */
    private static void awaitStandbysCaughtUp(Instance one, Instance other, PrintOut out) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + MAX_CATCH_UP.toNanos();
        double lastRead = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            double standbys = one.probe().standbyTasks() + other.probe().standbyTasks();
            double read = one.probe().changelogRecordsRead().orElse(-1.0)
                    + other.probe().changelogRecordsRead().orElse(-1.0);
            if (read != lastRead || standbys == 0) {
                lastRead = read;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                out.line("Restore: %.0f standby tasks caught up after %.1f s (%,.0f changelog records read by both)",
                        standbys, (System.nanoTime() - start) / 1e9, read);
                return;
            }
            Thread.sleep(1000);
        }
        out.line("Restore: standbys still reading changelogs after %s; failing over anyway", MAX_CATCH_UP);
    }

    private static Failover failover(String signal, JavaProcess victimProcess, Instance victim, Instance survivor,
                                     JavaProcess survivorProcess, Subjects all) throws InterruptedException {
        int heldBefore = survivor.probe().heldSubjects("ENTERPRISE").map(Set::size).orElse(-1);
        ProcessHandle handle = ProcessHandle.of(victimProcess.pid())
                .orElseThrow(() -> new IllegalStateException(victim.name() + " is gone already"));
        long signalMillis = System.currentTimeMillis();
        long signalNanos = System.nanoTime();
        boolean sent = "SIGKILL".equals(signal) ? handle.destroyForcibly() : handle.destroy();
        if (!sent) {
            throw new IllegalStateException("Cannot signal " + victimProcess.name());
        }
        CompletableFuture<Double> victimExit = handle.onExit().thenApply(h -> (System.nanoTime() - signalNanos) / 1e9);
        long deadline = signalNanos + WAIT_TIMEOUT.toNanos();
        double servingAll;
        while (true) {
            if (survivor.probe().health().ready() && survivorServesAll(survivor, all)) {
                servingAll = (System.nanoTime() - signalNanos) / 1e9;
                break;
            }
            if (!survivorProcess.isAlive()) {
                throw new IllegalStateException(survivorProcess.name() + " exited; see " + survivorProcess.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(survivorProcess.name() + " did not take over within " + WAIT_TIMEOUT);
            }
            Thread.sleep(POLL.toMillis());
        }
        double victimExitSeconds;
        try {
            victimExitSeconds = victimExit.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(victimProcess.name() + " did not exit", e);
        }
        RestoreLog log = RestoreLog.read(survivorProcess.log());
        OptionalLong rebalance = log.firstTransitionTo("REBALANCING", signalMillis);
        List<RestoreLog.Restored> restored = log.restoredSince(signalMillis);
        return new Failover(signal, heldBefore, all.enterpriseIds().size(), victimExitSeconds,
                rebalance.isPresent() ? (rebalance.getAsLong() - signalMillis) / 1000.0 : Double.NaN, servingAll,
                restored.stream().mapToLong(RestoreLog.Restored::records).sum(), restored.size());
    }

    private static boolean survivorServesAll(Instance survivor, Subjects all) {
        return survivor.probe().heldSubjects("ENTERPRISE").map(held -> held.containsAll(all.enterpriseIds()))
                .orElse(false)
                && survivor.probe().heldSubjects("PARK").map(held -> held.contains(all.parkId())).orElse(false);
    }

    /** The subjects of the park: every one must be answered for by some instance. */
    private record Subjects(Set<String> enterpriseIds, String parkId) {
    }

    /** Enterprises each instance answers for, by instance name. */
    private record Split(Map<String, Integer> held) {
        int heldBy(Instance instance) {
            return held.getOrDefault(instance.name(), 0);
        }
    }

    /** A pipeline instance: its own state directory and a fixed API port, kept across its restarts. */
    private record Instance(String name, Path stateDir, int port, RestoreProbe probe) {

        Instance(String name, Path stateDir, int port) {
            this(name, stateDir, port, new RestoreProbe(port));
        }

        JavaProcess start(PipelineLauncher launcher, String processName, int standbyReplicas) {
            return launcher.start(processName, APPLICATION_ID, stateDir, Map.of(
                    "parkwatch.api.port", Integer.toString(port),
                    "parkwatch.num.standby.replicas", Integer.toString(standbyReplicas)));
        }
    }
}
