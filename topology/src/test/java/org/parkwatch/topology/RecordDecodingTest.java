package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.parkwatch.serde.WireFormatException;

/** An outage of the registry is waited out, then fails the task; only the record's own fault is bad input. */
class RecordDecodingTest {

    private final List<Long> pauses = new ArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final RecordDecoding decoding = new RecordDecoding(Duration.ofSeconds(5), pauses::add,
            unavailable::incrementAndGet);

    @Test
    void shouldWaitForTheRegistryAndDecodeOnceItAnswers() {
        Deserializer<String> failingTwice = failing(2, () -> "decoded");

        assertThat(decoding.decode(failingTwice, "t", new byte[] {0})).isEqualTo("decoded");
        assertThat(pauses).containsExactly(50L, 100L);
        assertThat(unavailable).hasValue(2);
    }

    @Test
    void shouldFailTheTaskNotTheRecordWhenTheRegistryStaysDownForTheWholePatience() {
        Deserializer<String> down = failing(Integer.MAX_VALUE, () -> "never");

        assertThatThrownBy(() -> decoding.decode(down, "t", new byte[] {0}))
                .isInstanceOf(RecordDecoding.SchemaRegistryOutageException.class)
                .isNotInstanceOf(WireFormatException.class)
                .hasCauseInstanceOf(SchemaRegistryUnavailableException.class);
        // 50 + 100 + 200 + 400 + 800 + 1000 + 1000 + 1000 + 1000 + 450 = 5000 ms, never more
        assertThat(pauses.stream().mapToLong(Long::longValue).sum()).isEqualTo(5_000L);
        assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(1_000L));
    }

    @Test
    void shouldReportAnUnknownSchemaIdAtOnceAsTheRecordsFault() {
        Deserializer<String> unknown = (topic, data) -> {
            throw new WireFormatException(WireFormatException.Problem.UNKNOWN_SCHEMA_ID, "40403");
        };

        assertThatThrownBy(() -> decoding.decode(unknown, "t", new byte[] {0}))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.UNKNOWN_SCHEMA_ID));
        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldTreatAnyOtherFailureToDecodeAsMalformedBytes() {
        Deserializer<String> broken = (topic, data) -> {
            throw new ArrayIndexOutOfBoundsException("truncated");
        };

        assertThatThrownBy(() -> decoding.decode(broken, "t", new byte[] {0}))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(WireFormatException.Problem.MALFORMED_BYTES));
    }

    private static Deserializer<String> failing(int times, java.util.function.Supplier<String> then) {
        AtomicInteger calls = new AtomicInteger();
        return (topic, data) -> {
            if (calls.incrementAndGet() <= times) {
                throw new SchemaRegistryUnavailableException("unreachable",
                        new UncheckedIOException(new java.io.IOException("connection refused")));
            }
            return then.get();
        };
    }
}
