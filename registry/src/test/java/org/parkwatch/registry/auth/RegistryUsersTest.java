package org.parkwatch.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryUsersTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        Path file = dir.resolve("password");
        Files.write(file, List.of(lines));
        return file;
    }

    private static String hex(String algorithm, String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                .digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldAuthenticateHashedPasswordsWithTheirRole() throws Exception {
        RegistryUsers users = RegistryUsers.load(file(
                "# Jetty's PropertyUserStore format, as Confluent's registry reads it",
                "release: MD5:" + hex("MD5", "r-secret") + ",read-write",
                "pipeline= MD5:" + hex("MD5", "p-secret") + ", read-only",
                "simulator: MD:SHA-512:" + hex("SHA-512", "s-secret") + ",read-write",
                // what Jetty's Password tool prints as CRYPT for user auditor (the name is the salt)
                "auditor: " + org.eclipse.jetty.util.security.Credential.Crypt.crypt("auditor", "a-secret")
                        + ",read-only"));

        assertThat(users.size()).isEqualTo(4);
        assertThat(users.authenticate("simulator", "s-secret")).contains(RegistryRole.READ_WRITE);
        assertThat(users.authenticate("simulator", "p-secret")).isEmpty();
        assertThat(users.authenticate("release", "r-secret")).contains(RegistryRole.READ_WRITE);
        assertThat(users.authenticate("pipeline", "p-secret")).contains(RegistryRole.READ_ONLY);
        assertThat(users.authenticate("auditor", "a-secret")).contains(RegistryRole.READ_ONLY);
        assertThat(users.authenticate("auditor", "a-secreT")).isEmpty();
        assertThat(users.authenticate("release", "p-secret")).isEmpty();
        assertThat(users.authenticate("release", null)).isEmpty();
        assertThat(users.authenticate("nobody", "r-secret")).isEmpty();
    }

    @Test
    void shouldGiveTheStrongerRoleToAUserListedWithBoth() throws Exception {
        RegistryUsers users = RegistryUsers.load(file("ops: plain-secret,read-only,read-write"));

        assertThat(users.authenticate("ops", "plain-secret")).contains(RegistryRole.READ_WRITE);
    }

    @Test
    void shouldRefuseAFileWithAnUnknownRoleOrNoRole() throws Exception {
        assertThatThrownBy(() -> RegistryUsers.load(file("fred: secret,admin")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fred").hasMessageContaining("admin");
        assertThatThrownBy(() -> RegistryUsers.load(file("fred: secret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a credential and a role");
        assertThatThrownBy(() -> RegistryUsers.load(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot read");
    }

    @Test
    void shouldLetAReaderReadLookUpAndCheckCompatibilityButNotWrite() {
        assertThat(RegistryOperations.allows(RegistryRole.READ_ONLY, "GET", "/schemas/ids/1")).isTrue();
        assertThat(RegistryOperations.allows(RegistryRole.READ_ONLY, "POST", "/subjects/s-value")).isTrue();
        assertThat(RegistryOperations.allows(RegistryRole.READ_ONLY, "POST",
                "/compatibility/subjects/s-value/versions/latest")).isTrue();
        assertThat(RegistryOperations.allows(RegistryRole.READ_ONLY, "POST", "/subjects/s-value/versions")).isFalse();
        assertThat(RegistryOperations.allows(RegistryRole.READ_ONLY, "DELETE", "/subjects/s-value")).isFalse();
        assertThat(RegistryOperations.allows(RegistryRole.READ_ONLY, "PUT", "/config")).isFalse();
        assertThat(RegistryOperations.allows(RegistryRole.READ_WRITE, "DELETE", "/subjects/s-value")).isTrue();
    }
}
