package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.parkwatch.serde.WireFormatException;

/** Reference data waits for the registry for as long as it is down, and never skips a record for it. */
class ReferenceDataDecodingTest {

    private final List<Long> pauses = new ArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();

    /** Fails with an outage {@code outageCalls} times, then decodes. */
    private static Deserializer<String> registryDownFor(int outageCalls) {
        AtomicInteger calls = new AtomicInteger();
        return (topic, bytes) -> {
            if (calls.incrementAndGet() <= outageCalls) {
                throw new SchemaRegistryUnavailableException("registry unreachable", null);
            }
            return new String(bytes);
        };
    }

    @Test
    void shouldWaitOutAnOutageOfAnyLengthAndThenDecode() {
        // 40 failed attempts: about a minute of pauses (50, 100, ... ms, then 2 s each), far beyond the 5 s an
        // input record waits within one step
        Deserializer<String> patient = ReferenceDataDecoding.patient(registryDownFor(40), unavailable::incrementAndGet,
                pauses::add);

        assertThat(patient.deserialize("park.enterprises", "E1".getBytes())).isEqualTo("E1");
        assertThat(unavailable.get()).isEqualTo(40);
        assertThat(pauses).hasSize(40).startsWith(50L, 100L, 200L).endsWith(2_000L);
        assertThat(pauses.stream().mapToLong(Long::longValue).sum()).isGreaterThan(60_000L);
    }

    @Test
    void shouldFailAtOnceOnBytesThatAreBadWhateverTheRegistrysState() {
        Deserializer<String> broken = (topic, bytes) -> {
            throw new WireFormatException(WireFormatException.Problem.MALFORMED_BYTES, "not Avro", null);
        };
        Deserializer<String> patient = ReferenceDataDecoding.patient(broken, unavailable::incrementAndGet, pauses::add);

        assertThatThrownBy(() -> patient.deserialize("park.enterprises", new byte[] {1}))
                .isInstanceOf(WireFormatException.class);
        assertThat(pauses).isEmpty();
        assertThat(unavailable.get()).isZero();
    }
}
