package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parkwatch.topology.Topics.TopicRole;

class TopicLayoutTest {

    @Test
    void shouldCreateTheReplayRecordBesideThePipelinesTopicsUnderTheSamePrefix() {
        TopicLayout layout = TopicLayout.from(Map.of(TopicLayout.PREFIX, "plant"));

        assertThat(layout.deadLetterReplays()).isEqualTo("plant.dead-letter-replays");
        assertThat(layout.roles()).containsAllEntriesOf(layout.topics().roles())
                .containsEntry("plant.dead-letter-replays", TopicRole.LATEST_STATE)
                .hasSize(layout.topics().roles().size() + 1);
    }
}
