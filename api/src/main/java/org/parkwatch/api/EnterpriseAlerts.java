package org.parkwatch.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.parkwatch.avro.Alert;
import org.parkwatch.avro.SubjectType;

/**
 * The open alerts of each enterprise, from the alert views of every instance: the alerts about the enterprise itself
 * and those about anything inside it, such as its outlets' concentration alerts. Alerts about a park or a sector
 * belong to no enterprise.
 */
final class EnterpriseAlerts {

    /** The evidence entry in which the alerting step names the enterprise an alert's subject lies in. */
    static final String ENTERPRISE_EVIDENCE = "enterpriseId";

    private final Map<String, List<Map<String, Object>>> byEnterprise;

    private EnterpriseAlerts(Map<String, List<Map<String, Object>>> byEnterprise) {
        this.byEnterprise = byEnterprise;
    }

    static EnterpriseAlerts of(List<Map<String, Object>> openAlerts) {
        return new EnterpriseAlerts(openAlerts.stream().filter(a -> enterpriseOf(a) != null)
                .collect(Collectors.groupingBy(EnterpriseAlerts::enterpriseOf)));
    }

    /**
     * The enterprise an alert is about or lies in, or null for none: an outlet alert's subject is the outlet, so its
     * enterprise comes from the evidence the alerting step writes.
     */
    static String enterpriseOf(Alert alert) {
        if (alert.getSubjectType() == SubjectType.ENTERPRISE) {
            return alert.getSubjectId();
        }
        return alert.getEvidence().get(ENTERPRISE_EVIDENCE);
    }

    /** The enterprise of an alert view (see {@link JsonViews#alert}), or null for none. */
    static String enterpriseOf(Map<String, Object> alert) {
        Object id = alert.get("enterpriseId");
        return id == null ? null : id.toString();
    }

    List<Map<String, Object>> of(String enterpriseId) {
        return byEnterprise.getOrDefault(enterpriseId, List.of());
    }

    EnterpriseStatus status(String enterpriseId, boolean hasCurrentFigures) {
        return EnterpriseStatus.of(hasCurrentFigures, of(enterpriseId));
    }
}
