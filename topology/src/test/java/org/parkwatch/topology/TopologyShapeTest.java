package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape: node, store and internal topic names are part of the deployed state (RocksDB
 * directories, changelog and repartition topics). A change here must be deliberate: regenerate the golden file
 * with {@code -Dparkwatch.golden.update=true} and review the diff. The golden file names the state version it
 * belongs to: a change of layout raises {@link ParkWatchTopology#STATE_VERSION} and gets a row, with its upgrade
 * path, in README's "State versions and upgrades".
 */
class TopologyShapeTest {

    private static final Path GOLDEN = Path.of("src/test/resources/topology-golden.txt");

    @Test
    void shouldKeepTheTopologyShapeAndEveryInternalName() throws IOException {
        String actual;
        try (PipelineFixture p = new PipelineFixture()) {
            actual = "State version: " + ParkWatchTopology.STATE_VERSION + "\n" + p.topology.describe();
        }
        if (Boolean.getBoolean("parkwatch.golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(actual).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    }
}
