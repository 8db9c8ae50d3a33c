package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Pollutant;

class PricedEmissionTest {

    @Test
    void shouldShowTheAmountInTonnesAndKilogramsAsTheNearestDoubleToTheExactQuotient() {
        assertThat(priced(Pollutant.CO2, 550_000_000L).displayAmount()).isEqualTo(0.55);
        assertThat(priced(Pollutant.SO2, 1_234_567L).displayAmount()).isEqualTo(1.234567);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            // up to 2^62 mg: beyond 2^53 the division is decimal
            long mg = random.nextLong(1L << (1 + random.nextInt(62)));
            Pollutant pollutant = random.nextBoolean() ? Pollutant.CO2 : Pollutant.COD;
            long divisor = pollutant == Pollutant.CO2 ? 1_000_000_000L : 1_000_000L;
            assertThat(priced(pollutant, mg).displayAmount()).as("%d mg", mg)
                    .isEqualTo(BigDecimal.valueOf(mg).divide(BigDecimal.valueOf(divisor)).doubleValue());
        }
    }

    private static PricedEmission priced(Pollutant pollutant, long mg) {
        return new PricedEmission(pollutant, pollutant == Pollutant.CO2 ? EmissionScope.SCOPE1 : EmissionScope.NONE, mg,
                "test", Map.of(), List.of(), false, null);
    }
}
