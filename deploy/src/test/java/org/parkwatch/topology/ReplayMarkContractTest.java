package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.deploy.replay.DeadLetterReplayer;

/**
 * The mark {@code replay-dead-letters} writes is the one the pipeline reads: same header, same value. Placed in the
 * topology's package to reach its package-private {@link DeadLetterReplay}, so a change of either side fails here.
 */
class ReplayMarkContractTest {

    @Test
    void shouldWriteTheHeaderThePipelineParses() {
        DeadLetter letter = DeadLetter.newBuilder().setReason(RejectReason.FACTOR_MISSING).setDetail("no factor")
                .setSourceTopic("park.fuel-consumption").setSourcePartition(3).setSourceOffset(17)
                .setSourceTimestamp(Instant.EPOCH).setOriginalKey(ByteBuffer.wrap(new byte[] {'E', '1'}))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0})).setRejectedAt(Instant.EPOCH).build();

        assertThat(DeadLetterReplayer.REPLAY_HEADER).isEqualTo(DeadLetterReplay.HEADER);
        assertThat(DeadLetterReplay.parse(DeadLetterReplayer.replayMark(letter))).contains(
                new DeadLetterReplay(RejectReason.FACTOR_MISSING, "park.fuel-consumption", 3, 17));
    }
}
