package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README documents every configuration key, exactly as the definitions say. */
class ReadmeConfigurationTest {

    @Test
    void shouldDocumentEveryKeyInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        assertThat(readme).as("README.md configuration table; regenerate it from ConfigDocs.markdownTable()")
                .contains(ConfigDocs.markdownTable().strip());
    }
}
