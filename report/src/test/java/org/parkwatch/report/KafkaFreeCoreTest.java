package org.parkwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The report core knows nothing of Kafka: only {@code org.parkwatch.report.kafka} reads topics. */
class KafkaFreeCoreTest {

    @Test
    void shouldKeepKafkaOutOfTheReportCore() throws IOException {
        Path core = Path.of("src/main/java/org/parkwatch/report");
        List<Path> sources;
        try (Stream<Path> files = Files.list(core)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("import org.apache.kafka").doesNotContain("import org.parkwatch.topology.");
        }
    }
}
