package org.parkwatch.registry.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The two roles of Confluent's registry security: a reader (serializers that do not register, deserializers,
 * browsing tools) and a writer (the release process, serializers that register their schemas, operators).
 */
public enum RegistryRole {
    /** Reads schemas, subjects, versions and configuration; may also ask whether a schema is registered or compatible. */
    READ_ONLY("read-only"),
    /** Everything a reader may, and registers, deletes and changes configuration. */
    READ_WRITE("read-write");

    private final String fileName;

    RegistryRole(String fileName) {
        this.fileName = fileName;
    }

    /** The role's name in the password file. */
    public String fileName() {
        return fileName;
    }

    static Optional<RegistryRole> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (RegistryRole role : values()) {
            if (role.fileName.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
