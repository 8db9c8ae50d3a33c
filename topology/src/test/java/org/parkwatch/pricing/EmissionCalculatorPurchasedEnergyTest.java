package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.MeterActivity;

class EmissionCalculatorPurchasedEnergyTest {

    private final EmissionCalculator calculator = new EmissionCalculator(TestFactors.history());

    private static PricedEmission line(List<PricedEmission> entries, Pollutant pollutant, EmissionScope scope) {
        return entries.stream().filter(e -> e.pollutant() == pollutant && e.scope() == scope).findFirst()
                .orElseThrow();
    }

    private static MeterActivity electricity(EnergyCarrier carrier, double kwh) {
        return Activities.meter(carrier, kwh, CanonicalUnit.KWH, OptionalDouble.empty());
    }

    @Test
    void shouldPriceElectricityAtTheRegionalGridFactorForLocationBasedScope2() {
        // 1 MWh arrives as 1 000 kWh (UnitConversion)
        PricedEmission location = line(calculator.priceMeter(electricity(EnergyCarrier.ELECTRICITY, 1_000),
                GridRegion.EAST), Pollutant.CO2, EmissionScope.SCOPE2_LOCATION);

        // 1 000 kWh / 1000 x 0.5500 tCO2/MWh (East China 2023) = 0.55 t = 550 000 000 mg
        assertThat(location.amountMg()).isEqualTo(550_000_000L);
        assertThat(location.factorsUsed()).containsExactly(TestFactors.GRID_EAST_2023);
        assertThat(location.inputs()).containsEntry("electricityKwh", 1_000.0)
                .containsEntry("gridFactorTco2PerMwh", 0.55);
    }

    @Test
    void shouldPriceElectricityAtTheResidualFactorForMarketBasedScope2() {
        PricedEmission market = line(calculator.priceMeter(electricity(EnergyCarrier.ELECTRICITY, 1_000),
                GridRegion.EAST), Pollutant.CO2, EmissionScope.SCOPE2_MARKET);

        // 1 000 kWh / 1000 x 0.6096 tCO2/MWh (national excluding market-traded non-fossil, 2023) = 0.6096 t
        assertThat(market.amountMg()).isEqualTo(609_600_000L);
        assertThat(market.factorsUsed()).containsExactly(TestFactors.RESIDUAL_2023);
    }

    @Test
    void shouldConvertElectricityIntoCoalEquivalentAtTheCalorificEquivalent() {
        PricedEmission energy = line(calculator.priceMeter(electricity(EnergyCarrier.ELECTRICITY, 1_000),
                GridRegion.EAST), Pollutant.ENERGY, EmissionScope.NONE);

        // 1 000 kWh x 0.1229 kgce/kWh = 122.9 kgce = 122 900 000 mgce
        assertThat(energy.amountMg()).isEqualTo(122_900_000L);
        assertThat(energy.factorsUsed()).containsExactly(TestFactors.TCE_ELECTRICITY);
    }

    @Test
    void shouldPriceGreenElectricityAtZeroForMarketBasedScope2Only() {
        List<PricedEmission> entries =
                calculator.priceMeter(electricity(EnergyCarrier.GREEN_ELECTRICITY, 1_000), GridRegion.EAST);

        PricedEmission market = line(entries, Pollutant.CO2, EmissionScope.SCOPE2_MARKET);
        assertThat(market.amountMg()).isZero();
        assertThat(market.factorsUsed()).isEmpty();
        assertThat(market.formula()).contains("green-power trading");
        // location-based still at the grid: 1 000 kWh / 1000 x 0.5500 = 0.55 t
        assertThat(line(entries, Pollutant.CO2, EmissionScope.SCOPE2_LOCATION).amountMg()).isEqualTo(550_000_000L);
        assertThat(line(entries, Pollutant.ENERGY, EmissionScope.NONE).amountMg()).isEqualTo(122_900_000L);
        assertThat(entries).hasSize(3);
    }

    @Test
    void shouldPriceHeatInBothScope2ViewsAtTheHeatFactor() {
        List<PricedEmission> entries = calculator.priceMeter(
                Activities.meter(EnergyCarrier.HEAT, 100, CanonicalUnit.GJ, OptionalDouble.empty()), GridRegion.EAST);

        // 100 GJ x 0.11 tCO2/GJ = 11 t = 11 000 000 000 mg, in both views
        assertThat(line(entries, Pollutant.CO2, EmissionScope.SCOPE2_LOCATION).amountMg()).isEqualTo(11_000_000_000L);
        assertThat(line(entries, Pollutant.CO2, EmissionScope.SCOPE2_MARKET).amountMg()).isEqualTo(11_000_000_000L);
        // 100 GJ x 34.12 kgce/GJ = 3 412 kgce
        assertThat(line(entries, Pollutant.ENERGY, EmissionScope.NONE).amountMg()).isEqualTo(3_412_000_000L);
    }

