package org.parkwatch.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an HTTPS server that demands a client certificate (mutual TLS). */
class RestSchemaRegistryClientTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static Path keyStore;
    private static Path trustStore;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        // One self-signed key pair serves as both server and client certificate; the trust store holds its cert.
        keyStore = dir.resolve("registry.p12");
        trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("registry.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        SSLContext serverContext = SslContexts.forSettings(RegistryClientSettings.forUrls("https://127.0.0.1")
                .withKeyStore(keyStore, PASSWORD, "PKCS12").withTrustStore(trustStore, PASSWORD, "PKCS12"));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters params) {
                var parameters = serverContext.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/subjects", exchange -> {
            byte[] body = "[\"tls-value\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopHttpsServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldTalkToRegistryOverMutualTls() {
        var client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(url())
                .withTrustStore(trustStore, PASSWORD, "PKCS12")
                .withKeyStore(keyStore, PASSWORD, "PKCS12"));

        assertThat(client.subjects()).containsExactly("tls-value");
    }

    @Test
    void shouldFailWithoutClientCertificate() {
        var client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(url())
                .withTrustStore(trustStore, PASSWORD, "PKCS12"));

        assertThatThrownBy(client::subjects).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldFailWhenServerCertificateIsNotTrusted() {
        var client = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(url())
                .withKeyStore(keyStore, PASSWORD, "PKCS12"));

        assertThatThrownBy(client::subjects).isInstanceOf(UncheckedIOException.class);
    }

    private static String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
