package org.parkwatch.intensity;

import java.util.OptionalDouble;
import org.parkwatch.totals.Amounts;

/** Divides covered emissions by the IAV of the same hours, in the units of {@link Intensity}. */
public final class IntensityCalculator {

    private static final double MG_PER_T = 1e9;
    private static final double MG_PER_KG = 1e6;
    private static final double MGCE_PER_TCE = 1e9;

    private IntensityCalculator() {
    }

    /**
     * The intensity of a subject.
     *
     * @param allEmissions every emission of the elapsed hours (the published totals; CO2 per tce uses them)
     * @param covered the emissions and IAV of the covered elapsed hours
     */
    public static Intensity of(Amounts allEmissions, CoveredFigures covered) {
        OptionalDouble co2PerTce = allEmissions.energyMgce() > 0
                // t / tce = (mg / 1e9) / (mgce / 1e9)
                ? OptionalDouble.of((double) allEmissions.co2LocationBasedMg() / allEmissions.energyMgce())
                : OptionalDouble.empty();
        Intensity.Status status = statusOf(covered);
        if (status == Intensity.Status.PENDING) {
            OptionalDouble none = OptionalDouble.empty();
            return new Intensity(status, allEmissions, covered, none, none, none, none, none, none, co2PerTce);
        }
        Amounts e = covered.coveredEmissions();
        double iav = covered.coveredIav();
        return new Intensity(status, allEmissions, covered,
                per(e.co2LocationBasedMg() / MG_PER_T, iav),
                per(e.co2MarketBasedMg() / MG_PER_T, iav),
                per(e.so2Mg() / MG_PER_KG, iav),
                per(e.codMg() / MG_PER_KG, iav),
                per(e.nh3nMg() / MG_PER_KG, iav),
                per(e.energyMgce() / MGCE_PER_TCE, iav),
                co2PerTce);
    }

    /** AVAILABLE when every elapsed hour is covered, PARTIAL when some are, PENDING when the IAV is not above 0. */
    public static Intensity.Status statusOf(CoveredFigures covered) {
        if (!(covered.coveredIav() > 0) || covered.coveredHours() == 0) {
            return Intensity.Status.PENDING;
        }
        return covered.coveredHours() == covered.elapsedHours()
                ? Intensity.Status.AVAILABLE
                : Intensity.Status.PARTIAL;
    }

    private static OptionalDouble per(double amount, double iav) {
        return OptionalDouble.of(amount / iav);
    }
}
