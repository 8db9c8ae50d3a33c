package org.parkwatch.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The API on HTTPS: the key store holding this instance's certificate, and what it trusts when it forwards a
 * query to another instance (the JDK's trusted roots when no trust store is given). Peers are reached by their
 * advertised host name, which their certificates must name.
 *
 * @param keyStore           PKCS12 or JKS key store of this instance's certificate and key
 * @param keyStorePassword   its password
 * @param keyStoreType       PKCS12 or JKS
 * @param trustStore         certificates trusted when forwarding to other instances; empty for the JDK's
 * @param trustStorePassword its password
 */
public record ApiTls(Path keyStore, String keyStorePassword, String keyStoreType, Optional<Path> trustStore,
                     String trustStorePassword) {

    public ApiTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    }

    /** Hides the passwords from logs and exception messages. */
    @Override
    public String toString() {
        return "ApiTls[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + ", trustStore=" + trustStore + "]";
    }

    /** The TLS context of requests to other instances. */
    SSLContext peerContext() {
        try {
            if (trustStore.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(keyStoreType);
            try (InputStream in = Files.newInputStream(trustStore.get())) {
                trusted.load(in, trustStorePassword.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the API trust store " + trustStore.orElse(null) + ": "
                    + e.getMessage(), e);
        }
    }
}
