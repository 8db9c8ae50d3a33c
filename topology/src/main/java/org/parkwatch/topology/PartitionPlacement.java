package org.parkwatch.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices input records on another partition than the Java client's default partitioner (murmur2 of the key
 * bytes) puts their key on. An enterprise's state lives in the task of that partition: a record elsewhere (a
 * librdkafka producer left at its CRC32 default, a custom partitioner) is still accounted, but in another task,
 * so its enterprise's figures are split and the API asks the wrong instance. Counted and logged (at most one WARN
 * per input and per minute), never refused: the data itself is good.
 */
final class PartitionPlacement {

    /**
     * Streams property the pipeline sets to the partition count of the co-partitioned inputs. Absent or 0: the
     * check is off.
     */
    static final String INPUT_PARTITIONS_CONFIG = "parkwatch.internal.input.partitions";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionPlacement.class);
    private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private final int partitions;
    private final Clock clock;
    private final Map<String, Instant> lastWarned = new HashMap<>();
    private final Map<String, Long> unwarned = new HashMap<>();

    PartitionPlacement(int partitions, Clock clock) {
        this.partitions = partitions;
        this.clock = clock;
    }

    static PartitionPlacement fromAppConfigs(Map<String, Object> configs, Clock clock) {
        Object value = configs.get(INPUT_PARTITIONS_CONFIG);
        int partitions = value == null ? 0 : Integer.parseInt(value.toString());
        return new PartitionPlacement(partitions, clock);
    }

    /** The partition the Java client's default partitioner chooses for {@code key} (as Kafka's BuiltInPartitioner). */
    static int defaultPartitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /**
     * Whether the record is where its key belongs; when not, warns (rate-limited). A record without a key, or
     * a pipeline that was not told the partition count, is never misplaced.
     */
    boolean isMisplaced(String input, String topic, int partition, byte[] key) {
        if (partitions <= 0 || key == null) {
            return false;
        }
        int expected = defaultPartitionOf(key, partitions);
        if (expected == partition) {
            return false;
        }
        Instant now = clock.instant();
        Instant last = lastWarned.get(input);
        if (last == null || !now.isBefore(last.plus(WARN_INTERVAL))) {
            long suppressed = unwarned.getOrDefault(input, 0L);
            LOG.warn("Record with key {} on {}-{}, but the Java default partitioner (murmur2) puts that key on"
                    + " partition {} of {}: its enterprise's state is split across tasks. Producers using librdkafka"
                    + " (Python, Go, .NET) must set partitioner=murmur2_random.{}", printable(key), topic, partition,
                    expected, partitions, suppressed == 0 ? "" : " (" + suppressed + " more on " + input
                            + " since the last warning)");
            lastWarned.put(input, now);
            unwarned.put(input, 0L);
        } else {
            unwarned.merge(input, 1L, Long::sum);
        }
        return true;
    }

    private static String printable(byte[] key) {
        String text = new String(key, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
