package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.local;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.avro.internal.AlertWatch;

/** Alerts decided in the topology: one record per transition, with evidence an agency can follow. */
class AlertTopologyTest {

    private PipelineFixture p;
    private int sample;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.standardFactors();
        // outlet W1 of the fixture: COD limit 500 mg/L, NH3-N limit 45 mg/L; COD permit 100 kg a year
        p.enterprise("E1", "park-1", GridRegion.EAST, new PermittedLoads(100.0, null, null));
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    private static ThresholdRule codRule(String ruleId, int version, SubjectType scope, String scopeId,
                                         double warning, double limit, double clear, int consecutive) {
        return ThresholdRule.newBuilder().setRuleId(ruleId).setVersion(version).setScopeType(scope)
                .setScopeId(scopeId).setMetric("cod.concentration.ratio").setWindow(WindowKind.SAMPLE)
                .setWarningLevel(warning).setLimit(limit).setClearLevel(clear).setUnit("ratio to outlet limit")
                .setMinDurationMs(0).setMinConsecutive(consecutive).setEnabled(true).setSource("test rule").build();
    }

    /** One hourly sample at W1 with the given COD (mg/L); null with flag D means the analyser failed. */
    private void cod(Double mgPerL, DataFlag flag) {
        Instant start = local("2023-03-01T00:00").plusSeconds(3600L * sample++);
        p.wastewater.pipeInput(new TestRecord<>("E1", WastewaterSample.newBuilder().setEventId("w-" + sample)
                .setEnterpriseId("E1").setOutletId("W1").setVolumeM3(10).setCodMgPerL(mgPerL).setCodFlag(flag)
                .setAmmoniaNitrogenMgPerL(5.0).setIntervalStart(start).setIntervalEnd(start.plusSeconds(3600)).build(),
                PipelineFixture.NOW));
    }

    private void cod(double... mgPerL) {
        for (double v : mgPerL) {
            cod(v, DataFlag.N);
        }
    }

