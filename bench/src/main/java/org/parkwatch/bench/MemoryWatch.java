package org.parkwatch.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident memory every second: the kernel's own peak (VmHWM) and the last value seen, so a
 * report can tell a peak at start-up from growth that never stops.
 */
final class MemoryWatch implements AutoCloseable {

    /** Peak and final resident set, in bytes. */
    record Peak(long peakBytes, long lastBytes) {
        @Override
        public String toString() {
            return String.format("%d MiB (last %d MiB)", peakBytes >> 20, lastBytes >> 20);
        }
    }

    private final JavaProcess process;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "memory-watch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    private MemoryWatch(JavaProcess process) {
        this.process = process;
    }

    static MemoryWatch of(JavaProcess process) {
        MemoryWatch watch = new MemoryWatch(process);
        watch.timer.scheduleAtFixedRate(watch::sample, 0, 1, TimeUnit.SECONDS);
        return watch;
    }

    private void sample() {
        process.peakResidentBytes().ifPresent(b -> peak.accumulateAndGet(b, Math::max));
        process.residentBytes().ifPresent(last::set);
    }

    /** The figures so far (sampled once more now). */
    Peak peak() {
        sample();
        return new Peak(peak.get(), last.get());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
