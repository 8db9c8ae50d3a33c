package org.parkwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;

/**
 * A registry on HTTPS with basic authentication, driven by Confluent's own Python client with
 * {@code basic.auth.user.info} (src/test/python/confluent_auth_check.py): a read-write user registers and deletes,
 * a read-only user reads and is refused writes (403, 40301), no or wrong credentials are refused (401, 401).
 */
@Timeout(180)
class SecuredRegistryPythonClientIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/confluent_auth_check.py");
    private static final String KEYSTORE_PASSWORD = "registry-keystore-secret";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireConfluentClient() throws Exception {
        boolean importable = Files.isExecutable(PYTHON)
                && run(PYTHON.toString(), "-c", "import confluent_kafka.schema_registry").exitCode() == 0;
        assumeTrue(importable, "/usr/bin/python3 cannot import confluent_kafka.schema_registry: install Debian's "
                + "python3-confluent-kafka and python3-requests (bin/test-setup does)");
    }

    private static String md5(String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldLetConfluentsPythonClientInWithItsRoleAndRefuseItWithout() throws Exception {
        Path keyStore = dir.resolve("registry.p12");
        Path caPem = dir.resolve("ca.pem");
        makeCertificates(keyStore, caPem);
        // Jetty's format, as Confluent's registry reads it: name: credential,role
        Path passwords = dir.resolve("registry.password");
        Files.write(passwords, List.of(
                "# users of the registry",
                "release: MD5:" + md5("release-secret") + ",read-write",
                "pipeline: MD5:" + md5("pipeline-secret") + ",read-only"));
        RegistrySecurity security = RegistrySecurity.open().withPasswordFile(passwords)
                .withTls(new RegistrySecurity.Tls(keyStore, KEYSTORE_PASSWORD, "PKCS12"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
             SchemaRegistryServer server = SchemaRegistryServer.start(RegistrySettings
                     .of(broker.bootstrapServers(), 0).withTopic("schemas-secured-" + UUID.randomUUID()), security)) {
            assertThat(server.url()).startsWith("https://127.0.0.1:");

            Outcome outcome = run(PYTHON.toString(), SCRIPT.toString(), server.url(), caPem.toString(),
                    "release:release-secret", "pipeline:pipeline-secret");

            assertThat(outcome.exitCode()).as(outcome.output()).isZero();
            assertThat(outcome.output()).contains(
                    "OK writer register_schema\n",
                    "OK reader get_schema\n",
                    "OK reader lookup_schema\n",
                    "OK reader test_compatibility\n",
                    "OK reader register refused\n",
                    "OK reader delete refused\n",
                    "OK reader set_compatibility refused\n",
                    "OK anonymous get_subjects refused\n",
                    "OK anonymous register refused\n",
                    "OK wrong password refused\n",
                    "OK unknown user refused\n",
                    "OK writer register v2\n",
                    "OK writer delete_subject\n");
            assertThat(outcome.output()).endsWith("ALL CHECKS PASSED\n");
        }
    }

    /**
     * A test CA, and the registry's key signed by it for 127.0.0.1 and localhost: Python's ssl module refuses a
     * self-signed server certificate even when it is the one trusted.
     */
    private void makeCertificates(Path keyStore, Path caPem) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String ca = dir.resolve("ca.p12").toString();
        String ks = keyStore.toString();
        String csr = dir.resolve("registry.csr").toString();
        String signed = dir.resolve("registry.pem").toString();
        String pw = KEYSTORE_PASSWORD;
        List<String[]> steps = List.of(
                new String[] {keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=ParkWatch test CA",
                    "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca, "-storepass", pw},
                new String[] {keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", pw,
                    "-file", caPem.toString()},
                new String[] {keytool, "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-dname", "CN=localhost",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", ks, "-storepass", pw},
                new String[] {keytool, "-certreq", "-alias", "registry", "-keystore", ks, "-storepass", pw,
                    "-file", csr},
                new String[] {keytool, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", pw,
                    "-infile", csr, "-outfile", signed, "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth"},
                new String[] {keytool, "-importcert", "-noprompt", "-alias", "ca", "-keystore", ks, "-storepass", pw,
                    "-file", caPem.toString()},
                new String[] {keytool, "-importcert", "-alias", "registry", "-keystore", ks, "-storepass", pw,
                    "-file", signed});
        for (String[] step : steps) {
            Outcome outcome = run(step);
            assertThat(outcome.exitCode()).as(String.join(" ", step) + "\n" + outcome.output()).isZero();
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // requests lets these variables override the session's CA file, which is how Confluent's client applies
        // ssl.ca.location: a machine that sets them would make the client distrust the test CA.
        builder.environment().remove("REQUESTS_CA_BUNDLE");
        builder.environment().remove("CURL_CA_BUNDLE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out running " + String.join(" ", command) + "\n" + output);
        }
        return new Outcome(process.exitValue(), output);
    }
}
