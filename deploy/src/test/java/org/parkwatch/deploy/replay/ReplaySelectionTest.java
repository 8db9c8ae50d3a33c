package org.parkwatch.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.topology.Topics;

class ReplaySelectionTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final ReplayTargets TARGETS = ReplayTargets.of(TOPICS, topic -> 6);
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");

    private static DeadLetter letter(RejectReason reason, String sourceTopic, int partition, Instant rejectedAt) {
        return DeadLetter.newBuilder().setReason(reason).setDetail("test").setSourceTopic(sourceTopic)
                .setSourcePartition(partition).setSourceOffset(17).setSourceTimestamp(rejectedAt)
                .setOriginalKey(ByteBuffer.wrap("E1".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2}))
                .setEventId("f-1").setEnterpriseId("E1").setRejectedAt(rejectedAt).build();
    }

    private static DeadLetter fuelLetter(RejectReason reason, Instant rejectedAt) {
        return letter(reason, TOPICS.fuelConsumption(), 0, rejectedAt);
    }

    private static ReplayRequest request(RejectReason... reasons) {
        return new ReplayRequest(Set.of(reasons), FROM, TO, Optional.empty(), OptionalInt.empty());
    }

    private static ReplaySelection selection(ReplayRequest request, String... alreadyReplayed) {
        return new ReplaySelection(request, TARGETS, Set.of(alreadyReplayed));
    }

    @Test
    void shouldReplayALetterOfARequestedReasonRejectedWithinTheInterval() {
        var decision = selection(request(RejectReason.FACTOR_MISSING))
                .decide("park.dead-letters/0@5", fuelLetter(RejectReason.FACTOR_MISSING, FROM.plusSeconds(60)));

        assertThat(decision).contains(new ReplayDecision.Replay());
    }

    @Test
    void shouldIgnoreLettersOfOtherReasons() {
        var decision = selection(request(RejectReason.FACTOR_MISSING))
                .decide("park.dead-letters/0@5", fuelLetter(RejectReason.UNKNOWN_ENTERPRISE, FROM.plusSeconds(60)));

        assertThat(decision).isEmpty();
    }

    @Test
    void shouldTakeFromInclusiveAndToExclusiveOnRejectedAt() {
        ReplaySelection selection = selection(request(RejectReason.FACTOR_MISSING));

        assertThat(selection.decide("dl/0@1", fuelLetter(RejectReason.FACTOR_MISSING, FROM))).isPresent();
        assertThat(selection.decide("dl/0@2", fuelLetter(RejectReason.FACTOR_MISSING, FROM.minusMillis(1)))).isEmpty();
        assertThat(selection.decide("dl/0@3", fuelLetter(RejectReason.FACTOR_MISSING, TO.minusMillis(1)))).isPresent();
        assertThat(selection.decide("dl/0@4", fuelLetter(RejectReason.FACTOR_MISSING, TO))).isEmpty();
    }

    @Test
    void shouldKeepToTheOneSourceTopicAskedFor() {
        var request = new ReplayRequest(Set.of(RejectReason.UNKNOWN_ENTERPRISE), FROM, TO,
                Optional.of(TOPICS.meterReadings()), OptionalInt.empty());
        ReplaySelection selection = selection(request);

        assertThat(selection.decide("dl/0@1", fuelLetter(RejectReason.UNKNOWN_ENTERPRISE, FROM))).isEmpty();
        assertThat(selection.decide("dl/0@2", letter(RejectReason.UNKNOWN_ENTERPRISE, TOPICS.meterReadings(), 3,
                FROM))).contains(new ReplayDecision.Replay());
    }

    @Test
    void shouldSkipALetterAnEarlierRunReplayedButReplayTheNewLetterItsReplayBecame() {
        ReplaySelection selection = selection(request(RejectReason.UNKNOWN_ENTERPRISE), "park.dead-letters/2@40");

        assertThat(selection.decide("park.dead-letters/2@40", fuelLetter(RejectReason.UNKNOWN_ENTERPRISE, FROM)))
                .contains(new ReplayDecision.AlreadyReplayed());
        // refused again when replayed before the enterprise was registered: a new letter at a new offset
        assertThat(selection.decide("park.dead-letters/2@41", fuelLetter(RejectReason.UNKNOWN_ENTERPRISE, FROM)))
                .contains(new ReplayDecision.Replay());
    }

    @Test
    void shouldNotReplayReferenceDataButSayWhatToDoInstead() {
        var decision = selection(request(RejectReason.INVALID_FACTOR)).decide("dl/0@1",
                letter(RejectReason.INVALID_FACTOR, TOPICS.emissionFactors(), 0, FROM));

        assertThat(decision).get().isInstanceOfSatisfying(ReplayDecision.NotReplayable.class,
                n -> assertThat(n.why()).contains("publish a corrected record"));
    }

    @Test
    void shouldNotReplayGatewayLettersWhoseSourceIsTheRawPacketTopic() {
        var decision = selection(request(RejectReason.HJ212_UNKNOWN_DEVICE)).decide("dl/0@1",
                letter(RejectReason.HJ212_UNKNOWN_DEVICE, TOPICS.hj212Packets(), 0, FROM));

        assertThat(decision).get().isInstanceOfSatisfying(ReplayDecision.NotReplayable.class,
                n -> assertThat(n.why()).contains("HJ 212 packet"));
    }

    @Test
    void shouldNotReplayALetterWithoutItsBytes() {
        DeadLetter withoutBytes = DeadLetter.newBuilder(fuelLetter(RejectReason.FACTOR_MISSING, FROM))
                .setOriginalValue(null).build();

        var decision = selection(request(RejectReason.FACTOR_MISSING)).decide("dl/0@1", withoutBytes);

        assertThat(decision).get().isInstanceOfSatisfying(ReplayDecision.NotReplayable.class,
                n -> assertThat(n.why()).contains("no bytes"));
    }

    @Test
    void shouldNotReplayToAPartitionTheTopicNoLongerHas() {
        var decision = selection(request(RejectReason.FACTOR_MISSING)).decide("dl/0@1",
                letter(RejectReason.FACTOR_MISSING, TOPICS.fuelConsumption(), 6, FROM));

        assertThat(decision).get().isInstanceOfSatisfying(ReplayDecision.NotReplayable.class,
                n -> assertThat(n.why()).contains("partition 6").contains("6 partitions"));
    }

    @Test
    void shouldNotReplayLettersOfATopicOutsideTheConfiguredCatalogue() {
        var decision = selection(request(RejectReason.FACTOR_MISSING)).decide("dl/0@1",
                letter(RejectReason.FACTOR_MISSING, "other.fuel-consumption", 0, FROM));

        assertThat(decision).get().isInstanceOf(ReplayDecision.NotReplayable.class);
    }

    @Test
    void shouldReplayOutputReportsToo() {
        var decision = selection(request(RejectReason.UNKNOWN_ENTERPRISE)).decide("dl/0@1",
                letter(RejectReason.UNKNOWN_ENTERPRISE, TOPICS.outputReports(), 1, FROM));

        assertThat(decision).contains(new ReplayDecision.Replay());
    }

    @Test
    void shouldLeaveWhatIsBeyondTheLimitForALaterRun() {
        var request = new ReplayRequest(Set.of(RejectReason.FACTOR_MISSING), FROM, TO, Optional.empty(),
                OptionalInt.of(2));
        ReplaySelection selection = selection(request, "dl/0@1");
        DeadLetter letter = fuelLetter(RejectReason.FACTOR_MISSING, FROM);

        assertThat(selection.decide("dl/0@1", letter)).contains(new ReplayDecision.AlreadyReplayed());
        assertThat(selection.decide("dl/0@2", letter)).contains(new ReplayDecision.Replay());
        assertThat(selection.decide("dl/0@3", letter)).contains(new ReplayDecision.Replay());
        assertThat(selection.decide("dl/0@4", letter)).contains(new ReplayDecision.OverLimit());
    }

    @Test
    void shouldRefuseAnEmptyOrBackwardRequest() {
        assertThatThrownBy(() -> new ReplayRequest(Set.of(), FROM, TO, Optional.empty(), OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayRequest(Set.of(RejectReason.LATE_EVENT), TO, FROM, Optional.empty(),
                OptionalInt.empty())).hasMessageContaining("--to");
        assertThatThrownBy(() -> new ReplayRequest(Set.of(RejectReason.LATE_EVENT), FROM, TO, Optional.empty(),
                OptionalInt.of(0))).hasMessageContaining("--limit");
    }
}
