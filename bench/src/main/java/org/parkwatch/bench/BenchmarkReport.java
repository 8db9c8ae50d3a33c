package org.parkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The figures of one run as Markdown, the form BENCHMARKS.md quotes them in. */
final class BenchmarkReport {

    private final List<String> sections = new ArrayList<>();

    BenchmarkReport(MachineDescription machine, String command) {
        sections.add("## Run of " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n"
                + "- Machine: " + machine + "\n"
                + "- Command: `" + command + "`\n");
    }

    void throughput(ThroughputPhase.Result r, int threads) {
        sections.add(String.format("""
                ### Sustained throughput (%,d pre-loaded events, %d stream thread(s), exactly_once_v2)

                | Reader of the same input topics | records/s | wall time |
                |---|---:|---:|
                | Kafka ConsumerPerformance (whole run / fetch only) | %,.0f / %,.0f | |
                | Kafka Streams pass-through, same Avro serdes | %,.0f | %.1f s |
                | ParkWatch pipeline (every store on) | %,.0f | %.1f s |

                - ParkWatch / pass-through: **%.2f**; ParkWatch / consumer: **%.3f**
                - The pipeline's rate counts until the whole topology had caught up (%s): inputs committed after
                  %.1f s, park level done after %.1f s
                - Park year-to-date totals at the end sum %,d ledger entries; the ledger holds %,d: **%s**
                - Pipeline start-up to first commit: %.1f s (not counted in the rate); peak RSS %s

                %s
                """, r.records(), threads, r.consumer().recordsPerSecond(), r.consumer().fetchRecordsPerSecond(),
                r.passThrough().steadyRate(), r.passThrough().wallSeconds(), r.pipeline().steadyRate(),
                r.pipeline().wallSeconds(), r.ratioToPassThrough(), r.ratioToConsumer(), r.caughtUpBy(),
                r.inputsDoneSeconds(), r.pipeline().wallSeconds(), r.parkEntries(), r.ledgerEntries(),
                r.reconciled() ? "reconciled" : "MISMATCH", r.pipeline().startupSeconds(), r.pipelineMemory(),
                workPerEvent(r)));
    }

    /** Records written to Kafka per input event, per topic (end-offset growth, transaction markers included). */
    private static String workPerEvent(ThroughputPhase.Result r) {
        StringBuilder table = new StringBuilder(String.format(
                "Records written to Kafka per input event (end-offset growth over the run, transaction markers"
                        + " included): **%.2f** in all%n%n| Topic | records | per input event |%n|---|---:|---:|%n",
                r.writtenInAll() / (double) r.records()));
        r.written().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> table.append(String.format("| %s | %,d | %.2f |%n", e.getKey(), e.getValue(),
                        e.getValue() / (double) r.records())));
        return table.toString();
    }

    void restore(RestorePhase.Result r) {
        sections.add(String.format("""
                ### Restore (%,d enterprises, %s to %s, readings every %s; %,d events)

                - Processing the backfill: %,.0f input records/s steady, %.1f s in all; peak RSS %s
                - State after it: %,.1f MiB on disk; changelogs %s
                | Start | ready (s) | RUNNING (s) | restore done (s) | records restored | peak RSS |
                |---|---:|---:|---:|---:|---|
                | restart, state kept | %.1f | %.1f | %.1f | %,d | %s |
                | restart, state deleted | %.1f | %.1f | %.1f | %,d | %s |

                | Fail-over with one standby replica | victim gone (s) | rebalance seen (s) | survivor serves all (s) | records restored |
                |---|---:|---:|---:|---:|
                | %s of the instance holding most tasks | %.1f | %.1f | %.1f | %,d |
                | %s of the survivor, back to the restarted one | %.1f | %.1f | %.1f | %,d |

                - Peak RSS of the two instances with standbys: %s
                """, r.enterprises(), r.from(), r.to(), r.meterInterval(), r.events(),
                r.processing().steadyRate(), r.processing().wallSeconds(), r.processingMemory(),
                r.stateBytes() / (double) (1 << 20), r.changelogs(),
                r.keptState().readySeconds(), r.keptState().runningSeconds(), r.keptState().restoredSeconds(),
                r.keptState().restoredRecords(), r.keptState().memory(),
                r.fromScratch().readySeconds(), r.fromScratch().runningSeconds(), r.fromScratch().restoredSeconds(),
                r.fromScratch().restoredRecords(), r.fromScratch().memory(),
                r.killed().signal(), r.killed().victimExitSeconds(), r.killed().rebalanceSeconds(),
                r.killed().servingAllSeconds(), r.killed().restoredRecords(),
                r.terminated().signal(), r.terminated().victimExitSeconds(), r.terminated().rebalanceSeconds(),
                r.terminated().servingAllSeconds(), r.terminated().restoredRecords(), r.standbyMemory()));
    }

    void section(String markdown) {
        sections.add(markdown);
    }

    String markdown() {
        return String.join("\n", sections);
    }

    void writeTo(Path file) throws IOException {
        Files.writeString(file, markdown());
    }
}
