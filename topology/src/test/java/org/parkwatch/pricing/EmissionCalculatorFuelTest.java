package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.FuelActivity;

class EmissionCalculatorFuelTest {

    private final EmissionCalculator calculator = new EmissionCalculator(TestFactors.history());

    private static PricedEmission line(List<PricedEmission> entries, Pollutant pollutant) {
        return entries.stream().filter(e -> e.pollutant() == pollutant).findFirst().orElseThrow();
    }

    @Test
    void shouldPriceRawCoalIntoScope1Co2So2AndEnergy() {
        List<PricedEmission> entries =
                calculator.priceFuel(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE));

        assertThat(entries).extracting(PricedEmission::pollutant, PricedEmission::scope).containsExactly(
                tuple(Pollutant.CO2, EmissionScope.SCOPE1),
                tuple(Pollutant.SO2, EmissionScope.NONE),
                tuple(Pollutant.ENERGY, EmissionScope.NONE));
    }

    @Test
    void shouldPriceCo2OfRawCoalWithTheDefaultParameters() {
        PricedEmission co2 = line(calculator.priceFuel(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE)),
                Pollutant.CO2);

        // 10 t x 20.908 GJ/t x 0.02637 tC/GJ x 0.94 x 44/12
        //   = 209.08 GJ x 0.02637 = 5.5134396 tC x 0.94 = 5.182633224 tC x 44/12 = 19.002988488 tCO2
        //   = 19 002 988 488 mg (exact, no rounding needed); cf. the printed EF 1.9003 tCO2/t x 10 t
        assertThat(co2.amountMg()).isEqualTo(19_002_988_488L);
        assertThat(co2.displayAmount()).isEqualTo(19.002988488);
        assertThat(co2.displayUnit()).isEqualTo("t");
        assertThat(co2.inputs()).containsExactly(entry("adT", 10.0),
                entry("ncvGjPerT", 20.908), entry("carbonContentTcPerGj", 0.02637),
                entry("oxidationRate", 0.94));
        assertThat(co2.factorsUsed()).containsExactly(TestFactors.RAW_COAL);
        assertThat(co2.formula()).contains("AD", "NCV default", "CC default");
        assertThat(co2.estimated()).isFalse();
        assertThat(co2.estimationReason()).isNull();
    }

    @Test
    void shouldPreferTheMeasuredNcvAndCarbonContent() {
        FuelActivity measured = Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.of(22.0), OptionalDouble.of(0.026));

        PricedEmission co2 = line(calculator.priceFuel(measured), Pollutant.CO2);

        // 10 t x 22 GJ/t x 0.026 tC/GJ x 0.94 x 44/12 = 5.3768 tC x 44/12 = 19.714933333... t
        //   = 19 714 933 333.33 mg -> 19 714 933 333 mg
        assertThat(co2.amountMg()).isEqualTo(19_714_933_333L);
        assertThat(co2.formula()).contains("NCV measured", "CC measured");
    }

    @Test
    void shouldUseTheDefaultSulfurContentWhenNoneIsReported() {
        PricedEmission so2 = line(calculator.priceFuel(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE)),
                Pollutant.SO2);

        // 2 x 10 t x 1.0 % (default) x D 0.8 x (1 - 0) = 0.16 t = 160 kg = 160 000 000 mg (16 kg SO2 per t of coal)
        assertThat(so2.amountMg()).isEqualTo(160_000_000L);
        assertThat(so2.displayAmount()).isEqualTo(160.0);
        assertThat(so2.displayUnit()).isEqualTo("kg");
        assertThat(so2.inputs()).containsEntry("sulfurPercent", 1.0).containsEntry("desulfurizationPercent", 0.0);
        assertThat(so2.formula()).contains("S default", "eta 0");
    }

    @Test
    void shouldReduceSo2ByTheDesulfurisationEfficiency() {
        // The worked example of the source (alisonandcharlie.com): 6 416 t of 1 % S coal desulfurised at 75 %
        FuelActivity desulfurised = Activities.fuel(FuelType.RAW_COAL, 6_416, CanonicalUnit.TONNE,
                OptionalDouble.of(1.0), OptionalDouble.of(75.0), OptionalDouble.empty(), OptionalDouble.empty());

        PricedEmission so2 = line(calculator.priceFuel(desulfurised), Pollutant.SO2);

        // 2 x 6 416 t x 0.01 x 0.8 x (1 - 0.75) = 25.664 t = 25 664 000 000 mg
        assertThat(so2.amountMg()).isEqualTo(25_664_000_000L);
        assertThat(so2.formula()).contains("S measured", "eta measured");
    }

    @Test
    void shouldConvertCoalIntoStandardCoalEquivalent() {
        PricedEmission energy = line(
                calculator.priceFuel(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE)), Pollutant.ENERGY);

        // 10 t x 714.3 kgce/t (0.7143 kgce/kg) = 7 143 kgce = 7.143 tce = 7 143 000 000 mgce
        assertThat(energy.amountMg()).isEqualTo(7_143_000_000L);
        assertThat(energy.displayAmount()).isEqualTo(7.143);
        assertThat(energy.displayUnit()).isEqualTo("tce");
    }

    @Test
    void shouldPriceNaturalGasPerNm3WithSulfurPerNm3() {
        // 1.5 x 10^4 Nm3 arrives as 15 000 Nm3 (UnitConversion)
        List<PricedEmission> entries =
                calculator.priceFuel(Activities.fuel(FuelType.NATURAL_GAS, 15_000, CanonicalUnit.NM3));

        // CO2: 15 000 Nm3 x 0.038931 GJ/Nm3 x 0.0153 tC/GJ x 0.99 x 44/12
        //   = 583.965 GJ x 0.0153 = 8.9346645 tC x 0.99 = 8.845317855 tC x 44/12 = 32.432832135 t
        assertThat(line(entries, Pollutant.CO2).amountMg()).isEqualTo(32_432_832_135L);
        // SO2: 2 x 15 000 Nm3 x 20 mg/Nm3 (GB 17820 class-1 limit) x D 1.0 x (1 - 0) = 600 000 mg = 0.6 kg
        assertThat(line(entries, Pollutant.SO2).amountMg()).isEqualTo(600_000L);
        assertThat(line(entries, Pollutant.SO2).inputs()).containsEntry("sulfurMgPerNm3", 20.0);
        // ENERGY: 15 000 Nm3 x 1.33 kgce/Nm3 = 19 950 kgce = 19 950 000 000 mgce
        assertThat(line(entries, Pollutant.ENERGY).amountMg()).isEqualTo(19_950_000_000L);
    }

    @Test
    void shouldRoundOnceHalfEvenToWholeMilligrams() {
        PricedEmission co2 = line(calculator.priceFuel(Activities.fuel(FuelType.RAW_COAL, 1, CanonicalUnit.TONNE)),
                Pollutant.CO2);

        // 1 t: 1.9002988488 t = 1 900 298 848.8 mg -> 1 900 298 849 mg
        assertThat(co2.amountMg()).isEqualTo(1_900_298_849L);
    }

    @Test
    void shouldThrowFactorMissingForAFuelWithoutFactor() {
        assertThatThrownBy(() -> calculator.priceFuel(Activities.fuel(FuelType.DIESEL, 1, CanonicalUnit.TONNE)))
                .isInstanceOfSatisfying(FactorMissingException.class,
                        e -> assertThat(e.factorKey()).isEqualTo("fuel.DIESEL"));
    }
}
