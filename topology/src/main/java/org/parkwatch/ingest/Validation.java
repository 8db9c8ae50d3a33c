package org.parkwatch.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.parkwatch.avro.RejectReason;

/** The outcome of validating one input event: either the canonical activity or the reason it was rejected. */
public sealed interface Validation<T> permits Validation.Accepted, Validation.Rejected {

    /** The event was accepted and converted into {@code activity}. */
    record Accepted<T>(T activity) implements Validation<T> {
        public Accepted {
            Objects.requireNonNull(activity, "activity");
        }
    }

    /** The event was rejected. */
    record Rejected<T>(Rejection rejection) implements Validation<T> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static <T> Validation<T> accept(T activity) {
        return new Accepted<>(activity);
    }

    static <T> Validation<T> reject(RejectReason reason, String detail) {
        return new Rejected<>(new Rejection(reason, detail));
    }

    default boolean isAccepted() {
        return this instanceof Accepted<T>;
    }

    /** The activity when accepted. */
    default Optional<T> accepted() {
        return this instanceof Accepted<T> accepted ? Optional.of(accepted.activity()) : Optional.empty();
    }

    /** The rejection when rejected. */
    default Optional<Rejection> rejected() {
        return this instanceof Rejected<T> rejected ? Optional.of(rejected.rejection()) : Optional.empty();
    }

    /** Applies {@code onRejected} or {@code onAccepted}, whichever matches. */
    default <R> R fold(Function<Rejection, R> onRejected, Function<T, R> onAccepted) {
        if (this instanceof Accepted<T> accepted) {
            return onAccepted.apply(accepted.activity());
        }
        return onRejected.apply(((Rejected<T>) this).rejection());
    }
}
