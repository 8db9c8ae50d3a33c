package org.parkwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.parkwatch.report.PeriodReport.SubjectReport;
import org.parkwatch.report.PeriodReport.Verdict;
import org.parkwatch.report.PeriodReport.ZeroCarbonCheck;
import org.parkwatch.report.ZeroCarbonReferences.ReferenceValue;

/** Reads a park's figures against {@link ZeroCarbonReferences}, saying for each on what basis. */
final class ZeroCarbonIndicators {

    private static final double MGCE_PER_TCE = 1e9;
    private static final double BAND_LOW_TCE = 200_000;
    private static final double BAND_HIGH_TCE = 1_000_000;
    private static final String GREEN_ONLY = "Clean energy counted: green electricity bought through green-power "
            + "trading (the only clean source among ParkWatch's inputs; on-site renewables and the non-fossil part of "
            + "grid electricity are not counted), electricity at its calorific equivalent 0.1229 kgce/kWh: a lower "
            + "bound.";

    private ZeroCarbonIndicators() {
    }

    static List<ZeroCarbonCheck> check(SubjectReport park, ReportPeriod period) {
        long energyMgce = park.figure(Measure.ENERGY).amountMg();
        double tce = energyMgce / MGCE_PER_TCE;
        OptionalDouble co2PerTce = park.intensities().value(IntensityMetric.CO2_PER_TCE);
        String band = period.kind() == ReportPeriod.Kind.YEAR
                ? "The park used " + String.format(java.util.Locale.ROOT, "%.3f", tce) + " tce in " + period.label()
                + (tce < BAND_LOW_TCE ? ": below 200 000 tce a year, a band for which the reported thresholds name "
                        + "no value (shown for reference)."
                        : tce < BAND_HIGH_TCE ? ": this band applies." : ": the 1 000 000 tce band applies.")
                : "The band is set by a year's energy use; a month is read against both.";
        String co2Basis = "Scope 1 + scope 2 location-based CO2 over all energy of the period. " + band;
        OptionalDouble clean = percent(park.cleanEnergy().shareOfEnergy(energyMgce));
        OptionalDouble renewableElectricity = percent(park.cleanEnergy().shareOfElectricity());

        List<ZeroCarbonCheck> checks = new ArrayList<>();
        checks.add(check(ZeroCarbonReferences.NATIONAL_CO2_PER_TCE_MID, co2PerTce, co2Basis));
        checks.add(check(ZeroCarbonReferences.NATIONAL_CO2_PER_TCE_LARGE, co2PerTce, co2Basis));
        checks.add(check(ZeroCarbonReferences.NATIONAL_CLEAN_ENERGY_SHARE, clean, GREEN_ONLY));
        checks.add(check(ZeroCarbonReferences.JIANGSU_ENERGY_PER_IAV,
                park.intensities().value(IntensityMetric.ENERGY), "IAV status " + park.intensities().status() + "."));
        checks.add(check(ZeroCarbonReferences.JIANGSU_CO2_PER_IAV,
                park.intensities().value(IntensityMetric.CO2_LOCATION),
                "IAV status " + park.intensities().status() + "."));
        checks.add(check(ZeroCarbonReferences.JIANGSU_NON_FOSSIL_SHARE, clean, GREEN_ONLY));
        checks.add(check(ZeroCarbonReferences.JIANGSU_RENEWABLE_ELECTRICITY_SHARE, renewableElectricity,
                "Green electricity kWh over all electricity kWh of the period (green certificates are not among "
                        + "ParkWatch's inputs)."));
        return checks;
    }

    private static ZeroCarbonCheck check(ReferenceValue ref, OptionalDouble value, String basis) {
        Verdict verdict;
        if (value.isEmpty()) {
            verdict = Verdict.NO_VALUE;
        } else if (ref.isLowerLimit()) {
            verdict = value.getAsDouble() >= ref.value() ? Verdict.WITHIN : Verdict.BELOW_MINIMUM;
        } else {
            verdict = value.getAsDouble() <= ref.value() ? Verdict.WITHIN : Verdict.ABOVE_LIMIT;
        }
        return new ZeroCarbonCheck(ref, value, verdict, basis);
    }

    private static OptionalDouble percent(OptionalDouble share) {
        return share.isPresent() ? OptionalDouble.of(share.getAsDouble() * 100) : OptionalDouble.empty();
    }
}
