package org.parkwatch.deploy.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.parkwatch.avro.RejectReason;

/** Counts of what a run did, per reason and source topic, and the summary lines an operator reads. */
public final class ReplayTally {

    private final Map<String, Counts> byReasonAndTopic = new TreeMap<>();
    private final boolean dryRun;
    private int unreadable;

    /** @param dryRun whether nothing is written, so the lines say "would replay" */
    public ReplayTally(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Adds a decision about a letter of {@code reason} read from {@code sourceTopic}. */
    public void add(RejectReason reason, String sourceTopic, ReplayDecision decision) {
        Counts counts = byReasonAndTopic.computeIfAbsent(reason + " " + sourceTopic, k -> new Counts());
        if (decision instanceof ReplayDecision.Replay) {
            counts.replayed++;
        } else if (decision instanceof ReplayDecision.AlreadyReplayed) {
            counts.alreadyReplayed++;
        } else if (decision instanceof ReplayDecision.NotReplayable) {
            counts.notReplayable++;
        } else {
            counts.overLimit++;
        }
    }

    /** Counts a record of the dead-letter topic that is no dead letter this version can read. */
    public void unreadable() {
        unreadable++;
    }

    public int unreadableCount() {
        return unreadable;
    }

    public int replayed() {
        return byReasonAndTopic.values().stream().mapToInt(c -> c.replayed).sum();
    }

    public int alreadyReplayed() {
        return byReasonAndTopic.values().stream().mapToInt(c -> c.alreadyReplayed).sum();
    }

    public int notReplayable() {
        return byReasonAndTopic.values().stream().mapToInt(c -> c.notReplayable).sum();
    }

    public int overLimit() {
        return byReasonAndTopic.values().stream().mapToInt(c -> c.overLimit).sum();
    }

    /** One line per reason and source topic, then the total. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        byReasonAndTopic.forEach((reasonAndTopic, c) -> lines.add(reasonAndTopic + ": " + describe(c.replayed,
                c.alreadyReplayed, c.notReplayable, c.overLimit)));
        String total = "Total: " + describe(replayed(), alreadyReplayed(), notReplayable(), overLimit());
        lines.add(unreadable == 0 ? total : total + ", unreadable " + unreadable);
        return lines;
    }

    private String describe(int replayed, int alreadyReplayed, int notReplayable, int overLimit) {
        String line = (dryRun ? "would replay " : "replayed ") + replayed + ", skipped as already replayed "
                + alreadyReplayed + ", not replayable " + notReplayable;
        return overLimit == 0 ? line : line + ", left for a later run (--limit) " + overLimit;
    }

    private static final class Counts {
        int replayed;
        int alreadyReplayed;
        int notReplayable;
        int overLimit;
    }
}
