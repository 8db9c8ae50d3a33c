package org.parkwatch.gateway.intake;

import java.util.concurrent.CompletableFuture;

/** Writes what an {@link Outcome} holds; the future completes once every write is acknowledged. */
@FunctionalInterface
public interface OutcomePublisher {

    /** @param peer the device's address, kept with the raw packet */
    CompletableFuture<Void> publish(Outcome outcome, String peer);
}
