package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.FlueGasActivity;
import org.parkwatch.ingest.FlueGasActivity.StackMeasurement;
import org.parkwatch.ingest.Interval;

/** Stack loads as the CEMS measured them, in milligrams, worked out by hand; no factor is looked up. */
class EmissionCalculatorCemsTest {

    private static final Interval HOUR = new Interval(Instant.parse("2024-02-29T23:00:00Z"),
            Instant.parse("2024-03-01T00:00:00Z"));
    private final EmissionCalculator calculator = new EmissionCalculator((key, at) -> Optional.empty());

    private static StackMeasurement measured(Double mgPerM3, Double loadKg, DataFlag flag) {
        return new StackMeasurement(mgPerM3 == null ? OptionalDouble.empty() : OptionalDouble.of(mgPerM3),
                OptionalDouble.empty(), loadKg == null ? OptionalDouble.empty() : OptionalDouble.of(loadKg), flag);
    }

    private List<PricedEmission> price(StackMeasurement so2, StackMeasurement nox, StackMeasurement particulate) {
        FlueGasActivity a = new FlueGasActivity("g-1", "E1", "S1", OptionalDouble.of(200_000.0), DataFlag.N,
                OptionalDouble.empty(), Optional.of(so2), Optional.of(nox), Optional.of(particulate), HOUR, "avro");
        return calculator.price(a, new PricingContext(GridRegion.EAST, "steel", Map.of()));
    }

    @Test
    void shouldAccountTheCemsLoadAndFallBackToConcentrationTimesVolume() {
        List<PricedEmission> lines = price(measured(350.0, 70.5, DataFlag.N), measured(150.0, null, DataFlag.N),
                measured(25.0, 5.0, DataFlag.T));

        // SO2: Cou 70.5 kg = 70 500 000 mg; NOx: no Cou, 150 mg/m3 x 200 000 m3 = 30 000 000 mg
        assertThat(lines).extracting(PricedEmission::pollutant, PricedEmission::amountMg).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Pollutant.SO2, 70_500_000L),
                org.assertj.core.groups.Tuple.tuple(Pollutant.NOX, 30_000_000L),
                org.assertj.core.groups.Tuple.tuple(Pollutant.PARTICULATE, 5_000_000L));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.factorsUsed()).isEmpty();
            assertThat(l.estimated()).isFalse();
        });
        assertThat(lines.get(1).formula()).contains("C [mg/m3] x Q [m3]");
        assertThat(lines.get(2).formula()).contains("flag T");
    }

    @Test
    void shouldWriteNoLineForAValueTheCemsFlaggedUnusable() {
        List<PricedEmission> lines = price(measured(350.0, 70.0, DataFlag.D), measured(150.0, 30.0, DataFlag.C),
                measured(null, null, DataFlag.N));

        assertThat(lines).isEmpty();
    }
}
