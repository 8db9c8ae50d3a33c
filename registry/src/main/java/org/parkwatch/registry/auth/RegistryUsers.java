package org.parkwatch.registry.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.jetty.util.security.Credential;

/**
 * The registry's users, read from a password file in the format of Jetty's {@code PropertyUserStore}, which is the
 * file Confluent's registry reads (through Jetty's {@code PropertyFileLoginModule}), so an operator's existing file
 * works unchanged: one line per user, {@code name: credential,role[,role...]}, roles {@code read-only} or
 * {@code read-write}. The credential is what Jetty's {@link Credential} checks: {@code MD5:<hex>},
 * {@code CRYPT:<crypt>}, {@code MD:SHA-256:<hex>} (hashes), {@code OBF:<...>} (obfuscated, not hashed) or the
 * password itself. Comparisons are Jetty's constant-time ones.
 */
public final class RegistryUsers {

    /** Checked when the name is unknown, so that an unknown name costs as long as a wrong password. */
    private static final Credential NOBODY = Credential.getCredential("MD5:00000000000000000000000000000000");

    private record User(Credential credential, RegistryRole role) {
    }

    private final Map<String, User> users;

    private RegistryUsers(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /**
     * Reads {@code passwordFile}.
     *
     * @throws IllegalArgumentException naming the user whose line has no credential, no role or an unknown role
     */
    public static RegistryUsers load(Path passwordFile) {
        Properties lines = new Properties();
        try (Reader in = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8)) {
            lines.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the registry password file " + passwordFile + ": "
                    + e.getMessage(), e);
        }
        Map<String, User> users = new HashMap<>();
        for (String name : lines.stringPropertyNames()) {
            String[] parts = lines.getProperty(name).split(",");
            if (parts.length < 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("User " + name + " in " + passwordFile
                        + " needs a credential and a role: " + name + ": <credential>,read-only|read-write");
            }
            RegistryRole role = Arrays.stream(parts, 1, parts.length)
                    .map(roleName -> RegistryRole.named(roleName).orElseThrow(() -> new IllegalArgumentException(
                            "User " + name + " in " + passwordFile + " has role " + roleName.trim()
                                    + "; the roles are read-only and read-write")))
                    .max(Comparator.naturalOrder()).orElseThrow();
            users.put(name, new User(Credential.getCredential(parts[0].trim()), role));
        }
        return new RegistryUsers(users);
    }

    /** The role of {@code name} when {@code password} is theirs; empty otherwise. */
    public Optional<RegistryRole> authenticate(String name, String password) {
        User user = name == null ? null : users.get(name);
        boolean matches = (user == null ? NOBODY : user.credential()).check(password == null ? "" : password);
        return user != null && matches ? Optional.of(user.role()) : Optional.empty();
    }

    public int size() {
        return users.size();
    }
}
