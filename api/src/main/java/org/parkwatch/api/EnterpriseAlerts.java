package org.parkwatch.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The open alerts of each enterprise, from the alert views of every instance. */
final class EnterpriseAlerts {

    private final Map<String, List<Map<String, Object>>> byEnterprise;

    private EnterpriseAlerts(Map<String, List<Map<String, Object>>> byEnterprise) {
        this.byEnterprise = byEnterprise;
    }

    static EnterpriseAlerts of(List<Map<String, Object>> openAlerts) {
        return new EnterpriseAlerts(openAlerts.stream().filter(a -> enterpriseOf(a) != null)
                .collect(Collectors.groupingBy(EnterpriseAlerts::enterpriseOf)));
    }

    /** The enterprise an alert view is about, or null when it is about none. */
    static String enterpriseOf(Map<String, Object> alert) {
        return "ENTERPRISE".equals(alert.get("subjectType")) ? (String) alert.get("subjectId") : null;
    }

    List<Map<String, Object>> of(String enterpriseId) {
        return byEnterprise.getOrDefault(enterpriseId, List.of());
    }

    EnterpriseStatus status(String enterpriseId, boolean hasCurrentFigures) {
        return EnterpriseStatus.of(hasCurrentFigures, of(enterpriseId));
    }
}
