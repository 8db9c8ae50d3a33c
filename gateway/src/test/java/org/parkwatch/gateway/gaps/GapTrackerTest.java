package org.parkwatch.gateway.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapClosure;
import org.parkwatch.avro.DataGapKind;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.Device;
import org.parkwatch.gateway.intake.Devices;

/** Times are UTC; the devices' clocks are Beijing's (UTC+8), in which QNs are written. */
class GapTrackerTest {

    private static final String MN = Devices.MN;
    /** Checked every minute, silent after 3 intervals but not before 10 min, hours overdue 30 min after their end,
     *  24 h judged, 3 requests 10 min apart then 20. */
    private static final DataGapSettings SETTINGS = new DataGapSettings(Duration.ofMinutes(1), 3,
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(24), 3, Duration.ofMinutes(10));

    private final GapTracker tracker = new GapTracker(SETTINGS, ZoneId.of("Asia/Shanghai"));
    private final Device realTimeEveryMinute = Devices.waterDevice(MN).setRealTimeIntervalSeconds(60).build();
    private final Device hourlyOnly = Devices.waterDevice(MN).setSendsDaily(false).build();

    private static Instant at(String time) {
        return Instant.parse("2026-12-03T" + time + "Z");
    }

    private List<DataGap> hourly(Device device, String hour, String arrival) {
        return tracker.heard(device, Optional.of(at(hour)), at(arrival));
    }

