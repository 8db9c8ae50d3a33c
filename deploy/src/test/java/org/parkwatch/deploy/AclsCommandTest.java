package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class AclsCommandTest {

    @Test
    void shouldPrintEachPrincipalsAclsWithoutTouchingACluster() {
        StringWriter out = new StringWriter();
        // No broker listens on port 1: printing alone must not connect.
        int status = ParkWatchCli.commandLine().setOut(new PrintWriter(out)).execute("acls",
                "--set", "parkwatch.bootstrap.servers=127.0.0.1:1",
                "--set", "parkwatch.acl.enterprise.principals=User:e0001,User:e0002");

        assertThat(status).isZero();
        assertThat(out.toString().lines().filter(line -> line.startsWith("enterprise ")))
                .hasSize(10).allMatch(line -> line.contains(" WRITE "))
                .anyMatch(line -> line.matches("enterprise +User:e0002 +WRITE +TOPIC +LITERAL +park.output-reports"));
        assertThat(out.toString()).startsWith("ROLE").contains("User:parkwatch-pipeline", "User:parkwatch-setup",
                "User:parkwatch-gateway", "User:parkwatch-registry", "User:parkwatch-agency", "User:parkwatch-platform");
    }
}
