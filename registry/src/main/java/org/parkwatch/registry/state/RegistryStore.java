package org.parkwatch.registry.state;

import java.util.function.Function;

/** Where the registry state lives: queries read it, commands change it through the store's log. */
public interface RegistryStore {

    /** Answers a query from the current state. */
    <T> T read(Function<RegistryState, T> query);

    /** Carries out a change and answers with its outcome, or throws its refusal as {@link RegistryException}. */
    <R> R submit(RegistryCommand<R> command);
}