    @Test
    void shouldOpenASilenceOnceNothingCameForThreeIntervalsAndNoSoonerThanTheFloor() {
        tracker.heard(realTimeEveryMinute, Optional.empty(), at("10:00:00"));

        // 3 x 60 s = 3 min is under the 10 min floor: silent after 10 min.
        assertThat(tracker.check(at("10:03:01"))).isEmpty();
        assertThat(tracker.check(at("10:10:00"))).isEmpty();
        assertThat(tracker.check(at("10:10:01"))).singleElement().satisfies(gap -> {
            assertThat(gap.getGapId()).isEqualTo(MN + "|SILENT|2026-12-03T10:00:00Z");
            assertThat(gap.getKind()).isEqualTo(DataGapKind.SILENT);
            assertThat(gap.getState()).isEqualTo(DataGapState.OPEN);
            assertThat(gap.getEnterpriseId()).isEqualTo("E1");
            assertThat(gap.getOutletId()).isEqualTo("W1");
            assertThat(gap.getPeriodStart()).isEqualTo(at("10:00:00"));
            assertThat(gap.getPeriodEnd()).isEqualTo(at("10:10:01"));
            assertThat(gap.getDetectedAt()).isEqualTo(at("10:10:01"));
        });
        assertThat(tracker.check(at("10:15:00"))).as("judged once").isEmpty();
        assertThat(tracker.openGaps()).isEqualTo(1);

        // Heard again: the silence closes, ending when the device was heard.
        assertThat(tracker.heard(realTimeEveryMinute, Optional.empty(), at("10:20:00"))).singleElement()
                .satisfies(gap -> {
                    assertThat(gap.getGapId()).isEqualTo(MN + "|SILENT|2026-12-03T10:00:00Z");
                    assertThat(gap.getState()).isEqualTo(DataGapState.CLOSED);
                    assertThat(gap.getClosedBy()).isEqualTo(DataGapClosure.DATA_ARRIVED);
                    assertThat(gap.getPeriodEnd()).isEqualTo(at("10:20:00"));
                });
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void shouldTolerateThreeTimesTheShortestIntervalAboveTheFloor() {
        // Real-time every 5 min: 15 min. Hourly only: 3 h. Both over the 10 min floor.
        assertThat(GapTracker.silenceAfter(Devices.waterDevice(MN).setRealTimeIntervalSeconds(300).build(), SETTINGS))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(GapTracker.silenceAfter(hourlyOnly, SETTINGS)).isEqualTo(Duration.ofHours(3));
        // Minute data every 10 min beside real-time every 20 min: the shorter, 10 min, x 3 = 30 min.
        assertThat(GapTracker.silenceAfter(Devices.waterDevice(MN).setRealTimeIntervalSeconds(1200)
                .setMinuteIntervalMinutes(10).build(), SETTINGS)).isEqualTo(Duration.ofMinutes(30));

        tracker.heard(hourlyOnly, Optional.empty(), at("10:00:00"));
        assertThat(tracker.check(at("13:00:00"))).isEmpty();
        assertThat(tracker.check(at("13:00:01"))).extracting(DataGap::getKind).containsExactly(DataGapKind.SILENT);
    }

    @Test
    void shouldJudgeNoHourWhileTheDeviceIsSilentAndTheHoursStillMissingOnceHeardAgain() {
        hourly(hourlyOnly, "08:00:00", "09:02:00");

        // Silent from 09:02 (3 h for an hourly device): the 09:00 and 10:00 hours are overdue at 11:30, but the
        // silence opened at 12:02:01 covers them from then on; only what was overdue before it is a gap.
        assertThat(tracker.check(at("11:30:00"))).extracting(DataGap::getPeriodStart)
                .containsExactly(at("09:00:00"), at("10:00:00"));
        assertThat(tracker.check(at("12:02:01"))).extracting(DataGap::getKind).containsExactly(DataGapKind.SILENT);
        assertThat(tracker.check(at("14:00:00"))).as("11:00 and 12:00 overdue, but the device is silent").isEmpty();

        // Heard again at 14:05 with real-time data: the silence closes, and the hours still missing are gaps.
        assertThat(tracker.heard(hourlyOnly, Optional.empty(), at("14:05:00"))).extracting(DataGap::getState)
                .containsExactly(DataGapState.CLOSED);
        assertThat(tracker.check(at("14:05:00"))).extracting(DataGap::getPeriodStart)
                .containsExactly(at("11:00:00"), at("12:00:00"));
    }

    @Test
    void shouldStopWatchingADeviceNoLongerActive() {
        tracker.heard(realTimeEveryMinute, Optional.empty(), at("10:00:00"));

        assertThat(tracker.check(at("11:00:00"), mn -> false)).isEmpty();
        assertThat(tracker.check(at("12:00:00"))).isEmpty();
    }

    @Test
    void shouldOpenAMissingHourWhenALaterHourCameWithoutIt() {
        assertThat(hourly(hourlyOnly, "08:00:00", "09:02:00")).isEmpty();

        assertThat(hourly(hourlyOnly, "10:00:00", "11:02:00")).singleElement().satisfies(gap -> {
            assertThat(gap.getGapId()).isEqualTo(MN + "|MISSING_HOURLY|2026-12-03T09:00:00Z");
            assertThat(gap.getKind()).isEqualTo(DataGapKind.MISSING_HOURLY);
            assertThat(gap.getPeriodStart()).isEqualTo(at("09:00:00"));
            assertThat(gap.getPeriodEnd()).isEqualTo(at("10:00:00"));
            assertThat(gap.getDetectedAt()).isEqualTo(at("11:02:00"));
        });
        // Judged already; overdue checks add nothing for it.
        assertThat(tracker.check(at("11:10:00"))).isEmpty();
    }

    @Test
    void shouldOpenAnHourOverdueThirtyMinutesAfterItEndedAndCloseItWhenItComes() {
        hourly(hourlyOnly, "08:00:00", "09:02:00");

        // The 09:00 hour ends at 10:00: overdue from 10:30.
        assertThat(tracker.check(at("10:29:59"))).isEmpty();
        assertThat(tracker.check(at("10:30:00"))).singleElement()
                .satisfies(gap -> assertThat(gap.getPeriodStart()).isEqualTo(at("09:00:00")));

        assertThat(hourly(hourlyOnly, "09:00:00", "10:45:00")).singleElement().satisfies(gap -> {
            assertThat(gap.getGapId()).isEqualTo(MN + "|MISSING_HOURLY|2026-12-03T09:00:00Z");
            assertThat(gap.getState()).isEqualTo(DataGapState.CLOSED);
            assertThat(gap.getClosedBy()).isEqualTo(DataGapClosure.DATA_ARRIVED);
            assertThat(gap.getPeriodEnd()).isEqualTo(at("10:00:00"));
            assertThat(gap.getChangedAt()).isEqualTo(at("10:45:00"));
        });
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void shouldAskAConnectedDeviceForAMissingHourThreeTimesWithDoublingWaitsAndCloseItAsReissued() {
        hourly(hourlyOnly, "08:00:00", "09:02:00");
        tracker.check(at("10:30:00"));

        assertThat(tracker.dueReissues(at("10:31:00"), mn -> false)).as("not connected").isEmpty();
        List<GapTracker.Reissue> first = tracker.dueReissues(at("10:31:00"), MN::equals);
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.qn()).isEqualTo("20261203183100000"); // 10:31 UTC is 18:31 in Beijing
            assertThat(r.hour()).isEqualTo(at("09:00:00"));
            assertThat(r.gap().getReissueRequests()).isEqualTo(1);
            assertThat(r.gap().getLastReissueRequestedAt()).isEqualTo(at("10:31:00"));
            assertThat(r.gap().getState()).isEqualTo(DataGapState.OPEN);
        });
        // Then 10 min, then 20 min later; no more after the third.
        assertThat(tracker.dueReissues(at("10:40:59"), MN::equals)).isEmpty();
        assertThat(tracker.dueReissues(at("10:41:00"), MN::equals)).hasSize(1);
        assertThat(tracker.dueReissues(at("11:00:59"), MN::equals)).isEmpty();
        List<GapTracker.Reissue> third = tracker.dueReissues(at("11:01:00"), MN::equals);
        assertThat(third).singleElement().satisfies(r -> assertThat(r.gap().getReissueRequests()).isEqualTo(3));
        assertThat(tracker.dueReissues(at("13:00:00"), MN::equals)).as("given up, the gap stays open").isEmpty();
        assertThat(tracker.openGaps()).isEqualTo(1);

