package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

/**
 * Which enterprise an open alert colours. Alerts are built as the pipeline writes them: a concentration alert is
 * about an outlet (subject OUTLET, the outlet's id) and names the enterprise and outlet in its evidence; a park
 * intensity alert names no enterprise.
 */
class EnterpriseAlertsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void shouldColourAnEnterpriseWithTheCriticalAlertOfItsOutlet() {
        EnterpriseAlerts open = EnterpriseAlerts.of(views(outletAlert("A1", "E1", "E1-W1", AlertSeverity.CRITICAL)));

        assertThat(open.status("E1", true)).isEqualTo(EnterpriseStatus.CRITICAL);
        assertThat(open.of("E1")).extracting(a -> a.get("alertId")).containsExactly("A1");
        assertThat(open.status("E2", true)).isEqualTo(EnterpriseStatus.OK);
        assertThat(open.of("E2")).isEmpty();
    }

    @Test
    void shouldColourAnEnterpriseWithNoFiguresYetByTheAlertOfItsOutlet() {
        EnterpriseAlerts open = EnterpriseAlerts.of(views(outletAlert("A1", "E1", "E1-W1", AlertSeverity.WARNING)));

        assertThat(open.status("E1", false)).isEqualTo(EnterpriseStatus.WARNING);
    }

    @Test
    void shouldTakeTheWorstOfTheEnterprisesOwnAlertsAndThoseOfItsOutlets() {
        EnterpriseAlerts open = EnterpriseAlerts.of(views(
                enterpriseAlert("A1", "E1", AlertSeverity.WARNING),
                outletAlert("A2", "E1", "E1-W2", AlertSeverity.CRITICAL),
                outletAlert("A3", "E2", "E2-W1", AlertSeverity.WARNING)));

        assertThat(open.status("E1", true)).isEqualTo(EnterpriseStatus.CRITICAL);
        assertThat(open.of("E1")).extracting(a -> a.get("alertId")).containsExactlyInAnyOrder("A1", "A2");
        assertThat(open.status("E2", true)).isEqualTo(EnterpriseStatus.WARNING);
        assertThat(open.of("E2")).hasSize(1);
    }

    @Test
    void shouldLeaveParkAndSectorAlertsToNoEnterprise() {
        EnterpriseAlerts open = EnterpriseAlerts.of(views(areaAlert("P1", SubjectType.PARK, "park-a"),
                areaAlert("S1", SubjectType.SECTOR, "steel")));

        assertThat(open.status("E1", true)).isEqualTo(EnterpriseStatus.OK);
        assertThat(open.of("park-a")).isEmpty();
        assertThat(open.of("steel")).isEmpty();
    }

    @Test
    void shouldNameTheEnterpriseOfAnAlertInItsView() {
        assertThat(JsonViews.alert(outletAlert("A1", "E1", "E1-W1", AlertSeverity.CRITICAL)))
                .containsEntry("subjectType", "OUTLET").containsEntry("subjectId", "E1-W1")
                .containsEntry("enterpriseId", "E1");
        assertThat(JsonViews.alert(enterpriseAlert("A2", "E2", AlertSeverity.WARNING)))
                .containsEntry("enterpriseId", "E2");
        assertThat(JsonViews.alert(areaAlert("P1", SubjectType.PARK, "park-a"))).containsEntry("enterpriseId", null);
    }

    private static List<Map<String, Object>> views(Alert... alerts) {
        return List.of(alerts).stream().map(JsonViews::alert).toList();
    }

    /** A COD concentration alert on an outlet, with the evidence the alerting step writes. */
    private static Alert outletAlert(String alertId, String enterpriseId, String outletId, AlertSeverity severity) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("concentrationMgPerL", "250.0");
        evidence.put("outletLimitMgPerL", "100.0");
        evidence.put("enterpriseId", enterpriseId);
        evidence.put("outletId", outletId);
        evidence.put("ruleSource", "test");
        return base(alertId, severity).setSubjectType(SubjectType.OUTLET).setSubjectId(outletId)
                .setMetric("cod.concentration.ratio").setWindow(WindowKind.SAMPLE).setValue(2.5)
                .setUnit("ratio of the outlet's COD limit").setEvidence(evidence).build();
    }

    private static Alert enterpriseAlert(String alertId, String enterpriseId, AlertSeverity severity) {
        return base(alertId, severity).setSubjectType(SubjectType.ENTERPRISE).setSubjectId(enterpriseId)
                .setMetric("cod.quota.ratio").setWindow(WindowKind.YEAR_TO_DATE).setValue(1.2)
                .setUnit("ratio of the permitted load").setEvidence(Map.of("enterpriseId", enterpriseId)).build();
    }

    /** A CRITICAL intensity alert about a park or a sector, which lies in no enterprise. */
    private static Alert areaAlert(String alertId, SubjectType type, String id) {
        return base(alertId, AlertSeverity.CRITICAL).setSubjectType(type).setSubjectId(id)
                .setMetric("cod.intensity").setWindow(WindowKind.YEAR_TO_DATE).setValue(1.3)
                .setUnit("kg/10^4 RMB").setEvidence(Map.of("ruleSource", "test")).build();
    }

    private static Alert.Builder base(String alertId, AlertSeverity severity) {
        return Alert.newBuilder().setAlertId(alertId).setRuleId("rule").setRuleVersion(1).setParkId("park-a")
                .setWindowStart(T0).setWindowEnd(T0.plusSeconds(3600)).setSeverity(severity)
                .setState(AlertState.OPEN).setWarningLevel(0.9).setLimit(1.0).setClearLevel(0.85)
                .setOpenedAt(T0).setTransitionAt(T0).setTotals(null).setAddedValue(null).setFactors(List.of())
                .setLedgerEntryIds(List.of()).setMessage("test alert " + alertId);
    }
}
