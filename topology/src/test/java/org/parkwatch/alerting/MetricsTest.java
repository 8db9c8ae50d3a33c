package org.parkwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parkwatch.intensity.CoveredFigures;
import org.parkwatch.intensity.IntensityCalculator;
import org.parkwatch.totals.Amounts;

class MetricsTest {

    @Test
    void shouldDivideAMeasuredConcentrationByTheOutletLimit() {
        // 180 mg/L against a class-2 COD limit of 150 mg/L
        assertThat(Metrics.concentrationRatio(180, 150.0)).hasValue(1.2);
        assertThat(Metrics.concentrationRatio(180, null)).isEmpty();
        assertThat(Metrics.concentrationRatio(180, 0.0)).isEmpty();
    }

    @Test
    void shouldDivideTheYearToDateLoadByTheAnnualPermit() {
        // 8 000 kg = 8e9 mg against 10 000 kg a year
        assertThat(Metrics.loadRatio(8_000_000_000L, 10_000.0).getAsDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(Metrics.loadRatio(8_000_000_000L, null)).isEmpty();
    }

    @Test
    void shouldNameEveryIntensityValueAndOnlyCo2PerTceWhenPending() {
        // COD 2 kg, CO2 scope 1 3 t, energy 1.5 tce over IAV 4: COD 0.5 kg, CO2 0.75 t, energy 0.375 tce; 2 t/tce
        Amounts a = new Amounts(3_000_000_000L, 0, 0, 0, 2_000_000L, 0, 1_500_000_000L, 1, 0);
        CoveredFigures covered = new CoveredFigures(a, 4.0, 1, 1, List.of("r"));

        Map<String, Double> values = Metrics.intensityValues(IntensityCalculator.of(a, covered));
        Map<String, Double> pending =
                Metrics.intensityValues(IntensityCalculator.of(a, CoveredFigures.uncovered(1)));

        assertThat(values).containsOnlyKeys(Metrics.INTENSITY);
        assertThat(values.get(Metrics.COD_INTENSITY)).isCloseTo(0.5, within(1e-12));
        assertThat(values.get(Metrics.CO2_INTENSITY_LOCATION)).isCloseTo(0.75, within(1e-12));
        assertThat(values.get(Metrics.ENERGY_INTENSITY)).isCloseTo(0.375, within(1e-12));
        assertThat(pending).containsOnlyKeys(Metrics.CO2_PER_TCE);
        assertThat(pending.get(Metrics.CO2_PER_TCE)).isCloseTo(2.0, within(1e-12));
    }
}
