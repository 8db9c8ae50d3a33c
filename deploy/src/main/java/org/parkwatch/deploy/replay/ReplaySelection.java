package org.parkwatch.deploy.replay;

import java.util.Optional;
import java.util.Set;

import org.parkwatch.avro.DeadLetter;

/**
 * Decides, letter by letter in the order of the dead-letter topic, what a replay request does with each dead letter:
 * replay it, skip it because an earlier run replayed it, refuse it with a reason, or leave it for a later run once
 * the limit is reached. A letter is known by its own coordinates on the dead-letter topic
 * ({@code topic/partition@offset}), so a record refused again after a replay is a new letter, replayable in turn.
 */
public final class ReplaySelection {

    private final ReplayRequest request;
    private final ReplayTargets targets;
    private final Set<String> alreadyReplayed;
    private int replays;

    /** @param alreadyReplayed the coordinates of every letter replayed by an earlier run */
    public ReplaySelection(ReplayRequest request, ReplayTargets targets, Set<String> alreadyReplayed) {
        this.request = request;
        this.targets = targets;
        this.alreadyReplayed = Set.copyOf(alreadyReplayed);
    }

    /** The coordinates that name a dead letter: where it sits on the dead-letter topic. */
    public static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    /** What becomes of the letter at {@code coordinates}; empty when the request does not name it. */
    public Optional<ReplayDecision> decide(String coordinates, DeadLetter letter) {
        if (!request.matches(letter)) {
            return Optional.empty();
        }
        if (alreadyReplayed.contains(coordinates)) {
            return Optional.of(new ReplayDecision.AlreadyReplayed());
        }
        Optional<String> refusal = targets.refusal(letter.getSourceTopic(), letter.getSourcePartition());
        if (refusal.isPresent()) {
            return Optional.of(new ReplayDecision.NotReplayable(refusal.get()));
        }
        if (letter.getOriginalValue() == null) {
            return Optional.of(new ReplayDecision.NotReplayable("the letter carries no bytes (the record was larger "
                    + "than a dead letter holds): its detail says where to read them"));
        }
        if (request.limit().isPresent() && replays >= request.limit().getAsInt()) {
            return Optional.of(new ReplayDecision.OverLimit());
        }
        replays++;
        return Optional.of(new ReplayDecision.Replay());
    }
}