    @Test
    void shouldConvertSteamByItsEnthalpyAndSayTheFormulaIsUnconfirmed() {
        List<PricedEmission> entries = calculator.priceMeter(
                Activities.meter(EnergyCarrier.STEAM, 10, CanonicalUnit.TONNE, OptionalDouble.of(2_800)),
                GridRegion.EAST);

        // GJ = 10 t x (2 800 - 83.74) kJ/kg x 10^-3 = 27.1626 GJ
        // CO2 = 27.1626 GJ x 0.11 tCO2/GJ = 2.987886 t = 2 987 886 000 mg
        PricedEmission location = line(entries, Pollutant.CO2, EmissionScope.SCOPE2_LOCATION);
        assertThat(location.amountMg()).isEqualTo(2_987_886_000L);
        assertThat(location.inputs()).containsEntry("heatGj", 27.1626).containsEntry("steamT", 10.0);
        assertThat(location.formula()).contains("83.74", "[U");
        // ENERGY = 27.1626 GJ x 34.12 kgce/GJ = 926.787912 kgce = 926 787 912 mgce
        assertThat(line(entries, Pollutant.ENERGY, EmissionScope.NONE).amountMg()).isEqualTo(926_787_912L);
    }

    @Test
    void shouldRefuseSteamInTonnesWithoutEnthalpy() {
        MeterActivity steam = Activities.meter(EnergyCarrier.STEAM, 10, CanonicalUnit.TONNE, OptionalDouble.empty());

        assertThatThrownBy(() -> calculator.priceMeter(steam, GridRegion.EAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steamEnthalpyKjPerKg");
    }

    @Test
    void shouldPriceWithTheFactorVersionOfTheLastMillisecondOfTheIntervalAcrossTheYearBoundary() {
        // An interval ending at local midnight on 1 January has its last millisecond in 2022; one ending a
        // millisecond later has its last millisecond (00:00:00.000) in 2023.
        Instant endingAtMidnight = LocalDateTime.parse("2023-01-01T00:00:00.000").atZone(FactorKeys.FACTOR_ZONE)
                .toInstant();
        Instant lastMsOf2022 = endingAtMidnight;
        Instant firstMsOf2023 = endingAtMidnight.plusMillis(1);
        EmissionCalculator withResidual2022 = new EmissionCalculator(TestFactors.history()
                .plus(TestFactors.version("grid.market.residual", TestFactors.Y2022, 0.5856, "tCO2/MWh",
                        Map.of())));

        PricedEmission in2022 = line(withResidual2022.priceMeter(Activities.meterEndingAt(EnergyCarrier.ELECTRICITY,
                1_000, CanonicalUnit.KWH, OptionalDouble.empty(), lastMsOf2022), GridRegion.EAST),
                Pollutant.CO2, EmissionScope.SCOPE2_LOCATION);
        PricedEmission in2023 = line(withResidual2022.priceMeter(Activities.meterEndingAt(EnergyCarrier.ELECTRICITY,
                1_000, CanonicalUnit.KWH, OptionalDouble.empty(), firstMsOf2023), GridRegion.EAST),
                Pollutant.CO2, EmissionScope.SCOPE2_LOCATION);

        // 1 MWh x 0.5617 (East 2022) = 0.5617 t; 1 MWh x 0.5500 (East 2023) = 0.55 t
        assertThat(in2022.amountMg()).isEqualTo(561_700_000L);
        assertThat(in2022.factorsUsed()).containsExactly(TestFactors.GRID_EAST_2022);
        assertThat(in2023.amountMg()).isEqualTo(550_000_000L);
        assertThat(in2023.factorsUsed()).containsExactly(TestFactors.GRID_EAST_2023);
    }

    @Test
    void shouldThrowFactorMissingForARegionWithoutFactor() {
        assertThatThrownBy(() -> calculator.priceMeter(electricity(EnergyCarrier.ELECTRICITY, 1_000),
                GridRegion.SOUTHWEST))
                .isInstanceOfSatisfying(FactorMissingException.class,
                        e -> assertThat(e.factorKey()).isEqualTo("grid.location.SOUTHWEST"));
    }
}