    @Test
    void shouldOpenEscalateAndResolveAConcentrationAlertEmittingOnlyTransitions() {
        p.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        // ratios to the 500 mg/L limit: 0.5, 0.92 (warning), 0.94, 1.04 (limit), 0.96, 0.80 (below clear 0.85)
        cod(250, 460, 470, 520, 480, 400);

        List<Alert> alerts = p.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getState, Alert::getSeverity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, AlertSeverity.WARNING),
                org.assertj.core.groups.Tuple.tuple(AlertState.ESCALATED, AlertSeverity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, AlertSeverity.CRITICAL));
        assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).extracting(Alert::getValue).containsExactly(0.92, 1.04, 0.8);
        assertThat(p.metrics.counter("parkwatch.alerts", "severity", "WARNING", "state", "OPEN").count()).isEqualTo(1.0);
    }

    /** One hourly sample at outlet W1 of {@code enterprise}, sharing the sample clock of {@link #cod}. */
    private void codAt(String enterprise, double mgPerL) {
        Instant start = local("2023-03-01T00:00").plusSeconds(3600L * sample++);
        p.wastewater.pipeInput(new TestRecord<>(enterprise, WastewaterSample.newBuilder()
                .setEventId("w-" + enterprise + "-" + sample).setEnterpriseId(enterprise).setOutletId("W1")
                .setVolumeM3(10).setCodMgPerL(mgPerL).setCodFlag(DataFlag.N).setAmmoniaNitrogenMgPerL(5.0)
                .setIntervalStart(start).setIntervalEnd(start.plusSeconds(3600)).build(), PipelineFixture.NOW));
    }

    @Test
    void shouldKeepTheAlertsOfTwoEnterprisesOutletsOfTheSameNameApart() {
        p.enterprise("E2", "park-1", GridRegion.EAST, new PermittedLoads(100.0, null, null));
        p.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        // E1's W1 breaches (1.1 of 500 mg/L); E2's own W1 is clean (0.2): it must not resolve E1's alert
        codAt("E1", 550);
        codAt("E2", 100);
        codAt("E1", 300);

        List<Alert> alerts = p.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::getState, Alert::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, 1.1),
                org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, 0.6));
        assertThat(alerts).extracting(Alert::getAlertId).allMatch(id -> id.startsWith("cod-conc|OUTLET:E1/W1|"));
    }

    @Test
    void shouldFindAnAlertStoredUnderTheOutletKeyOfStateVersion2() {
        p.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        codAt("E1", 550);
        Alert opened = p.alerts.readValue();
        KeyValueStore<String, AlertWatch> states = p.driver.getKeyValueStore(StoreNames.ALERT_STATE);
        AlertWatch watch = states.get("cod-conc|OUTLET:E1/W1|SAMPLE");
        assertThat(watch).isNotNull();
        KeyValueStore<String, Alert> open = p.driver.getKeyValueStore(StoreNames.OPEN_ALERTS);

        // the same state as a version-2 pipeline left it (outlets keyed without their enterprise), read by a
        // pipeline starting afresh on it
        try (PipelineFixture restarted = new PipelineFixture()) {
            restarted.standardFactors();
            restarted.enterprise("E1", "park-1", GridRegion.EAST, new PermittedLoads(100.0, null, null));
            restarted.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
            KeyValueStore<String, AlertWatch> oldStates = restarted.driver.getKeyValueStore(StoreNames.ALERT_STATE);
            oldStates.put("cod-conc|OUTLET:W1|SAMPLE",
                    AlertWatch.newBuilder(watch).setAlertKey("cod-conc|OUTLET:W1|SAMPLE").build());
            KeyValueStore<String, Alert> oldOpen = restarted.driver.getKeyValueStore(StoreNames.OPEN_ALERTS);
            oldOpen.put(opened.getAlertId(), open.get(opened.getAlertId()));
            PipelineFixture first = p;
            p = restarted;
            try {
                codAt("E1", 300);
            } finally {
                p = first;
            }

            assertThat(restarted.alerts.readValuesToList())
                    .extracting(Alert::getAlertId, Alert::getState, Alert::getValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(opened.getAlertId(), AlertState.RESOLVED, 0.6));
            assertThat(oldStates.get("cod-conc|OUTLET:W1|SAMPLE")).isNull();
        }
    }

    @Test
    void shouldCarryTheEvidenceBehindTheValue() {
        p.rule(codRule("cod-conc", 3, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        cod(600);

        Alert alert = p.alerts.readValue();
        assertThat(alert.getRuleId()).isEqualTo("cod-conc");
        assertThat(alert.getRuleVersion()).isEqualTo(3);
        assertThat(alert.getSubjectType()).isEqualTo(SubjectType.OUTLET);
        assertThat(alert.getSubjectId()).isEqualTo("W1");
        assertThat(alert.getParkId()).isEqualTo("park-1");
        assertThat(alert.getValue()).isEqualTo(1.2); // 600 / 500
        assertThat(alert.getLimit()).isEqualTo(1.0);
        assertThat(alert.getWarningLevel()).isEqualTo(0.9);
        assertThat(alert.getEvidence()).containsEntry("concentrationMgPerL", "600.0")
                .containsEntry("outletLimitMgPerL", "500.0").containsEntry("enterpriseId", "E1");
        assertThat(alert.getLedgerEntryIds()).containsExactly("w-1:COD:NONE");
        assertThat(alert.getMessage()).contains("cod.concentration.ratio");
    }

    @Test
    void shouldNotStormWhenTheValueOscillatesAroundTheLimit() {
        p.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 3));
        // 0.95, 1.05, 0.97, 1.02, 0.96, 1.03, 0.94, 1.01: never below the clear level 0.85
        cod(475, 525, 485, 510, 480, 515, 470, 505);

        // opens at the third breaching sample (0.97, warning), escalates once at 1.02, and nothing more
        assertThat(p.alerts.readValuesToList()).extracting(Alert::getState, Alert::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, 0.97),
                org.assertj.core.groups.Tuple.tuple(AlertState.ESCALATED, 1.02));
    }

    @Test
    void shouldOpenOnlyOnceTheBreachHasLastedTheRulesDuration() {
        p.rule(ThresholdRule.newBuilder(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1))
                .setMinDurationMs(java.time.Duration.ofHours(2).toMillis()).build());
        // hourly samples at 1.1: the first breach is at 00:59:59.999, two hours later at 02:59:59.999
        cod(550, 550);
        assertThat(p.alerts.isEmpty()).isTrue();
        cod(550);

        Alert opened = p.alerts.readValue();
        assertThat(opened.getState()).isEqualTo(AlertState.OPEN);
        assertThat(opened.getOpenedAt()).isEqualTo(local("2023-03-01T02:59:59.999"));
        assertThat(p.alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldNeverFireOnAnEstimatedConcentration() {
        p.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        // analyser fault: COD is estimated with the discharge factor (80 mg/L here), and never judged
        cod(null, DataFlag.D);
        cod(null, DataFlag.D);

        assertThat(p.ledger.readValuesToList()).anySatisfy(e -> assertThat(e.getEstimated()).isTrue());
        assertThat(p.alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldJudgeWithTheMostSpecificRule() {
        p.rule(codRule("cod-any-outlet", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        p.rule(codRule("cod-w1", 1, SubjectType.OUTLET, "W1", 1.8, 2.0, 1.5, 1));
        // 1.2 breaches the generic rule but not the one written for W1
        cod(600);
        assertThat(p.alerts.isEmpty()).isTrue();
        // 2.2 breaches W1's own rule
        cod(1100);
        assertThat(p.alerts.readValue().getRuleId()).isEqualTo("cod-w1");
    }

    @Test
    void shouldReJudgeAnOpenAlertWhenItsRuleChangesAtRuntime() {
        p.rule(codRule("cod-conc", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        cod(550); // 1.1: OPEN CRITICAL
        p.alerts.readValue();

        // the agency raises the limit to twice the outlet limit: 1.1 no longer reaches the warning level 1.8
        p.rule(codRule("cod-conc", 2, SubjectType.OUTLET, "*", 1.8, 2.0, 1.5, 1));
        p.refreshRules();

        Alert resolved = p.alerts.readValue();
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getRuleVersion()).isEqualTo(2);
        assertThat(resolved.getCause()).isEqualTo("RULE_CHANGED");
        // stamped with the event time of the value re-judged (the sample's last millisecond), not the wall clock
        assertThat(resolved.getTransitionAt()).isEqualTo(local("2023-03-01T00:59:59.999"));
        // both transitions of that same millisecond are kept in the history the API serves, in their order
        List<Alert> history = new java.util.ArrayList<>();
        try (var it = p.driver.<String, Alert>getKeyValueStore(StoreNames.ALERT_HISTORY).all()) {
            it.forEachRemaining(kv -> history.add(kv.value));
        }
        assertThat(history).extracting(Alert::getState).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
    }

    @Test
    void shouldResolveAnAlertWhoseRuleAMoreSpecificRuleNowOverrides() {
        p.rule(codRule("cod-any-outlet", 1, SubjectType.OUTLET, "*", 0.9, 1.0, 0.85, 1));
        cod(550); // 1.1: OPEN CRITICAL under the rule for every outlet
        assertThat(p.alerts.readValue().getRuleId()).isEqualTo("cod-any-outlet");

        // a rule written for W1 now judges it: the generic rule's alert would otherwise never see another value
        p.rule(codRule("cod-w1", 1, SubjectType.OUTLET, "W1", 1.8, 2.0, 1.5, 1));
        p.refreshRules();

        Alert resolved = p.alerts.readValue();
        assertThat(resolved.getRuleId()).isEqualTo("cod-any-outlet");
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getCause()).isEqualTo("RULE_SUPERSEDED");
        assertThat(p.alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldRaiseAQuotaAlertAsTheYearToDateLoadApproachesThePermit() {
        p.rule(ThresholdRule.newBuilder().setRuleId("cod-quota").setVersion(1).setScopeType(SubjectType.ENTERPRISE)
                .setScopeId("*").setMetric("cod.load.ytd.ratio").setWindow(WindowKind.YEAR_TO_DATE)
                .setWarningLevel(0.8).setLimit(1.0).setClearLevel(0.75).setUnit("ratio to annual permit")
                .setSource("test rule").build());
        // each sample: 10 m3 x 500 mg/L x 1e-3 = 5 kg COD; the permit is 100 kg a year
        for (int i = 0; i < 15; i++) {
            cod(500.0, DataFlag.N);
        }
        p.publishTotals(); // 75 kg: 0.75, below the warning level
        assertThat(p.alerts.readValuesToList()).filteredOn(a -> a.getRuleId().equals("cod-quota")).isEmpty();
        cod(500, 500);
        p.publishTotals(); // 85 kg: 0.85
        cod(500, 500, 500);
        p.publishTotals(); // 100 kg: 1.0

        List<Alert> quota = p.alerts.readValuesToList().stream().filter(a -> a.getRuleId().equals("cod-quota")).toList();
        assertThat(quota).extracting(Alert::getState, Alert::getSeverity, Alert::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, AlertSeverity.WARNING, 0.85),
                org.assertj.core.groups.Tuple.tuple(AlertState.ESCALATED, AlertSeverity.CRITICAL, 1.0));
        assertThat(quota.get(0).getSubjectId()).isEqualTo("E1");
        assertThat(quota.get(0).getWindow()).isEqualTo(WindowKind.YEAR_TO_DATE);
        assertThat(quota.get(0).getEvidence()).containsEntry("permittedKgPerYear", "100.0");
        // 17 samples x 5 kg = 85 kg behind the warning
        assertThat(quota.get(0).getTotals().getCodMg()).isEqualTo(85_000_000L);
    }

    private static ThresholdRule quotaRule(java.time.Duration minDuration) {
        return ThresholdRule.newBuilder().setRuleId("cod-quota").setVersion(1).setScopeType(SubjectType.ENTERPRISE)
                .setScopeId("*").setMetric("cod.load.ytd.ratio").setWindow(WindowKind.YEAR_TO_DATE)
                .setWarningLevel(0.8).setLimit(1.0).setClearLevel(0.75).setUnit("ratio to annual permit")
                .setMinDurationMs(minDuration.toMillis()).setSource("test rule").build();
    }

    /** A sample at W1 for the local hour starting at {@code localStart}, arriving (append time) at {@code arrival}. */
    private void sampleAt(String eventId, String localStart, double volumeM3, double codMgPerL, Instant arrival) {
        Instant start = local(localStart);
        p.wastewater.pipeInput(new TestRecord<>("E1", WastewaterSample.newBuilder().setEventId(eventId)
                .setEnterpriseId("E1").setOutletId("W1").setVolumeM3(volumeM3).setCodMgPerL(codMgPerL)
                .setAmmoniaNitrogenMgPerL(5.0).setIntervalStart(start).setIntervalEnd(start.plusSeconds(3600))
                .build(), arrival));
    }

    @Test
    void shouldJudgeAQuotaBreachsDurationInEventTimeWhenLastYearIsBackfilledInSeconds() {
        // last year (the fixture's clock is 1 June 2023), read back in one go: every record arrives at the same time
        p.rule(quotaRule(java.time.Duration.ofDays(2)));
        // one sample a day from 1 March 2022, 10 m3 x 500 mg/L = 5 kg COD each; the permit is 100 kg a year
        for (int day = 1; day <= 17; day++) {
            sampleAt("q-" + day, String.format("2022-03-%02dT10:00", day), 10, 500, PipelineFixture.NOW);
            p.publishTotals();
        }
        // 16 March: 80 kg, 0.80 reaches the warning level; 17 March: 0.85, the breach has lasted one day of two
        assertThat(p.alerts.readValuesToList()).isEmpty();
        sampleAt("q-18", "2022-03-18T10:00", 10, 500, PipelineFixture.NOW);
        p.publishTotals();

        // 18 March, 10:59:59.999 local: 0.90, two days after the first breaching figure
        Alert opened = p.alerts.readValue();
        assertThat(opened.getState()).isEqualTo(AlertState.OPEN);
        assertThat(opened.getSeverity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(opened.getValue()).isEqualTo(0.9);
        assertThat(opened.getOpenedAt()).isEqualTo(Instant.parse("2022-03-18T02:59:59.999Z"));
        assertThat(opened.getTransitionAt()).isEqualTo(Instant.parse("2022-03-18T02:59:59.999Z"));
        assertThat(opened.getWindowStart()).isEqualTo(Instant.parse("2021-12-31T16:00:00Z"));
    }

    @Test
    void shouldNotCountSlowArrivalAsBreachDuration() {
        p.rule(quotaRule(java.time.Duration.ofDays(1)));
        Instant arrival = PipelineFixture.NOW.minus(java.time.Duration.ofDays(10));
        // 85 kg, then 1 kg and 1 kg an hour apart in event time, but arriving a day apart: 0.85, 0.86, 0.87
        sampleAt("s-1", "2022-03-01T10:00", 170, 500, arrival);
        p.publishTotals();
        sampleAt("s-2", "2022-03-01T11:00", 2, 500, arrival.plus(java.time.Duration.ofDays(1)));
        p.publishTotals();
        sampleAt("s-3", "2022-03-01T12:00", 2, 500, arrival.plus(java.time.Duration.ofDays(2)));
        p.publishTotals();
        // the breach has lasted two hours of event time, not two days
        assertThat(p.alerts.readValuesToList()).isEmpty();

        // a day after the first breaching figure in event time: 88 kg, 0.88
        sampleAt("s-4", "2022-03-02T10:00", 2, 500, arrival.plus(java.time.Duration.ofDays(2)));
        p.publishTotals();
        Alert opened = p.alerts.readValue();
        assertThat(opened.getValue()).isEqualTo(0.88);
        assertThat(opened.getOpenedAt()).isEqualTo(Instant.parse("2022-03-02T02:59:59.999Z"));
    }

    @Test
    void shouldRaiseAParkAlertWhenItsYearToDateCarbonIntensityExceedsTheTarget() {
        p.rule(ThresholdRule.newBuilder().setRuleId("park-co2-target").setVersion(1).setScopeType(SubjectType.PARK)
                .setScopeId("*").setMetric("co2.intensity.location").setWindow(WindowKind.YEAR_TO_DATE)
                .setWarningLevel(0.54).setLimit(0.6).setClearLevel(0.51).setUnit("tCO2 per 10^4 RMB")
                .setSource("test rule after the Jiangsu 2024 guideline").build());
        // 0.24 (10^4 RMB) over the local day of 1 March: 0.01 per hour
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 0.24, Instant.parse("2023-04-01T00:00:00Z"));
        p.meter("E1", PipelineFixture.electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh")
                .build());
        p.publishTotals();

        // year to date: only 1 March 00:00-10:59 is covered, 11 hours x 0.01 = 0.11; 0.55 t / 0.11 = 5.0 >= 0.6
        List<Alert> park = p.alerts.readValuesToList().stream().filter(a -> a.getSubjectType() == SubjectType.PARK)
                .toList();
        assertThat(park).singleElement().satisfies(a -> {
            assertThat(a.getRuleId()).isEqualTo("park-co2-target");
            assertThat(a.getSubjectId()).isEqualTo("park-1");
            assertThat(a.getState()).isEqualTo(AlertState.OPEN);
            assertThat(a.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.getValue()).isCloseTo(5.0, org.assertj.core.api.Assertions.within(1e-9));
            // stamped with the event time of the figure: the meter reading's last millisecond, not the arrival
            assertThat(a.getOpenedAt()).isEqualTo(local("2023-03-01T10:59:59.999"));
            // the factor versions behind the figure: the 2023 EAST grid factor, the residual and the coal equivalent
            assertThat(a.getFactors()).extracting(f -> f.getFactorKey() + "@" + f.getValidFrom() + "=" + f.getValue())
                    .containsExactlyInAnyOrder("grid.location.EAST@2022-12-31T16:00:00Z=0.55",
                            "grid.market.residual@2021-12-31T16:00:00Z=0.6096",
                            "tce.electricity@2021-12-31T16:00:00Z=0.1229");
            // the totals and the IAV behind the value: 0.55 t CO2 over 0.11 (10^4 RMB)
            assertThat(a.getTotals().getCo2Scope2LocationMg()).isEqualTo(550_000_000L);
            assertThat(a.getAddedValue()).isCloseTo(0.11, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(a.getEvidence()).containsEntry("iavReportIds", "iav-1").containsEntry("status", "PARTIAL")
                    .containsEntry("coveredHours", "11"); // January and February have no IAV yet
        });
    }

    @Test
    void shouldJudgeAnEnterprisesIntensityByEnterpriseRulesButNotByTheParksTarget() {
        ThresholdRule.Builder co2 = ThresholdRule.newBuilder().setVersion(1).setMetric("co2.intensity.location")
                .setWindow(WindowKind.HOUR).setUnit("tCO2 per 10^4 RMB").setSource("test rule");
        p.rule(co2.setRuleId("park-target").setScopeType(SubjectType.PARK).setScopeId("*").setWarningLevel(null)
                .setLimit(0.6).setClearLevel(0.5).build());
        p.rule(ThresholdRule.newBuilder(co2.build()).setRuleId("chemicals-target").setScopeType(SubjectType.SECTOR)
                .setScopeId("chemicals").setWarningLevel(null).setLimit(2.0).setClearLevel(1.5).build());
        // 1 per hour of IAV; 1 MWh in the 10:00 hour: 0.55 t per 10^4 RMB; then 5 MWh in the 11:00 hour: 2.75
        p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 24, Instant.parse("2023-04-01T00:00:00Z"));
        p.meter("E1", PipelineFixture.electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh")
                .build());
        p.meter("E1", PipelineFixture.electricity("m-2", "E1", "2023-03-01T11:00", "2023-03-01T12:00", 5000, "kWh")
                .build());
        p.publishTotals();

        List<Alert> alerts = p.alerts.readValuesToList();
        // the enterprise's 11:00 hour (2.75) breaches the sector rule; the park's 11:00 hour (2.75) the park target;
        // the park target (0.6) never judges the enterprise itself
        assertThat(alerts).filteredOn(a -> a.getSubjectType() == SubjectType.ENTERPRISE)
                .singleElement().satisfies(a -> {
                    assertThat(a.getRuleId()).isEqualTo("chemicals-target");
                    assertThat(a.getWindowStart()).isEqualTo(local("2023-03-01T11:00"));
                    assertThat(a.getOpenedAt()).isEqualTo(local("2023-03-01T11:59:59.999"));
                    assertThat(a.getValue()).isCloseTo(2.75, org.assertj.core.api.Assertions.within(1e-9));
                });
        assertThat(alerts).filteredOn(a -> a.getSubjectType() == SubjectType.PARK)
                .extracting(Alert::getRuleId).containsOnly("park-target");
    }
}
