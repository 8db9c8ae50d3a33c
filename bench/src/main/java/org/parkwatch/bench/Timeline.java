package org.parkwatch.bench;

import java.util.List;

/**
 * Committed input offsets of an application over time, from its first sample to the one that reached the end of
 * its input. The steady rate leaves out start-up (JVM, group join, restoring reference data): it counts from the
 * first sample on which the application had committed anything.
 */
record Timeline(List<Sample> samples) {

    record Sample(long nanos, long committed) {
    }

    Timeline {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        samples = List.copyOf(samples);
    }

    /**
     * The timeline with its end moved to {@code nanos}: the input was all committed earlier, but work it caused
     * (the park level reading the repartition topic) went on until then.
     */
    Timeline endingAt(long nanos) {
        List<Sample> extended = new java.util.ArrayList<>(samples);
        extended.add(new Sample(nanos, last().committed()));
        return new Timeline(extended);
    }

    Sample last() {
        return samples.get(samples.size() - 1);
    }

    /** Seconds from the first sample (the process start, taken right after launching it) to the end. */
    double wallSeconds() {
        return (last().nanos() - samples.get(0).nanos()) / 1e9;
    }

    /** Records per second from the first commit to the end of the input. */
    double steadyRate() {
        Sample first = samples.stream().filter(s -> s.committed() > 0).findFirst().orElse(last());
        double seconds = (last().nanos() - first.nanos()) / 1e9;
        return seconds <= 0 ? Double.NaN : (last().committed() - first.committed()) / seconds;
    }

    /** Seconds from the first sample to the first commit: start-up. */
    double startupSeconds() {
        Sample first = samples.stream().filter(s -> s.committed() > 0).findFirst().orElse(last());
        return (first.nanos() - samples.get(0).nanos()) / 1e9;
    }
}
