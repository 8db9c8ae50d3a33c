package org.parkwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

class DefaultRulesTest {

    private static final List<AlertRule> ALL = DefaultRules.load();
    private static final RuleBook BOOK = RuleBook.of(ALL);

    private static AlertRule rule(String id) {
        return BOOK.rule(id).orElseThrow();
    }

    @Test
    void shouldGiveEveryRuleASourceAndAUnit() {
        assertThat(ALL).hasSize(14);
        assertThat(ALL).allSatisfy(r -> {
            assertThat(r.source()).isNotBlank();
            assertThat(r.unit()).isNotBlank();
            assertThat(r.version()).isEqualTo(1);
        });
        // rules from published standards cite them with a confidence tag; permit rules cite the permit
        assertThat(ALL).filteredOn(r -> !r.ruleId().startsWith("default.permit."))
                .allSatisfy(r -> assertThat(r.source()).containsPattern("\\[(P|S|C|D|U)\\]"));
        assertThat(ALL).filteredOn(r -> r.ruleId().startsWith("default.permit."))
                .allSatisfy(r -> assertThat(r.source()).contains("permit"));
    }

    @Test
    void shouldShipTheHj274LimitsForTheParkYearToDate() {
        assertThat(rule("default.hj274.cod.intensity")).satisfies(r -> {
            assertThat(r.metric()).isEqualTo(Metrics.COD_INTENSITY);
            assertThat(r.scopeType()).isEqualTo(SubjectType.PARK);
            assertThat(r.window()).isEqualTo(WindowKind.YEAR_TO_DATE);
            assertThat(r.limit()).isEqualTo(1.0);
            assertThat(r.warningLevel()).hasValue(0.9);
            assertThat(r.clearLevel()).isEqualTo(0.85);
            assertThat(r.source()).contains("HJ 274-2009", "ParkWatch choices");
        });
        assertThat(rule("default.hj274.so2.intensity").limit()).isEqualTo(1.0);
        // energy 0.5 tce: warning 90 % = 0.45, clear 85 % = 0.425
        assertThat(rule("default.hj274.energy.intensity")).satisfies(r -> {
            assertThat(r.limit()).isEqualTo(0.5);
            assertThat(r.warningLevel()).hasValue(0.45);
            assertThat(r.clearLevel()).isEqualTo(0.425);
        });
    }

    @Test
    void shouldShipTheJiangsuValuesAsTheParkCarbonTarget() {
        assertThat(rule("default.jiangsu.co2.intensity")).satisfies(r -> {
            assertThat(r.metric()).isEqualTo(Metrics.CO2_INTENSITY_LOCATION);
            assertThat(r.limit()).isEqualTo(0.6);
            assertThat(r.unit()).isEqualTo("tCO2/10^4 RMB");
        });
        assertThat(rule("default.jiangsu.energy.intensity").limit()).isEqualTo(0.35);
        // both energy targets judge the park, each with its own alerts, the stricter first
        assertThat(BOOK.rulesFor(Metrics.ENERGY_INTENSITY, WindowKind.YEAR_TO_DATE, Subject.park("P1")))
                .extracting(AlertRule::ruleId)
                .containsExactly("default.jiangsu.energy.intensity", "default.hj274.energy.intensity");
    }

    @Test
    void shouldJudgeEachOutletSampleAgainstItsOwnLimitOverThreeSamples() {
        Subject outlet = Subject.outlet("P1", "chemicals", "E0001", "E0001-W1");

        assertThat(BOOK.ruleFor(Metrics.COD_CONCENTRATION_RATIO, WindowKind.SAMPLE, outlet)).hasValueSatisfying(r -> {
            assertThat(r.ruleId()).isEqualTo("default.gb8978.cod.concentration");
            assertThat(r.warningLevel()).hasValue(0.9);
            assertThat(r.limit()).isEqualTo(1.0);
            assertThat(r.clearLevel()).isEqualTo(0.85);
            assertThat(r.minConsecutive()).isEqualTo(3);
            assertThat(r.source()).contains("GB 8978-1996");
        });
        assertThat(BOOK.ruleFor(Metrics.NH3N_CONCENTRATION_RATIO, WindowKind.SAMPLE, outlet)).isPresent();
    }

    @Test
    void shouldWarnAtEightyAndGoCriticalAtOneHundredPercentOfThePermit() {
        Subject enterprise = Subject.enterprise("P1", "chemicals", "E0001");

        assertThat(Metrics.QUOTA).allSatisfy(metric ->
                assertThat(BOOK.ruleFor(metric, WindowKind.YEAR_TO_DATE, enterprise)).hasValueSatisfying(r -> {
                    assertThat(r.scopeType()).isEqualTo(SubjectType.ENTERPRISE);
                    assertThat(r.warningLevel()).hasValue(0.8);
                    assertThat(r.limit()).isEqualTo(1.0);
                    assertThat(r.clearLevel()).isEqualTo(0.75);
                }));
    }

    @Test
    void shouldShipTheSingleSourcedZeroCarbonCoreIndicatorDisabled() {
        assertThat(rule("default.zero-carbon-2025.co2.per.tce")).satisfies(r -> {
            assertThat(r.enabled()).isFalse();
            assertThat(r.limit()).isEqualTo(0.2);
            assertThat(r.source()).contains("single secondary source");
        });
        assertThat(BOOK.ruleFor(Metrics.CO2_PER_TCE, WindowKind.YEAR_TO_DATE, Subject.park("P1"))).isEmpty();
    }

    @Test
    void shouldRefuseARuleWithoutSourceOrWithARepeatedId() {
        String noSource = """
                {"rules": [{"ruleId": "x", "version": 1, "scopeType": "PARK", "scopeId": "*", "metric": "m",
                  "window": "DAY", "limit": 1, "clearLevel": 0.9, "unit": "u"}]}""";
        String repeated = """
                {"rules": [
                 {"ruleId": "x", "version": 1, "scopeType": "PARK", "scopeId": "*", "metric": "m", "window": "DAY",
                  "limit": 1, "clearLevel": 0.9, "unit": "u", "source": "s"},
                 {"ruleId": "x", "version": 1, "scopeType": "PARK", "scopeId": "*", "metric": "m", "window": "DAY",
                  "limit": 1, "clearLevel": 0.9, "unit": "u", "source": "s"}]}""";

        assertThatThrownBy(() -> DefaultRules.load(stream(noSource)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule #0 (x): source");
        assertThatThrownBy(() -> DefaultRules.load(stream(repeated)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void shouldDefaultTheOpeningConditionsOfARule() {
        String minimal = """
                {"rules": [{"ruleId": "x", "version": 2, "scopeType": "SECTOR", "scopeId": "steel", "metric": "m",
                  "window": "MONTH_TO_DATE", "limit": 1, "clearLevel": 0.9, "unit": "u", "source": "s"}]}""";

        AlertRule r = DefaultRules.load(stream(minimal)).get(0);

        assertThat(r.warningLevel()).isEmpty();
        assertThat(r.minConsecutive()).isEqualTo(1);
        assertThat(r.minDuration()).isZero();
        assertThat(r.enabled()).isTrue();
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
