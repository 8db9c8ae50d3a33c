package org.parkwatch.alerting;

import java.time.Duration;
import java.util.OptionalDouble;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

/** Rules for the tests. */
final class Rules {

    private Rules() {
    }

    static AlertRule rule(String id, OptionalDouble warning, double limit, double clear) {
        return new AlertRule(id, 1, SubjectType.PARK, "*", Metrics.COD_INTENSITY, WindowKind.YEAR_TO_DATE, warning,
                limit, clear, "kg/10^4 RMB", Duration.ZERO, 1, true, "test");
    }

    static AlertRule scoped(String id, SubjectType scope, String scopeId, String metric, WindowKind window,
                            double limit) {
        return new AlertRule(id, 1, scope, scopeId, metric, window, OptionalDouble.empty(), limit, limit * 0.9,
                "kg/10^4 RMB", Duration.ZERO, 1, true, "test");
    }
}
