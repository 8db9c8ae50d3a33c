package org.parkwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parkwatch.alerting.Rules.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.WindowKind;

class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2024-06-10T00:00:00Z");
    private static final Subject PARK = Subject.park("P1");
    private static final Instant YEAR_START = Instant.parse("2023-12-31T16:00:00Z");

    /** warning 0.9, limit 1.0, clear 0.8; one observation opens. */
    private static final AlertRule RULE = rule("cod", OptionalDouble.of(0.9), 1.0, 0.8);

    private final AlertLifecycle lifecycle =
            new AlertLifecycle(AlertLifecycle.alertKey("cod", PARK, WindowKind.YEAR_TO_DATE, YEAR_START));

    /** Feeds measured values one minute apart and collects the transitions; keeps the last state. */
    private final class Run {
        AlertState state;
        final List<Transition> transitions = new ArrayList<>();
        Instant clock = T0;

        Run feed(AlertRule rule, double... values) {
            for (double v : values) {
                observe(rule, Observation.measured(v, clock, Evidence.none()));
                clock = clock.plus(Duration.ofMinutes(1));
            }
            return this;
        }

        Run observe(AlertRule rule, Observation obs) {
            Decision d = lifecycle.decide(state, rule, obs);
            state = d.next();
            d.transition().ifPresent(transitions::add);
            return this;
        }

        Run apply(Decision d) {
            state = d.next();
            d.transition().ifPresent(transitions::add);
            return this;
        }
    }

    @Test
    void shouldOpenEscalateAndResolveWithOneStableAlertId() {
        Run run = new Run().feed(RULE, 0.5, 0.92, 0.95, 1.1, 0.85, 0.79);

        assertThat(run.transitions).extracting(Transition::state, Transition::severity, Transition::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertStateName.OPEN, AlertSeverity.WARNING, 0.92),
                        org.assertj.core.groups.Tuple.tuple(AlertStateName.ESCALATED, AlertSeverity.CRITICAL, 1.1),
                        org.assertj.core.groups.Tuple.tuple(AlertStateName.RESOLVED, AlertSeverity.CRITICAL, 0.79));
        String id = "cod|PARK:P1|YEAR_TO_DATE|2023-12-31T16:00:00Z|2024-06-10T00:01:00Z#1";
        assertThat(run.transitions).extracting(Transition::alertId).containsOnly(id);
        assertThat(run.transitions).extracting(Transition::openedAt).containsOnly(T0.plusSeconds(60));
        assertThat(run.transitions).extracting(Transition::at)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(180), T0.plusSeconds(300));
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.CLEAR);
    }

    @Test
    void shouldOpenCriticalAtOnceWhenTheFirstBreachReachesTheLimit() {
        Run run = new Run().feed(RULE, 1.3);

        assertThat(run.transitions).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.OPEN);
            assertThat(t.severity()).isEqualTo(AlertSeverity.CRITICAL);
        });
    }

    @Test
    void shouldNotStormWhenTheValueOscillatesAroundTheLimit() {
        // warning 0.95, limit 1.0, clear 0.9: every value stays at or above the clear level
        AlertRule rule = rule("cod", OptionalDouble.of(0.95), 1.0, 0.9);

        Run run = new Run().feed(rule, 0.95, 1.05, 0.97, 1.02, 0.96, 1.04, 0.93, 1.01, 0.91, 1.03);

        assertThat(run.transitions).extracting(Transition::state)
                .containsExactly(AlertStateName.OPEN, AlertStateName.ESCALATED);
    }

    @Test
    void shouldNotStormAroundALimitWithoutWarningLevel() {
        // limit 1.0, clear 0.9: 0.95 opens nothing, 1.05 opens CRITICAL, the rest stays above 0.9
        AlertRule rule = rule("cod", OptionalDouble.empty(), 1.0, 0.9);

        Run run = new Run().feed(rule, 0.95, 1.05, 0.97, 1.02, 0.96, 1.04, 0.93, 1.01);

        assertThat(run.transitions).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.OPEN);
            assertThat(t.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(t.value()).isEqualTo(1.05);
        });
    }

    @Test
    void shouldOpenOnlyOnceTheBreachHasLastedTheMinimumDuration() {
        AlertRule rule = RULE.withConditions(Duration.ofMinutes(30), 1);
        Run run = new Run();

        // run from T0: broken at +20 min by 0.5; new run from +40 min lasts 30 min at +70 min
        run.observe(rule, Observation.measured(1.2, T0, null));
        run.observe(rule, Observation.measured(1.2, T0.plus(Duration.ofMinutes(10)), null));
        run.observe(rule, Observation.measured(0.5, T0.plus(Duration.ofMinutes(20)), null));
        run.observe(rule, Observation.measured(1.2, T0.plus(Duration.ofMinutes(40)), null));
        run.observe(rule, Observation.measured(1.2, T0.plus(Duration.ofMinutes(69)), null));
        assertThat(run.transitions).isEmpty();
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.PENDING);
        assertThat(run.state.breachSince()).isEqualTo(T0.plus(Duration.ofMinutes(40)));

        run.observe(rule, Observation.measured(1.05, T0.plus(Duration.ofMinutes(70)), null));

        assertThat(run.transitions).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.OPEN);
            assertThat(t.at()).isEqualTo(T0.plus(Duration.ofMinutes(70)));
            assertThat(t.value()).isEqualTo(1.05);
        });
    }

    @Test
    void shouldOpenOnlyAfterMinConsecutiveBreachingObservations() {
        AlertRule rule = RULE.withConditions(Duration.ZERO, 3);

        Run run = new Run().feed(rule, 1.2, 1.2, 0.7, 1.2, 0.95);
        assertThat(run.transitions).isEmpty();
        assertThat(run.state.breachCount()).isEqualTo(2);

        run.feed(rule, 0.97);

        // third consecutive value at or above 0.9 is 0.97: below the limit, so WARNING
        assertThat(run.transitions).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.OPEN);
            assertThat(t.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(t.value()).isEqualTo(0.97);
        });
    }

    @Test
    void shouldRequireBothCountAndDuration() {
        AlertRule rule = RULE.withConditions(Duration.ofHours(1), 3);
        Run run = new Run();

        run.observe(rule, Observation.measured(1.2, T0, null));
        run.observe(rule, Observation.measured(1.2, T0.plus(Duration.ofMinutes(10)), null));
        run.observe(rule, Observation.measured(1.2, T0.plus(Duration.ofMinutes(20)), null));
        assertThat(run.transitions).isEmpty();

        run.observe(rule, Observation.measured(1.2, T0.plus(Duration.ofMinutes(60)), null));
        assertThat(run.transitions).extracting(Transition::state).containsExactly(AlertStateName.OPEN);
    }

    @Test
    void shouldOpenANewAlertIdAfterResolution() {
        Run run = new Run().feed(RULE, 1.1, 0.7, 0.5, 0.95);

        assertThat(run.transitions).extracting(Transition::state)
                .containsExactly(AlertStateName.OPEN, AlertStateName.RESOLVED, AlertStateName.OPEN);
        String key = "cod|PARK:P1|YEAR_TO_DATE|2023-12-31T16:00:00Z";
        assertThat(run.transitions.get(0).alertId()).isEqualTo(key + "|2024-06-10T00:00:00Z#1");
        assertThat(run.transitions.get(1).alertId()).isEqualTo(key + "|2024-06-10T00:00:00Z#1");
        assertThat(run.transitions.get(2).alertId()).isEqualTo(key + "|2024-06-10T00:03:00Z#2");
        assertThat(run.state.sequence()).isEqualTo(2);
    }

    @Test
    void shouldIgnoreEstimatedObservations() {
        AlertRule rule = RULE.withConditions(Duration.ZERO, 3);
        Run run = new Run();
        Instant t = T0;

        // an estimated value neither counts towards the run nor breaks it
        run.observe(rule, Observation.measured(1.2, t, null));
        run.observe(rule, new Observation(5.0, t = t.plusSeconds(60), true, null));
        run.observe(rule, new Observation(0.1, t = t.plusSeconds(60), true, null));
        run.observe(rule, Observation.measured(1.2, t = t.plusSeconds(60), null));
        assertThat(run.transitions).isEmpty();
        assertThat(run.state.breachCount()).isEqualTo(2);

        run.observe(rule, Observation.measured(1.2, t = t.plusSeconds(60), null));
        assertThat(run.transitions).hasSize(1);

        // nor does an estimated low value resolve the open alert
        run.observe(rule, new Observation(0.1, t = t.plusSeconds(60), true, null));
        assertThat(run.transitions).hasSize(1);
        assertThat(run.state.lastValue()).isEqualTo(1.2);
    }

    @Test
    void shouldCarryTheEstimatedFlagOfASampleIntoItsConcentrationObservation() {
        // 180 mg/L over the outlet's 150 mg/L limit = 1.2, but estimated
        Optional<Observation> estimated = Observation.concentrationRatio(180, 150.0, true, T0, null);

        assertThat(estimated).hasValueSatisfying(o -> {
            assertThat(o.value()).isEqualTo(1.2);
            assertThat(o.judgeable()).isFalse();
        });
        Decision d = lifecycle.decide(null, RULE, estimated.orElseThrow());
        assertThat(d.transition()).isEmpty();
        assertThat(d.next().hasObservation()).isFalse();
        assertThat(Observation.concentrationRatio(180, null, false, T0, null)).isEmpty();
    }

    @Test
    void shouldIgnoreAValueThatIsNotANumber() {
        Decision d = lifecycle.decide(null, RULE, Observation.measured(Double.NaN, T0, null));

        assertThat(d.transition()).isEmpty();
        assertThat(d.next().phase()).isEqualTo(AlertState.Phase.CLEAR);
    }

    @Test
    void shouldResolveWhenARaisedLimitNoLongerCoversTheLastValue() {
        Run run = new Run().feed(RULE, 1.05);
        assertThat(run.transitions).hasSize(1);
        Instant changedAt = T0.plus(Duration.ofHours(2));

        // limit raised to 1.2, clear 1.1: 1.05 is now below the opening level
        AlertRule raised = RULE.withLevels(OptionalDouble.empty(), 1.2, 1.1);
        run.apply(lifecycle.reevaluate(run.state, raised, changedAt));

        assertThat(run.transitions).hasSize(2);
        assertThat(run.transitions.get(1)).satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.RESOLVED);
            assertThat(t.cause()).isEqualTo(Transition.Cause.RULE_CHANGED);
            assertThat(t.value()).isEqualTo(1.05);
            assertThat(t.at()).isEqualTo(changedAt);
            assertThat(t.rule().version()).isEqualTo(2);
            assertThat(t.alertId()).isEqualTo(run.transitions.get(0).alertId());
        });
        assertThat(run.state.phase()).isEqualTo(AlertState.Phase.CLEAR);
        assertThat(run.state.ruleVersion()).isEqualTo(2);
    }

    @Test
    void shouldResolveWhenOnlyTheLimitIsRaisedAboveTheLastValue() {
        // hysteresis guards against noise in values, not against a new rule: limit 1.1, clear kept at 0.8
        Run run = new Run().feed(RULE, 1.05);

        run.apply(lifecycle.reevaluate(run.state, RULE.withLevels(OptionalDouble.empty(), 1.1, 0.8)));

        assertThat(run.transitions).extracting(Transition::state)
                .containsExactly(AlertStateName.OPEN, AlertStateName.RESOLVED);
        // without a time, the transition is at the last observation
        assertThat(run.transitions.get(1).at()).isEqualTo(T0);
    }

    @Test
    void shouldEscalateWhenALoweredLimitIsReachedByTheLastValue() {
        Run run = new Run().feed(RULE, 0.95);
        assertThat(run.transitions.get(0).severity()).isEqualTo(AlertSeverity.WARNING);

        // limit lowered to 0.93 (warning 0.85, clear 0.75): 0.95 reaches it
        run.apply(lifecycle.reevaluate(run.state, RULE.withLevels(OptionalDouble.of(0.85), 0.93, 0.75)));

        assertThat(run.transitions).extracting(Transition::state, Transition::severity, Transition::cause)
                .last().isEqualTo(org.assertj.core.groups.Tuple.tuple(AlertStateName.ESCALATED,
                        AlertSeverity.CRITICAL, Transition.Cause.RULE_CHANGED));
    }

    @Test
    void shouldStaySilentWhenAChangedRuleJudgesTheAlertAlike() {
        Run run = new Run().feed(RULE, 0.95);

        // warning 0.92 instead of 0.9: 0.95 still a WARNING breach
        Decision d = lifecycle.reevaluate(run.state, RULE.withLevels(OptionalDouble.of(0.92), 1.0, 0.8));

        assertThat(d.transition()).isEmpty();
        assertThat(d.next().isOpen()).isTrue();
        assertThat(d.next().ruleVersion()).isEqualTo(2);
    }

    @Test
    void shouldOpenAPendingBreachWhenTheChangedRuleNeedsFewerObservations() {
        AlertRule threeSamples = RULE.withConditions(Duration.ZERO, 3);
        Run run = new Run().feed(threeSamples, 1.2, 1.2);
        assertThat(run.transitions).isEmpty();

        run.apply(lifecycle.reevaluate(run.state, threeSamples.withConditions(Duration.ZERO, 2),
                T0.plus(Duration.ofHours(1))));

        assertThat(run.transitions).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.OPEN);
            assertThat(t.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(t.openedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void shouldResolveOpenAlertsOfADisabledOrDeletedRule() {
        Run disabled = new Run().feed(RULE, 1.05);
        disabled.apply(lifecycle.reevaluate(disabled.state, RULE.withEnabled(false)));

        Run deleted = new Run().feed(RULE, 1.05);
        deleted.apply(lifecycle.retire(deleted.state, RULE, T0.plusSeconds(600), Transition.Cause.RULE_RETIRED));

        assertThat(disabled.transitions).extracting(Transition::state, Transition::cause).last()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(AlertStateName.RESOLVED,
                        Transition.Cause.RULE_RETIRED));
        assertThat(deleted.transitions).extracting(Transition::state, Transition::cause).last()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(AlertStateName.RESOLVED,
                        Transition.Cause.RULE_RETIRED));
        assertThat(deleted.state.isOpen()).isFalse();
    }

    @Test
    void shouldForgetAPendingBreachSilentlyWhenRetired() {
        AlertRule threeSamples = RULE.withConditions(Duration.ZERO, 3);
        Run run = new Run().feed(threeSamples, 1.2);

        Decision d = lifecycle.retire(run.state, threeSamples, T0, Transition.Cause.WINDOW_CLOSED);

        assertThat(d.transition()).isEmpty();
        assertThat(d.next().phase()).isEqualTo(AlertState.Phase.CLEAR);
        assertThat(lifecycle.retire(null, RULE, T0, Transition.Cause.WINDOW_CLOSED).next()).isNull();
        assertThat(lifecycle.reevaluate(null, RULE).next()).isNull();
    }

    @Test
    void shouldStampTheEvidenceWithTheValueAndTheLevelsOfTheRule() {
        Evidence figures = Evidence.of(Map.of("codKg", 120.0, "addedValue", 100.0), List.of("discharge.cod.chemicals"),
                List.of("ledger-1", "ledger-2"));

        Decision d = lifecycle.decide(null, RULE, Observation.measured(1.2, T0, figures));

        Transition t = d.transition().orElseThrow();
        assertThat(t.evidence().value()).isEqualTo(1.2);
        assertThat(t.evidence().warningLevel()).hasValue(0.9);
        assertThat(t.evidence().limit()).isEqualTo(1.0);
        assertThat(t.evidence().figures()).containsEntry("codKg", 120.0).containsEntry("addedValue", 100.0);
        assertThat(t.evidence().factorKeys()).containsExactly("discharge.cod.chemicals");
        assertThat(t.evidence().ledgerEntryIds()).containsExactly("ledger-1", "ledger-2");
        assertThat(t.rule()).isEqualTo(RULE);
        assertThat(t.message()).isEqualTo(
                "OPEN CRITICAL: cod.intensity 1.2 kg/10^4 RMB (warning 0.9, limit 1, clear 0.8; rule cod v1)");
    }

    @Test
    void shouldRefuseTheStateOfAnotherRule() {
        AlertState state = lifecycle.decide(null, RULE, Observation.measured(1.2, T0, null)).next();
        AlertRule other = rule("other", OptionalDouble.empty(), 1.0, 0.9);

        assertThatThrownBy(() -> lifecycle.decide(state, other, Observation.measured(1.2, T0, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeyAlertsOfSampleRulesWithoutAWindowStart() {
        Subject outlet = Subject.outlet("P1", "chemicals", "E0001", "E0001-W1");

        assertThat(AlertLifecycle.alertKey("gb8978", outlet, WindowKind.SAMPLE, null))
                .isEqualTo("gb8978|OUTLET:E0001/E0001-W1|SAMPLE");
    }

    @Test
    void shouldKeepTheAlertsOfOutletsOfTheSameNameAtTwoEnterprisesApart() {
        Subject first = Subject.outlet("P1", "chemicals", "E0001", "W1");
        Subject second = Subject.outlet("P1", "chemicals", "E0002", "W1");

        assertThat(AlertLifecycle.alertKey("gb8978", first, WindowKind.SAMPLE, null))
                .isEqualTo("gb8978|OUTLET:E0001/W1|SAMPLE")
                .isNotEqualTo(AlertLifecycle.alertKey("gb8978", second, WindowKind.SAMPLE, null));
        assertThat(Subject.sector("P1", "chemicals").key()).isNotEqualTo(Subject.sector("P2", "chemicals").key());
    }

    /** A closed year judged again on a revision of its final figure (warning 0.9, limit 1.0, clear 0.8). */
    private RevisionDecision revise(ClosedVerdict verdict, double value) {
        Instant yearEnd = Instant.parse("2024-12-31T16:00:00Z");
        return lifecycle.reviseClosed(verdict, RULE, Observation.measured(value, yearEnd.minusMillis(1),
                Evidence.none()), yearEnd);
    }

    private ClosedVerdict closedWithout(double value) {
        return ClosedVerdict.atClose(lifecycle.alertKey(), "cod", null, value, Instant.parse("2024-12-31T16:00:00Z"));
    }

    @Test
    void shouldRaiseAndAtOnceResolveAnAlertWhenARevisionBringsAClosedWindowToItsWarningLevel() {
        RevisionDecision d = revise(closedWithout(0.5), 0.95);

        assertThat(d.transitions()).extracting(Transition::state, Transition::severity, Transition::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertStateName.OPEN, AlertSeverity.WARNING,
                                Transition.Cause.REVISION),
                        org.assertj.core.groups.Tuple.tuple(AlertStateName.RESOLVED, AlertSeverity.WARNING,
                                Transition.Cause.WINDOW_CLOSED));
        assertThat(d.transitions().get(0).alertId()).isEqualTo(d.transitions().get(1).alertId());
        assertThat(d.next().hasAlert()).isTrue();
        // judged again at the same value: the verdict stands, nothing more
        assertThat(revise(d.next(), 0.95).transitions()).isEmpty();
    }

    @Test
    void shouldEscalateARevisedWarningThatReachesTheLimitAndResolveOneThatFallsBelowTheClearLevel() {
        ClosedVerdict warning = revise(closedWithout(0.5), 0.95).next();

        RevisionDecision escalated = revise(warning, 1.2);
        assertThat(escalated.transitions()).extracting(Transition::state)
                .containsExactly(AlertStateName.ESCALATED, AlertStateName.RESOLVED);
        assertThat(escalated.next().severity()).isEqualTo(AlertSeverity.CRITICAL);

        RevisionDecision cleared = revise(escalated.next(), 0.7);
        assertThat(cleared.transitions()).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(AlertStateName.RESOLVED);
            assertThat(t.cause()).isEqualTo(Transition.Cause.REVISION);
            assertThat(t.alertId()).isEqualTo(warning.alertId());
            assertThat(t.message()).contains("revision");
        });
        assertThat(cleared.next().hasAlert()).isFalse();
    }

    @Test
    void shouldLeaveAClosedWindowsVerdictAloneForARevisionBetweenTheClearAndTheOpeningLevel() {
        ClosedVerdict warning = revise(closedWithout(0.5), 0.95).next();

        assertThat(revise(warning, 0.85).transitions()).isEmpty();
        assertThat(revise(closedWithout(0.5), 0.85).transitions()).isEmpty();
        // no verdict kept (a window closed before verdicts were kept): as if no alert stood on it
        assertThat(revise(null, 1.1).transitions()).extracting(Transition::severity)
                .containsOnly(AlertSeverity.CRITICAL);
    }
}
