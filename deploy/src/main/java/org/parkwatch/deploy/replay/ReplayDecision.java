package org.parkwatch.deploy.replay;

/** What becomes of one dead letter a request names. */
public sealed interface ReplayDecision {

    /** Re-produced to its source topic and partition, marked as a replay of it. */
    record Replay() implements ReplayDecision {
    }

    /** Replayed by an earlier run: never twice. */
    record AlreadyReplayed() implements ReplayDecision {
    }

    /** Cannot be replayed by this command; {@code why} says what to do instead. */
    record NotReplayable(String why) implements ReplayDecision {
    }

    /** Would be replayed, but this run has replayed as many as {@code --limit} allows; a later run will. */
    record OverLimit() implements ReplayDecision {
    }
}
