package org.parkwatch.serde.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.parkwatch.serde.registry.RegistryClientSettings.StoreFile;

/** Builds the TLS context of the registry client from the configured trust and key stores. */
final class SslContexts {

    private SslContexts() {
    }

    /** The context for these settings, or the JDK default when no store is configured. */
    static SSLContext forSettings(RegistryClientSettings settings) {
        if (settings.trustStore().isEmpty() && settings.keyStore().isEmpty()) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }
        try {
            TrustManager[] trustManagers = null;
            if (settings.trustStore().isPresent()) {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load(settings.trustStore().get()));
                trustManagers = factory.getTrustManagers();
            }
            KeyManager[] keyManagers = null;
            if (settings.keyStore().isPresent()) {
                StoreFile store = settings.keyStore().get();
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(store), chars(store.password()));
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build the TLS context for the schema registry: "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(StoreFile store) throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(store.type());
        try (InputStream in = Files.newInputStream(store.location())) {
            keyStore.load(in, chars(store.password()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.type() + " store " + store.location(), e);
        }
        return keyStore;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
