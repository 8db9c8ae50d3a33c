package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.parkwatch.topology.PipelineFixture.electricity;
import static org.parkwatch.topology.PipelineFixture.local;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;

/**
 * Activity older than the grace period but within the backfill horizon (an outage relayed days later) is accounted:
 * it lands in the closed windows it belongs to, which are published again as closed with a revision number and
 * its reason, and the alerts of those windows are judged again. Values by hand: electricity in the EAST grid in
 * 2023 at 0.55 tCO2/MWh (location-based), so 1 000 kWh = 550 000 000 mg and 500 kWh = 275 000 000 mg of CO2.
 */
class BackfillHorizonTopologyTest {

    private static final long MWH_CO2_MG = 550_000_000L;
    private static final long HALF_MWH_CO2_MG = 275_000_000L;

    private PipelineFixture p;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
        p.enterprise("E2", "park-1", GridRegion.EAST);
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    @Test
    void shouldAccountAnOutageRelayedTwoDaysLateInTheClosedWindowsItBelongsTo() {
        p.meter("E1", electricity("e1-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        // the meter input moves on two days: every window of 1 March closes, at both levels
        p.meter("E1", electricity("e1-2", "E1", "2023-03-03T10:00", "2023-03-03T11:00", 1000, "kWh").build());
        p.meter("E1", electricity("e1-3", "E1", "2023-03-03T12:00", "2023-03-03T13:00", 1000, "kWh").build());
        p.publishTotals();
        String parkDay = "park-1:DAY:" + local("2023-03-01T00:00");
        EmissionTotals dayBefore = last(p.parkTotals.readValuesToList()).get(parkDay);
        assertThat(dayBefore.getClosed()).isTrue();
        assertThat(dayBefore.getRevision()).isZero();
        assertThat(dayBefore.getTotals().getCo2Scope2LocationMg()).isEqualTo(MWH_CO2_MG);

        // E2's meter was offline: its readings of 1 March 10:00-12:00 come now, 2 days behind the meter input
        p.meter("E2", electricity("e2-10", "E2", "2023-03-01T10:00", "2023-03-01T11:00", 500, "kWh").build());
        p.meter("E2", electricity("e2-11", "E2", "2023-03-01T11:00", "2023-03-01T12:00", 500, "kWh").build());
        p.publishTotals();

        assertThat(p.deadLetters.isEmpty()).as("within the 40-day horizon, nothing is refused as late").isTrue();
        assertThat(p.ledger.readValuesToList()).extracting(e -> e.getEventId()).contains("e2-10", "e2-11");

        Map<String, EmissionTotals> park = last(p.parkTotals.readValuesToList());
        EmissionTotals day = park.get(parkDay);
        assertThat(day.getClosed()).isTrue();
        assertThat(day.getRevision()).isEqualTo(1);
        assertThat(day.getRevisionReason()).isEqualTo("LATE_ACTIVITY");
        // moved by exactly the relayed amounts: 550 000 000 + 2 x 275 000 000
        assertThat(day.getTotals().getCo2Scope2LocationMg() - dayBefore.getTotals().getCo2Scope2LocationMg())
                .isEqualTo(2 * HALF_MWH_CO2_MG);
        assertThat(day.getTotals().getEntryCount() - dayBefore.getTotals().getEntryCount())
                .isEqualTo(6); // CO2 location-based, CO2 market-based and energy of each reading
        EmissionTotals hour10 = park.get("park-1:HOUR:" + local("2023-03-01T10:00"));
        assertThat(hour10.getTotals().getCo2Scope2LocationMg()).isEqualTo(MWH_CO2_MG + HALF_MWH_CO2_MG);
        assertThat(hour10.getRevision()).isEqualTo(1);
        // 11:00-12:00 had no activity when it closed, so it was never published: its first record is revision 1
        EmissionTotals hour11 = park.get("park-1:HOUR:" + local("2023-03-01T11:00"));
        assertThat(hour11.getTotals().getCo2Scope2LocationMg()).isEqualTo(HALF_MWH_CO2_MG);
        assertThat(hour11.getClosed()).isTrue();
        assertThat(hour11.getRevision()).isEqualTo(1);
        // the month is open: month to date, no revision
        EmissionTotals month = park.get("park-1:MONTH_TO_DATE:" + local("2023-03-01T00:00"));
        assertThat(month.getClosed()).isFalse();
        assertThat(month.getRevision()).isZero();
        assertThat(month.getTotals().getCo2Scope2LocationMg()).isEqualTo(3 * MWH_CO2_MG + 2 * HALF_MWH_CO2_MG);

        // the enterprise's own windows of 1 March, closed without activity, are published for the first time
        Map<String, EmissionTotals> enterprises = last(p.enterpriseTotals.readValuesToList());
        EmissionTotals e2Day = enterprises.get("E2:DAY:" + local("2023-03-01T00:00"));
        assertThat(e2Day.getClosed()).isTrue();
        assertThat(e2Day.getRevision()).isEqualTo(1);
        assertThat(e2Day.getTotals().getCo2Scope2LocationMg()).isEqualTo(2 * HALF_MWH_CO2_MG);
        // the park's closed days equal the sum of its enterprises' closed days
        EmissionTotals e1Day = enterprises.get("E1:DAY:" + local("2023-03-01T00:00"));
        assertThat(e1Day.getTotals().getCo2Scope2LocationMg() + e2Day.getTotals().getCo2Scope2LocationMg())
                .isEqualTo(day.getTotals().getCo2Scope2LocationMg());
    }

    @Test
    void shouldCountOneRevisionPerPublicationHoweverManyRecordsReviseTheWindow() {
        p.meter("E1", electricity("e1-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.meter("E1", electricity("e1-2", "E1", "2023-03-03T10:00", "2023-03-03T11:00", 1000, "kWh").build());
        p.publishTotals();
        String e1Day = "E1:DAY:" + local("2023-03-01T00:00");
        assertThat(last(p.enterpriseTotals.readValuesToList()).get(e1Day).getRevision()).isZero();

        p.meter("E1", electricity("late-1", "E1", "2023-03-01T12:00", "2023-03-01T13:00", 500, "kWh").build());
        p.meter("E1", electricity("late-2", "E1", "2023-03-01T13:00", "2023-03-01T14:00", 500, "kWh").build());
        p.publishTotals();
        List<EmissionTotals> firstRevision = p.enterpriseTotals.readValuesToList().stream()
                .filter(t -> key(t).equals(e1Day)).toList();
        assertThat(firstRevision).singleElement().satisfies(t -> {
            assertThat(t.getRevision()).isEqualTo(1);
            assertThat(t.getTotals().getCo2Scope2LocationMg()).isEqualTo(MWH_CO2_MG + 2 * HALF_MWH_CO2_MG);
        });

        p.meter("E1", electricity("late-3", "E1", "2023-03-01T14:00", "2023-03-01T15:00", 500, "kWh").build());
        p.publishTotals();
        assertThat(last(p.enterpriseTotals.readValuesToList()).get(e1Day)).satisfies(t -> {
            assertThat(t.getRevision()).isEqualTo(2);
            assertThat(t.getRevisionReason()).isEqualTo("LATE_ACTIVITY");
            assertThat(t.getTotals().getCo2Scope2LocationMg()).isEqualTo(MWH_CO2_MG + 3 * HALF_MWH_CO2_MG);
        });
    }

    @Test
    void shouldRaiseAnAlertOnAClosedDayWhoseRevisionBreachesItsIntensityLimitAndSaySo() {
        // E1 adds 24 (10^4 RMB) on 1 March; day intensity limit 0.1 tCO2 per 10^4 RMB, warning from 0.08
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, Instant.parse("2023-03-02T00:00:00Z"));
        p.rule(ThresholdRule.newBuilder().setRuleId("e-day-co2").setVersion(1).setScopeType(SubjectType.ENTERPRISE)
                .setScopeId("*").setMetric("co2.intensity.location").setWindow(WindowKind.DAY)
                .setWarningLevel(0.08).setLimit(0.1).setClearLevel(0.07).setUnit("tCO2/10^4 RMB")
                .setMinDurationMs(0).setMinConsecutive(1).setEnabled(true).setSource("test rule").build());
        p.refreshRules();
        p.meter("E1", electricity("e1-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.meter("E1", electricity("e1-2", "E1", "2023-03-03T10:00", "2023-03-03T11:00", 1000, "kWh").build());
        p.publishTotals();
        // closed at 0.55 t / 24 = 0.0229: no alert
        assertThat(p.alerts.readValuesToList()).isEmpty();

        // four more hours of 1 000 kWh relayed two days late: 5 x 0.55 t / 24 = 0.114583 >= 0.1
        for (int h = 11; h <= 14; h++) {
            p.meter("E1", electricity("late-" + h, "E1", String.format("2023-03-01T%02d:00", h),
                    String.format("2023-03-01T%02d:00", h + 1), 1000, "kWh").build());
        }
        p.publishTotals();

        List<Alert> alerts = p.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getState, Alert::getCause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, "REVISION"),
                        org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, "WINDOW_CLOSED"));
        Alert raised = alerts.get(0);
        assertThat(raised.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(raised.getValue()).isCloseTo(5 * 0.55 / 24, within(1e-12));
        assertThat(raised.getWindowStart()).isEqualTo(local("2023-03-01T00:00"));
        assertThat(raised.getMessage()).contains("revision");
        assertThat(raised.getEvidence()).containsEntry("revision", "1").containsEntry("revisionReason", "LATE_ACTIVITY");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(raised.getAlertId());
        IntensitySnapshot day = lastIntensity(p.enterpriseIntensity.readValuesToList())
                .get("E1:DAY:" + local("2023-03-01T00:00"));
        assertThat(day.getRevision()).isEqualTo(1);

        // a further revision that keeps the day above its limit raises nothing new
        p.meter("E1", electricity("late-15", "E1", "2023-03-01T15:00", "2023-03-01T16:00", 1000, "kWh").build());
        p.publishTotals();
        assertThat(p.alerts.readValuesToList()).isEmpty();
    }

    @Test
    void shouldClearByRevisionAnAlertThatStoodOnAClosedDayWhenNewAddedValueBringsItBelowItsClearLevel() {
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, Instant.parse("2023-03-02T00:00:00Z"));
        p.rule(ThresholdRule.newBuilder().setRuleId("e-day-co2").setVersion(1).setScopeType(SubjectType.ENTERPRISE)
                .setScopeId("*").setMetric("co2.intensity.location").setWindow(WindowKind.DAY)
                .setLimit(0.1).setClearLevel(0.07).setUnit("tCO2/10^4 RMB")
                .setMinDurationMs(0).setMinConsecutive(1).setEnabled(true).setSource("test rule").build());
        p.refreshRules();
        // 5 MWh on 1 March against 24: 2.75 / 24 = 0.1146, open while the day runs, resolved when it closes
        for (int h = 10; h <= 14; h++) {
            p.meter("E1", electricity("m-" + h, "E1", String.format("2023-03-01T%02d:00", h),
                    String.format("2023-03-01T%02d:00", h + 1), 1000, "kWh").build());
        }
        p.publishTotals();
        p.meter("E1", electricity("m-next", "E1", "2023-03-03T10:00", "2023-03-03T11:00", 1000, "kWh").build());
        p.publishTotals();
        List<Alert> first = p.alerts.readValuesToList();
        assertThat(first).extracting(Alert::getCause).containsExactly("VALUE", "WINDOW_CLOSED");
        String alertId = first.get(0).getAlertId();

        // the enterprise revises its IAV of 1 March to 48: 2.75 / 48 = 0.0573 < 0.07
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 48, Instant.parse("2023-03-04T00:00:00Z"));
        p.publishTotals();

        assertThat(p.alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).isEqualTo(alertId);
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getCause()).isEqualTo("REVISION");
            assertThat(a.getValue()).isCloseTo(2.75 / 48, within(1e-12));
            assertThat(a.getEvidence()).containsEntry("revisionReason", "IAV_REPORT");
        });
    }

    private static String key(EmissionTotals t) {
        return t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart();
    }

    private static Map<String, EmissionTotals> last(List<EmissionTotals> published) {
        Map<String, EmissionTotals> last = new LinkedHashMap<>();
        published.forEach(t -> last.put(key(t), t));
        return last;
    }

    private static Map<String, IntensitySnapshot> lastIntensity(List<IntensitySnapshot> published) {
        Map<String, IntensitySnapshot> last = new LinkedHashMap<>();
        published.forEach(s -> last.put(s.getSubjectId() + ":" + s.getWindow() + ":" + s.getWindowStart(), s));
        return last;
    }
}
