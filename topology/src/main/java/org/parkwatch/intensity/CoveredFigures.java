package org.parkwatch.intensity;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.parkwatch.totals.Amounts;

/**
 * What an intensity divides: emissions of the covered elapsed hours and the IAV of the same hours (10^4 RMB), with
 * the counts of covered and elapsed hours and the IAV reports used. For a park, the sum over its enterprises, the
 * hours counted in enterprise-hours.
 */
public record CoveredFigures(Amounts coveredEmissions, double coveredIav, long coveredHours, long elapsedHours,
                             List<String> iavReportIds) {

    /** No elapsed hour, nothing covered. */
    public static final CoveredFigures NONE = new CoveredFigures(Amounts.ZERO, 0, 0, 0, List.of());

    public CoveredFigures {
        Objects.requireNonNull(coveredEmissions, "coveredEmissions");
        if (coveredHours < 0 || coveredHours > elapsedHours) {
            throw new IllegalArgumentException(
                    "covered hours " + coveredHours + " not within 0.." + elapsedHours + " elapsed hours");
        }
        iavReportIds = List.copyOf(iavReportIds);
    }

    /** Elapsed hours, none covered: an enterprise with activity but no IAV report over them. */
    public static CoveredFigures uncovered(long elapsedHours) {
        return new CoveredFigures(Amounts.ZERO, 0, 0, elapsedHours, List.of());
    }

    /** The sum of two subjects' figures (for a park); report ids merged, sorted and distinct. */
    public CoveredFigures plus(CoveredFigures o) {
        TreeSet<String> ids = new TreeSet<>(iavReportIds);
        ids.addAll(o.iavReportIds);
        return new CoveredFigures(coveredEmissions.plus(o.coveredEmissions), coveredIav + o.coveredIav,
                Math.addExact(coveredHours, o.coveredHours), Math.addExact(elapsedHours, o.elapsedHours),
                List.copyOf(ids));
    }
}
