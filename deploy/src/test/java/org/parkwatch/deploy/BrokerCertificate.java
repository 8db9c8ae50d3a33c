package org.parkwatch.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for a broker on 127.0.0.1, made with the JDK's keytool: a PKCS12 key store for the
 * broker, and the certificate as a PEM file that clients trust (Kafka reads PEM trust stores without a password).
 */
record BrokerCertificate(Path keyStore, String password, Path certificate) {

    private static final String ALIAS = "broker";

    static BrokerCertificate create(Path dir, String password) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path keyStore = dir.resolve("broker.p12");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-keypass", password);
        // The certificate alone, as keytool -exportcert -rfc writes it, without a second JVM.
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(store.getCertificate(ALIAS).getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path certificate = Files.writeString(dir.resolve("broker.pem"), pem, StandardCharsets.US_ASCII);
        return new BrokerCertificate(keyStore, password, certificate);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
