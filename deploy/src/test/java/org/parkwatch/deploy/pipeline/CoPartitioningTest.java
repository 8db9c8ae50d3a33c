package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;
import org.parkwatch.topology.AccountingSettings;
import org.parkwatch.topology.ParkWatchTopology;
import org.parkwatch.topology.PipelineMetrics;
import org.parkwatch.topology.PipelineSerdes;
import org.parkwatch.topology.Topics;

class CoPartitioningTest {

    private static final SortedSet<String> ACTIVITY_AND_REPORTS = new TreeSet<>(List.of("park.fuel-consumption",
            "park.meter-readings", "park.output-reports", "park.wastewater-samples", "park.ledger-corrections",
            "park.flue-gas-samples"));

    @Test
    void shouldRequireTheActivityInputsOutputReportsAndLedgerCorrectionsToBeCoPartitioned() {
        Topics topics = Topics.defaults();
        TopologyDescription description = ParkWatchTopology.build(topics,
                PipelineSerdes.using(new InMemorySchemaRegistryClient(), SerdeSettings.forValue()),
                AccountingSettings.defaults(), Clock.systemUTC(), new PipelineMetrics(new SimpleMeterRegistry()))
                .describe();

        // Reference data is read by global tables, and the park totals from an internal repartition topic:
        // neither forms a group of ParkWatch's own topics.
        assertThat(CoPartitioning.groups(description, topics.roles().keySet())).containsExactly(ACTIVITY_AND_REPORTS);
    }

    @Test
    void shouldAcceptOneCountForTheWholeGroup() {
        CoPartitioning.requireAgreement(ACTIVITY_AND_REPORTS, Map.of("park.meter-readings", 6,
                "park.fuel-consumption", 6, "park.wastewater-samples", 6, "park.output-reports", 6,
                "park.ledger-corrections", 6, "park.flue-gas-samples", 6));
    }

    @Test
    void shouldNameEveryTopicWithItsCountWhenOneDiffers() {
        assertThatThrownBy(() -> CoPartitioning.requireAgreement(ACTIVITY_AND_REPORTS, Map.of(
                "park.meter-readings", 6, "park.fuel-consumption", 6, "park.wastewater-samples", 3,
                "park.output-reports", 6, "park.ledger-corrections", 6, "park.flue-gas-samples", 6)))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("park.flue-gas-samples: 6 partitions, park.fuel-consumption: 6 partitions, "
                        + "park.ledger-corrections: 6 partitions, "
                        + "park.meter-readings: 6 partitions, park.output-reports: 6 partitions, "
                        + "park.wastewater-samples: 3 partitions")
                .hasMessageContaining("same number of partitions");
    }

    @Test
    void shouldNameAMissingTopic() {
        assertThatThrownBy(() -> CoPartitioning.requireAgreement(ACTIVITY_AND_REPORTS, Map.of(
                "park.meter-readings", 6, "park.wastewater-samples", 6, "park.output-reports", 6,
                "park.ledger-corrections", 6, "park.flue-gas-samples", 6)))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("park.fuel-consumption: does not exist")
                .hasMessageContaining("./parkwatch setup");
    }
}
