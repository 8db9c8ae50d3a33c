package org.parkwatch.registry.state;

import java.util.List;
import java.util.Optional;

/**
 * A change to the registry as it is written to the log. {@link #precheck} lets a writer answer without writing
 * (or refuse early) from its local state; {@link #applyTo} is what every instance does when the record is read.
 *
 * @param <R> the answer to the client
 */
public sealed interface RegistryCommand<R> {

    /** The subject changed, or {@code null} for the global configuration. */
    String subject();

    /** A short word naming the kind of change, used in log record keys. */
    String kind();

    /** Applies the change, or throws the refusal without changing anything. */
    R applyTo(RegistryState state);

    /**
     * Without changing anything: the answer when no change is needed, empty when the change must be written;
     * throws the refusal {@link #applyTo} would throw now.
     */
    Optional<R> precheck(RegistryState state);

    /** Registers a schema under a subject; a no-op answering the existing version when it is already there. */
    record RegisterSchema(String subject, String schema) implements RegistryCommand<RegisteredSchema> {
        @Override
        public String kind() {
            return "register";
        }

        @Override
        public RegisteredSchema applyTo(RegistryState state) {
            return state.register(subject, schema);
        }

        @Override
        public Optional<RegisteredSchema> precheck(RegistryState state) {
            return state.registrationWithoutChange(subject, schema);
        }
    }

    /** Soft-deletes a version, or removes a soft-deleted one for good when {@code permanent}. */
    record DeleteVersion(String subject, int version, boolean permanent) implements RegistryCommand<Integer> {
        @Override
        public String kind() {
            return "delete-version";
        }

        @Override
        public Integer applyTo(RegistryState state) {
            return state.deleteVersion(subject, version, permanent);
        }

        @Override
        public Optional<Integer> precheck(RegistryState state) {
            state.checkDeleteVersion(subject, version, permanent);
            return Optional.empty();
        }
    }

    /** Soft-deletes every live version of a subject, or removes a soft-deleted subject for good. */
    record DeleteSubject(String subject, boolean permanent) implements RegistryCommand<List<Integer>> {
        @Override
        public String kind() {
            return "delete-subject";
        }

        @Override
        public List<Integer> applyTo(RegistryState state) {
            return state.deleteSubject(subject, permanent);
        }

        @Override
        public Optional<List<Integer>> precheck(RegistryState state) {
            state.checkDeleteSubject(subject, permanent);
            return Optional.empty();
        }
    }

    /** Sets the compatibility level of a subject, or the global one when the subject is {@code null}. */
    record SetCompatibility(String subject, CompatibilityLevel level)
            implements RegistryCommand<CompatibilityLevel> {
        @Override
        public String kind() {
            return "config";
        }

        @Override
        public CompatibilityLevel applyTo(RegistryState state) {
            return state.setCompatibility(subject, level);
        }

        @Override
        public Optional<CompatibilityLevel> precheck(RegistryState state) {
            return Optional.empty();
        }
    }

    /** Removes a subject's own level so it follows the global one again; answers the removed level. */
    record ClearCompatibility(String subject) implements RegistryCommand<CompatibilityLevel> {
        @Override
        public String kind() {
            return "clear-config";
        }

        @Override
        public CompatibilityLevel applyTo(RegistryState state) {
            return state.clearCompatibility(subject);
        }

        @Override
        public Optional<CompatibilityLevel> precheck(RegistryState state) {
            state.checkClearCompatibility(subject);
            return Optional.empty();
        }
    }
}
