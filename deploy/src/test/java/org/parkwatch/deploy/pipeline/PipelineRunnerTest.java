package org.parkwatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;
import org.parkwatch.deploy.config.ApiConfig;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.config.StorageConfig;

class PipelineRunnerTest {

    private final KafkaConnection kafka = new KafkaConnection("broker-1:9092,broker-2:9092", "parkwatch-east",
            Path.of("/var/lib/parkwatch"), "exactly_once_v2", 3, 2, 1, Duration.ofMillis(250),
            Map.of("security.protocol", "SSL"));

    @Test
    void shouldConfigureStreamsFromTheKafkaConnection() {
        Properties props = PipelineRunner.streamsProperties(kafka, StorageConfig.defaults());

        assertThat(props)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "parkwatch-east")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, Path.of("/var/lib/parkwatch").toString())
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L)
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldBoundRocksDbAndPassItsSizesToTheConfigSetter() {
        Properties props = PipelineRunner.streamsProperties(kafka, StorageConfig.defaults());

        assertThat(props)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class)
                .containsEntry(StorageConfig.BLOCK_CACHE_BYTES, 512L * 1024 * 1024)
                .containsEntry(StorageConfig.WRITE_BUFFER_BYTES, 256L * 1024 * 1024)
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 128L * 1024 * 1024);
    }

    @Test
    void shouldRequireExplicitNamesAndSkipUndecodableReferenceRecords() {
        Properties props = PipelineRunner.streamsProperties(kafka, StorageConfig.defaults());

        assertThat(props)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class);
    }

    @Test
    void shouldBeAcceptedByStreamsConfig() {
        StreamsConfig config = new StreamsConfig(PipelineRunner.streamsProperties(kafka, StorageConfig.defaults()));

        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        // The setter reads its sizes from the configuration Streams hands it, which keeps unknown keys.
        assertThat(config.originals()).containsEntry(StorageConfig.BLOCK_CACHE_BYTES, 512L * 1024 * 1024);
    }

    @Test
    void shouldSetTheApplicationServerFromTheAdvertisedHostAndApiPort() {
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                ApiConfig.ADVERTISED_HOST, "pw-2.park.internal", ApiConfig.PORT, "8081"));

        assertThat(PipelineRunner.streamsProperties(config))
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "pw-2.park.internal:8081");
    }

    @Test
    void shouldLeaveTheApplicationServerUnsetForASingleInstance() {
        assertThat(PipelineRunner.streamsProperties(ParkWatchConfig.defaults()))
                .doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }
}
