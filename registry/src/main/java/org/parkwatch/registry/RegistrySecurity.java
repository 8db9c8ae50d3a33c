package org.parkwatch.registry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a registry instance protects itself: HTTP basic authentication against a password file (Jetty's format, as
 * Confluent's registry reads it; see {@link org.parkwatch.registry.auth.RegistryUsers}) and TLS from a key store.
 * Without a password file every request is answered, which is acceptable only on a loopback address.
 *
 * @param passwordFile users, credentials and roles; empty for an open registry
 * @param tls          the key store of the server's certificate; empty for plain HTTP
 */
public record RegistrySecurity(Optional<Path> passwordFile, Optional<Tls> tls) {

    /**
     * The server's certificate and key.
     *
     * @param keyStore         a PKCS12 or JKS key store
     * @param keyStorePassword its password
     * @param keyStoreType     PKCS12 or JKS
     */
    public record Tls(Path keyStore, String keyStorePassword, String keyStoreType) {

        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
            Objects.requireNonNull(keyStoreType, "keyStoreType");
        }

        /** Hides the password from logs and exception messages. */
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + "]";
        }
    }

    public RegistrySecurity {
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(tls, "tls");
    }

    /** No authentication, plain HTTP: the local stack on loopback, and tests. */
    public static RegistrySecurity open() {
        return new RegistrySecurity(Optional.empty(), Optional.empty());
    }

    public RegistrySecurity withPasswordFile(Path file) {
        return new RegistrySecurity(Optional.of(file), tls);
    }

    public RegistrySecurity withTls(Tls newTls) {
        return new RegistrySecurity(passwordFile, Optional.of(newTls));
    }

    public boolean authenticates() {
        return passwordFile.isPresent();
    }
}
