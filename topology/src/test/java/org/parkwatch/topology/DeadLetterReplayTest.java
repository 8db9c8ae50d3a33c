package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.RejectReason;

/** The replay mark is read exactly as the README writes it; anything else is no mark at all. */
class DeadLetterReplayTest {

    @Test
    void shouldReadTheMarkAsDocumented() {
        assertThat(DeadLetterReplay.parse("FACTOR_MISSING park.fuel-consumption/0@17")).contains(
                new DeadLetterReplay(RejectReason.FACTOR_MISSING, "park.fuel-consumption", 0, 17));
    }

    @Test
    void shouldIgnoreAMarkThatIsNotOne() {
        assertThat(DeadLetterReplay.parse("FACTOR_MISSING")).isEmpty();
        assertThat(DeadLetterReplay.parse("NO_SUCH_REASON park.fuel-consumption/0@17")).isEmpty();
        assertThat(DeadLetterReplay.parse("FACTOR_MISSING park.fuel-consumption/x@17")).isEmpty();
        assertThat(DeadLetterReplay.parse(null)).isEmpty();
    }

    @Test
    void shouldSkipLatenessForEveryFirstReasonButLateEvent() {
        assertThat(new DeadLetterReplay(RejectReason.FACTOR_MISSING, "t", 0, 1).skipsLateness()).isTrue();
        assertThat(new DeadLetterReplay(RejectReason.UNKNOWN_ENTERPRISE, "t", 0, 1).skipsLateness()).isTrue();
        assertThat(new DeadLetterReplay(RejectReason.LATE_EVENT, "t", 0, 1).skipsLateness()).isFalse();
    }
}
