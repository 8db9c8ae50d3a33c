package org.parkwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;

class AlertRuleTest {

    private static ThresholdRule.Builder record() {
        return ThresholdRule.newBuilder()
                .setRuleId("r1").setVersion(3).setScopeType(SubjectType.OUTLET).setScopeId("*")
                .setMetric(Metrics.COD_CONCENTRATION_RATIO).setWindow(WindowKind.SAMPLE)
                .setWarningLevel(0.9).setLimit(1.0).setClearLevel(0.85).setUnit("ratio")
                .setMinDurationMs(600_000).setMinConsecutive(3).setEnabled(true).setSource("GB 8978-1996");
    }

    @Test
    void shouldReadAThresholdRuleRecordAndWriteItBack() {
        ThresholdRule r = record().build();

        AlertRule rule = AlertRule.from(r);

        assertThat(rule).isEqualTo(new AlertRule("r1", 3, SubjectType.OUTLET, "*", Metrics.COD_CONCENTRATION_RATIO,
                WindowKind.SAMPLE, OptionalDouble.of(0.9), 1.0, 0.85, "ratio", Duration.ofMinutes(10), 3, true,
                "GB 8978-1996"));
        assertThat(rule.openingLevel()).isEqualTo(0.9);
        assertThat(rule.toAvro()).isEqualTo(r);
    }

    @Test
    void shouldOpenAtTheLimitWithoutWarningLevel() {
        AlertRule rule = AlertRule.from(record().setWarningLevel(null).build());

        assertThat(rule.warningLevel()).isEmpty();
        assertThat(rule.openingLevel()).isEqualTo(1.0);
        assertThat(rule.toAvro().getWarningLevel()).isNull();
    }

    @Test
    void shouldRejectInconsistentLevelsAndConditions() {
        assertThat(AlertRule.rejectionReason(record().setClearLevel(0.95).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("clearLevel 0.95"));
        assertThat(AlertRule.rejectionReason(record().setWarningLevel(1.2).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("warningLevel 1.2"));
        assertThat(AlertRule.rejectionReason(record().setMinConsecutive(0).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("minConsecutive"));
        assertThat(AlertRule.rejectionReason(record().setMinDurationMs(-1).build())).isPresent();
        assertThat(AlertRule.rejectionReason(record().setLimit(Double.NaN).build())).isPresent();
        assertThat(AlertRule.rejectionReason(record().build())).isEmpty();
        assertThatThrownBy(() -> AlertRule.from(record().setClearLevel(0.95).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule r1");
    }
}