        // The device's answers to the third request, then the hour.
        assertThat(tracker.answered(MN, "20261203183100000", "QnRtn=1", at("11:01:01"))).as("an older request")
                .isEmpty();
        assertThat(tracker.answered(MN, third.get(0).qn(), "QnRtn=1", at("11:01:01"))).hasValueSatisfying(
                gap -> assertThat(gap.getLastReissueAnswer()).isEqualTo("QnRtn=1"));
        assertThat(hourly(hourlyOnly, "09:00:00", "11:01:02")).singleElement().satisfies(gap -> {
            assertThat(gap.getState()).isEqualTo(DataGapState.CLOSED);
            assertThat(gap.getClosedBy()).isEqualTo(DataGapClosure.REISSUED);
            assertThat(gap.getReissueRequests()).isEqualTo(3);
        });
    }

    @Test
    void shouldNotJudgeHoursOutsideTheLookBack() {
        // A device whose clock says 2016, or a backfill older than a day: no hour judged from it.
        assertThat(tracker.heard(hourlyOnly, Optional.of(Instant.parse("2016-08-01T00:00:00Z")), at("09:02:00")))
                .isEmpty();
        assertThat(tracker.heard(hourlyOnly, Optional.of(Instant.parse("2016-08-01T05:00:00Z")), at("09:03:00")))
                .isEmpty();
        assertThat(tracker.check(at("09:05:00"))).isEmpty();
    }

    @Test
    void shouldCloseAGapRestoredAtStartUpWhenItsHourComes() {
        DataGap restored = DataGap.newBuilder().setGapId(MN + "|MISSING_HOURLY|2026-12-03T09:00:00Z").setMn(MN)
                .setEnterpriseId("E1").setOutletId("W1").setKind(DataGapKind.MISSING_HOURLY)
                .setPeriodStart(at("09:00:00")).setPeriodEnd(at("10:00:00")).setState(DataGapState.OPEN)
                .setDetectedAt(at("10:30:00")).setChangedAt(at("10:30:00")).build();
        tracker.restore(restored);
        assertThat(tracker.openGaps()).isEqualTo(1);

        assertThat(hourly(hourlyOnly, "09:00:00", "12:00:00")).singleElement().satisfies(gap -> {
            assertThat(gap.getState()).isEqualTo(DataGapState.CLOSED);
            assertThat(gap.getClosedBy()).isEqualTo(DataGapClosure.DATA_ARRIVED);
            assertThat(gap.getDetectedAt()).isEqualTo(at("10:30:00"));
        });
        assertThat(tracker.openGaps()).isZero();
    }
}
