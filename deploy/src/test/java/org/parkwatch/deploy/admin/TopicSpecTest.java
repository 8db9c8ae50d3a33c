package org.parkwatch.deploy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parkwatch.deploy.config.TopicLayout;
import org.parkwatch.topology.Topics.TopicRole;

class TopicSpecTest {

    // 3 days = 259 200 000 ms; 14 days = 1 209 600 000 ms.
    private final TopicLayout layout = new TopicLayout("park", 4, Duration.ofDays(3), Duration.ofDays(14));

    @Test
    void shouldKeepInputsForTheInputRetentionCountedFromArrival() {
        assertThat(TopicSpec.forRole(TopicRole.INPUT, layout)).isEqualTo(new TopicSpec(4,
                Map.of("cleanup.policy", "delete", "retention.ms", "259200000",
                        "message.timestamp.type", "LogAppendTime")));
    }

    @Test
    void shouldCompactReferenceDataForeverAcceptingFutureTimestamps() {
        assertThat(TopicSpec.forRole(TopicRole.REFERENCE, layout)).isEqualTo(new TopicSpec(4,
                Map.of("cleanup.policy", "compact", "retention.ms", "-1",
                        "message.timestamp.after.max.ms", "9223372036854775807")));
    }

    @Test
    void shouldKeepTheLedgerForeverWithoutCompaction() {
        assertThat(TopicSpec.forRole(TopicRole.LEDGER, layout)).isEqualTo(new TopicSpec(4,
                Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")));
    }

    @Test
    void shouldCompactLatestState() {
        assertThat(TopicSpec.forRole(TopicRole.LATEST_STATE, layout)).isEqualTo(new TopicSpec(4,
                Map.of("cleanup.policy", "compact")));
    }

    @Test
    void shouldKeepEventsForTheEventsRetentionCountedFromArrival() {
        assertThat(TopicSpec.forRole(TopicRole.EVENTS, layout)).isEqualTo(new TopicSpec(4,
                Map.of("cleanup.policy", "delete", "retention.ms", "1209600000",
                        "message.timestamp.type", "LogAppendTime")));
    }

    @Test
    void shouldLetADeadLetterCarryAWholeOneMebibyteInputRecordWithItsEnvelope() {
        // 4 MiB = 4 194 304 bytes, against the 1 MiB an input topic takes by default
        assertThat(TopicSpec.forRole(TopicRole.DEAD_LETTERS, layout)).isEqualTo(new TopicSpec(4,
                Map.of("cleanup.policy", "delete", "retention.ms", "1209600000",
                        "message.timestamp.type", "LogAppendTime", "max.message.bytes", "4194304")));
    }
}
