package org.parkwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsumerBaselineTest {

    @Test
    void shouldReadTheFiguresOfConsumerPerformance() {
        // the exact output of kafka-tools 4.3.1's ConsumerPerformance, a log line before it
        String output = """
                12:00:00.000 WARN something unrelated
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-25 14:36:06:027, 2026-11-25 14:36:07:902, 39.9309, 21.2965, 499950, 266640.0000, 664, 1211, 32.9735, 412840.6276
                """;

        ConsumerBaseline.Result result = ConsumerBaseline.parse(output);

        assertThat(result.records()).isEqualTo(499_950);
        assertThat(result.recordsPerSecond()).isEqualTo(266_640.0);
        assertThat(result.fetchRecordsPerSecond()).isEqualTo(412_840.6276);
    }

    @Test
    void shouldRefuseOutputWithoutFigures() {
        assertThatThrownBy(() -> ConsumerBaseline.parse("Exception in thread main"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No figures");
    }
}
