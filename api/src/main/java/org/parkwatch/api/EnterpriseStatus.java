package org.parkwatch.api;

import java.util.List;
import java.util.Map;

/** The colour of an enterprise on the dashboard: its worst open alert, or whether figures are flowing at all. */
enum EnterpriseStatus {
    /** An open critical alert, or an alert escalated. */
    CRITICAL,
    /** An open warning. */
    WARNING,
    /** Figures flowing and no open alert. */
    OK,
    /** No open window: nothing accounted in the current period. */
    NO_DATA;

    static EnterpriseStatus of(boolean hasCurrentFigures, List<Map<String, Object>> openAlerts) {
        if (openAlerts.stream().anyMatch(a -> "CRITICAL".equals(a.get("severity")) || "ESCALATED".equals(a.get("state")))) {
            return CRITICAL;
        }
        if (!openAlerts.isEmpty()) {
            return WARNING;
        }
        return hasCurrentFigures ? OK : NO_DATA;
    }
}
