package org.parkwatch.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.RejectReason;

class ReplayTallyTest {

    @Test
    void shouldSummariseEachReasonAndTopicThenTheTotal() {
        ReplayTally tally = new ReplayTally(false);
        tally.add(RejectReason.FACTOR_MISSING, "park.fuel-consumption", new ReplayDecision.Replay());
        tally.add(RejectReason.FACTOR_MISSING, "park.fuel-consumption", new ReplayDecision.AlreadyReplayed());
        tally.add(RejectReason.UNKNOWN_ENTERPRISE, "park.meter-readings", new ReplayDecision.Replay());
        tally.add(RejectReason.UNKNOWN_ENTERPRISE, "park.enterprises", new ReplayDecision.NotReplayable("why"));

        assertThat(tally.lines()).containsExactly(
                "FACTOR_MISSING park.fuel-consumption: replayed 1, skipped as already replayed 1, not replayable 0",
                "UNKNOWN_ENTERPRISE park.enterprises: replayed 0, skipped as already replayed 0, not replayable 1",
                "UNKNOWN_ENTERPRISE park.meter-readings: replayed 1, skipped as already replayed 0, not replayable 0",
                "Total: replayed 2, skipped as already replayed 1, not replayable 1");
    }

    @Test
    void shouldSayWouldReplayOnADryRunAndCountWhatTheLimitLeft() {
        ReplayTally tally = new ReplayTally(true);
        tally.add(RejectReason.LATE_EVENT, "park.meter-readings", new ReplayDecision.Replay());
        tally.add(RejectReason.LATE_EVENT, "park.meter-readings", new ReplayDecision.OverLimit());

        assertThat(tally.lines()).containsExactly(
                "LATE_EVENT park.meter-readings: would replay 1, skipped as already replayed 0, not replayable 0, "
                        + "left for a later run (--limit) 1",
                "Total: would replay 1, skipped as already replayed 0, not replayable 0, left for a later run "
                        + "(--limit) 1");
    }
}
