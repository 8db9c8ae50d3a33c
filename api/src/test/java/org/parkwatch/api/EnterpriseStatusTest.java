package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnterpriseStatusTest {

    private static final Map<String, Object> WARNING_OPEN = Map.of("severity", "WARNING", "state", "OPEN");
    private static final Map<String, Object> WARNING_ESCALATED = Map.of("severity", "WARNING", "state", "ESCALATED");
    private static final Map<String, Object> CRITICAL_OPEN = Map.of("severity", "CRITICAL", "state", "OPEN");

    @Test
    void shouldTakeTheWorstOpenAlert() {
        assertThat(EnterpriseStatus.of(true, List.of(WARNING_OPEN, CRITICAL_OPEN))).isEqualTo(EnterpriseStatus.CRITICAL);
        assertThat(EnterpriseStatus.of(true, List.of(WARNING_OPEN))).isEqualTo(EnterpriseStatus.WARNING);
    }

    @Test
    void shouldCountAnEscalatedAlertAsCritical() {
        assertThat(EnterpriseStatus.of(true, List.of(WARNING_ESCALATED))).isEqualTo(EnterpriseStatus.CRITICAL);
    }

    @Test
    void shouldTellFlowingFiguresFromNoData() {
        assertThat(EnterpriseStatus.of(true, List.of())).isEqualTo(EnterpriseStatus.OK);
        assertThat(EnterpriseStatus.of(false, List.of())).isEqualTo(EnterpriseStatus.NO_DATA);
        assertThat(EnterpriseStatus.of(false, List.of(WARNING_OPEN))).isEqualTo(EnterpriseStatus.WARNING);
    }
}
