package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.electricity;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.GridRegion;

/**
 * The test driver reads every record from partition 0. With 6 input partitions, an enterprise whose key the Java
 * client's partitioner (Kafka's own BuiltInPartitioner) sends elsewhere is on an unexpected partition, as records
 * of a librdkafka producer using CRC32 would be: counted, and still accounted.
 */
class PartitionPlacementTopologyTest {

    private static final int PARTITIONS = 6;

    private PipelineFixture p;
    private String atHome;
    private String elsewhere;

    @BeforeEach
    void setUp() {
        p = PipelineFixture.withInputPartitions(PARTITIONS);
        p.standardFactors();
        atHome = IntStream.range(1, 100).mapToObj(i -> "E" + i).filter(id -> javaClientPartition(id) == 0)
                .findFirst().orElseThrow();
        elsewhere = IntStream.range(1, 100).mapToObj(i -> "E" + i).filter(id -> javaClientPartition(id) != 0)
                .findFirst().orElseThrow();
        p.enterprise(atHome, "park-1", GridRegion.EAST);
        p.enterprise(elsewhere, "park-1", GridRegion.EAST);
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    @Test
    void shouldCountButStillAccountARecordOnAnotherPartitionThanItsKeys() {
        p.meter(atHome, electricity("m-home", atHome, "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.meter(elsewhere, electricity("m-away", elsewhere, "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.meter(elsewhere, electricity("m-away-2", elsewhere, "2023-03-01T11:00", "2023-03-01T12:00", 1000, "kWh").build());

        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId())
                .containsOnly("m-home", "m-away", "m-away-2");
        assertThat(p.deadLetters.isEmpty()).isTrue();
        assertThat(p.metrics.counter("parkwatch.input.unexpected.partition", "input", "meter").count())
                .isEqualTo(2.0);
    }

    @Test
    void shouldCountAnOutputReportOnAnotherPartitionThanItsKeys() {
        p.iav("r-away", elsewhere, "2023-03-01T00:00", "2023-03-02T00:00", 100.0, PipelineFixture.NOW);
        p.iav("r-home", atHome, "2023-03-01T00:00", "2023-03-02T00:00", 100.0, PipelineFixture.NOW);

        assertThat(p.metrics.counter("parkwatch.input.unexpected.partition", "input", "output-report").count())
                .isEqualTo(1.0);
        assertThat(p.metrics.counter("parkwatch.input.accepted", "input", "output-report").count()).isEqualTo(2.0);
    }

    private static int javaClientPartition(String key) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }
}
