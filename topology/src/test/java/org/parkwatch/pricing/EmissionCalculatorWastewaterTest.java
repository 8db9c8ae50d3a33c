package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.WastewaterActivity;

class EmissionCalculatorWastewaterTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();
    private static final OutletSettings OUTLET_WITH_FACTORS =
            new OutletSettings("DW001", OptionalDouble.of(80), OptionalDouble.of(8));

    private final EmissionCalculator calculator = new EmissionCalculator(TestFactors.history());

    private static PricedEmission line(List<PricedEmission> entries, Pollutant pollutant) {
        return entries.stream().filter(e -> e.pollutant() == pollutant).findFirst().orElseThrow();
    }

    @Test
    void shouldPriceMeasuredConcentrationsIntoLoads() {
        // about one day of the HJ 212 example outlet: 1 512 m3 at COD 40.1 mg/L and NH3-N 2.5 mg/L
        WastewaterActivity sample = Activities.wastewater(1_512, OptionalDouble.of(40.1), DataFlag.N,
                OptionalDouble.of(2.5), DataFlag.N);

        List<PricedEmission> entries = calculator.priceWastewater(sample, "chemicals", Optional.empty());

        // COD: 1 512 m3 x 40.1 mg/L x 10^-3 = 60.6312 kg = 60 631 200 mg
        assertThat(line(entries, Pollutant.COD).amountMg()).isEqualTo(60_631_200L);
        assertThat(line(entries, Pollutant.COD).estimated()).isFalse();
        assertThat(line(entries, Pollutant.COD).factorsUsed()).isEmpty();
        // NH3-N: 1 512 m3 x 2.5 mg/L x 10^-3 = 3.78 kg = 3 780 000 mg
        assertThat(line(entries, Pollutant.NH3_N).amountMg()).isEqualTo(3_780_000L);
        assertThat(line(entries, Pollutant.NH3_N).displayAmount()).isEqualTo(3.78);
        assertThat(entries).hasSize(2);
    }

    @Test
    void shouldEstimateCodOfAFaultyAnalyserWithTheOutletDischargeFactor() {
        WastewaterActivity sample = Activities.wastewater(1_512, OptionalDouble.of(12.0), DataFlag.D,
                OptionalDouble.of(2.5), DataFlag.N);

        List<PricedEmission> entries =
                calculator.priceWastewater(sample, "chemicals", Optional.of(OUTLET_WITH_FACTORS));

        PricedEmission cod = line(entries, Pollutant.COD);
        // 1 512 m3 x 80 mg/L (outlet factor; the flagged 12 mg/L is ignored) x 10^-3 = 120.96 kg
        assertThat(cod.amountMg()).isEqualTo(120_960_000L);
        assertThat(cod.estimated()).isTrue();
        assertThat(cod.estimationReason()).isEqualTo("COD analyser flag D (fault): outlet discharge factor 80 mg/L");
        assertThat(cod.inputs()).isEqualTo(Map.of("volumeM3", 1_512.0, "codDischargeFactorMgPerL", 80.0));
        // NH3-N measured with flag N stays measured: 1 512 x 2.5 x 10^-3 = 3.78 kg
        assertThat(line(entries, Pollutant.NH3_N).estimated()).isFalse();
        assertThat(line(entries, Pollutant.NH3_N).amountMg()).isEqualTo(3_780_000L);
    }

    @Test
    void shouldEstimateAnAbsentConcentrationWithTheSectorFactor() {
        WastewaterActivity sample = Activities.wastewater(1_512, NONE, DataFlag.N, OptionalDouble.of(2.5), DataFlag.N);

        PricedEmission cod = line(calculator.priceWastewater(sample, "Chemicals ", Optional.empty()), Pollutant.COD);

        // 1 512 m3 x 1 000 mg/L (discharge.cod.chemicals) x 10^-3 = 1 512 kg
        assertThat(cod.amountMg()).isEqualTo(1_512_000_000L);
        assertThat(cod.factorsUsed()).containsExactly(TestFactors.COD_CHEMICALS);
        assertThat(cod.estimationReason())
                .isEqualTo("COD concentration absent: sector discharge factor discharge.cod.chemicals 1000 mg/L");
    }

    @Test
    void shouldFallBackToTheDefaultSectorFactor() {
        WastewaterActivity sample = Activities.wastewater(1_512, NONE, DataFlag.B, NONE, DataFlag.M);

        List<PricedEmission> entries = calculator.priceWastewater(sample, "food", Optional.empty());

        // COD: 1 512 m3 x 500 mg/L (discharge.cod.default) x 10^-3 = 756 kg
        assertThat(line(entries, Pollutant.COD).amountMg()).isEqualTo(756_000_000L);
        assertThat(line(entries, Pollutant.COD).factorsUsed()).containsExactly(TestFactors.COD_DEFAULT);
        assertThat(line(entries, Pollutant.COD).estimationReason()).startsWith("COD analyser flag B (communication");
        // NH3-N: 1 512 m3 x 25 mg/L (discharge.nh3n.default) x 10^-3 = 37.8 kg
        assertThat(line(entries, Pollutant.NH3_N).amountMg()).isEqualTo(37_800_000L);
        assertThat(line(entries, Pollutant.NH3_N).estimationReason()).startsWith("NH3-N analyser flag M");
    }

    @Test
    void shouldKeepAnOverRangeValueMeasuredWithANote() {
        WastewaterActivity sample = Activities.wastewater(100, OptionalDouble.of(1_000), DataFlag.T,
                OptionalDouble.of(2.5), DataFlag.S);

        List<PricedEmission> entries = calculator.priceWastewater(sample, "chemicals", Optional.of(OUTLET_WITH_FACTORS));

        // 100 m3 x 1 000 mg/L x 10^-3 = 100 kg, measured; S (manual entry) is measured too: 100 x 2.5 x 10^-3 kg
        assertThat(line(entries, Pollutant.COD).amountMg()).isEqualTo(100_000_000L);
        assertThat(line(entries, Pollutant.COD).estimated()).isFalse();
        assertThat(line(entries, Pollutant.COD).formula()).contains("flag T");
        assertThat(line(entries, Pollutant.NH3_N).amountMg()).isEqualTo(250_000L);
        assertThat(line(entries, Pollutant.NH3_N).estimated()).isFalse();
    }

    @Test
    void shouldRoundHalfEvenToWholeMilligrams() {
        // 0.0025 m3 x 1 mg/L = 2.5 mg -> 2; 0.0035 m3 x 1 mg/L = 3.5 mg -> 4
        assertThat(line(calculator.priceWastewater(Activities.wastewater(0.0025, OptionalDouble.of(1), DataFlag.N,
                OptionalDouble.of(1), DataFlag.N), "steel", Optional.empty()), Pollutant.COD).amountMg()).isEqualTo(2L);
        assertThat(line(calculator.priceWastewater(Activities.wastewater(0.0035, OptionalDouble.of(1), DataFlag.N,
                OptionalDouble.of(1), DataFlag.N), "steel", Optional.empty()), Pollutant.COD).amountMg()).isEqualTo(4L);
    }

    @Test
    void shouldThrowFactorMissingWhenNoDischargeFactorApplies() {
        EmissionCalculator noDefaults = new EmissionCalculator(FactorHistory.of(List.of(TestFactors.COD_CHEMICALS)));
        WastewaterActivity sample = Activities.wastewater(10, OptionalDouble.of(40), DataFlag.N, NONE, DataFlag.D);

        assertThatThrownBy(() -> noDefaults.priceWastewater(sample, "food", Optional.empty()))
                .isInstanceOfSatisfying(FactorMissingException.class,
                        e -> assertThat(e.factorKey()).isEqualTo("discharge.nh3n.food"));
    }

    @Test
    void shouldPriceThroughTheEnterpriseContextWithTheOutletItRegistered() {
        PricingContext context = new PricingContext(GridRegion.EAST, "chemicals",
                Map.of("DW001", OUTLET_WITH_FACTORS));
        WastewaterActivity sample = Activities.wastewater(10, NONE, DataFlag.F, NONE, DataFlag.C);

        List<PricedEmission> entries = calculator.price(sample, context);

        // COD 10 m3 x 80 mg/L x 10^-3 = 0.8 kg; NH3-N 10 m3 x 8 mg/L x 10^-3 = 0.08 kg (outlet factors)
        assertThat(line(entries, Pollutant.COD).amountMg()).isEqualTo(800_000L);
        assertThat(line(entries, Pollutant.NH3_N).amountMg()).isEqualTo(80_000L);
        assertThat(line(entries, Pollutant.NH3_N).estimationReason())
                .isEqualTo("NH3-N analyser flag C (calibration): outlet discharge factor 8 mg/L");
    }
}
