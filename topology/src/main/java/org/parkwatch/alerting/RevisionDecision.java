package org.parkwatch.alerting;

import java.util.List;

/** The outcome of judging a revised closed window: the verdict to keep, and the transitions to emit, in order. */
public record RevisionDecision(ClosedVerdict next, List<Transition> transitions) {

    public RevisionDecision {
        transitions = List.copyOf(transitions);
    }
}
