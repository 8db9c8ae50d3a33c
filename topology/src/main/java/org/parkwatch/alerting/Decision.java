package org.parkwatch.alerting;

import java.util.Optional;

/** The outcome of judging: the state to store, and the transition to emit if the alert's state changed. */
public record Decision(AlertState next, Optional<Transition> transition) {

    static Decision quiet(AlertState next) {
        return new Decision(next, Optional.empty());
    }

    static Decision emit(AlertState next, Transition t) {
        return new Decision(next, Optional.of(t));
    }
}
