package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.CanonicalUnit;

class DefaultFactorsTest {

    private static final List<FactorVersion> ALL = DefaultFactors.load();
    private static final FactorHistory HISTORY = FactorHistory.of(ALL);
    private static final Instant IN_2024 = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void shouldCiteASourceWithAConfidenceTagForEveryEntry() {
        assertThat(ALL).hasSize(51);
        assertThat(ALL).allSatisfy(v -> {
            assertThat(v.source()).isNotBlank();
            assertThat(v.source()).containsPattern("\\[(P|S|C|D|U)[\\]: ]");
        });
    }

    @Test
    void shouldMarkTheUnconfirmedValuesAsSuch() {
        // regional 2021 absent, washed-coal OF, liquid-fuel D, coke-oven gas OF, petrochemical COD OCR
        assertThat(HISTORY.versions("grid.location.EAST").get(0).source()).contains("[U", "2021");
        assertThat(HISTORY.at("fuel.WASHED_COAL", IN_2024).orElseThrow().source()).contains("OF 0.93 [U]");
        assertThat(HISTORY.at("fuel.DIESEL", IN_2024).orElseThrow().source()).contains("1.0, commonly", "[U");
        assertThat(HISTORY.at("fuel.COKE_OVEN_GAS", IN_2024).orElseThrow().source()).contains("OF 0.99 [U]");
        assertThat(HISTORY.at("discharge.cod.petrochemicals", IN_2024).orElseThrow().source()).contains("[U]");
    }

    @ParameterizedTest(name = "{0}: printed EF {1}")
    @CsvSource({
        // domain reference Table A, EF printed in kgCO2/kg (natural gas: kgCO2/m3)
        "RAW_COAL, 1.9003, 1",
        "COKE, 2.8604, 1",
        "CRUDE_OIL, 3.0202, 1",
        "FUEL_OIL, 3.1705, 1",
        "GASOLINE, 2.9251, 1",
        "KEROSENE, 3.0179, 1",
        "DIESEL, 3.0959, 1",
        "LPG, 3.1013, 1",
        "REFINERY_DRY_GAS, 3.0119, 1",
        "NATURAL_GAS, 2.1622, 1000",
    })
    void shouldReproduceThePrintedEmissionFactorFromNcvCarbonContentAndOxidation(FuelType fuel, double printed,
            double kgPerTonneOfUnit) {
        FactorVersion factor = HISTORY.at(FactorKeys.fuel(fuel), IN_2024).orElseThrow();

        // EF = NCV [GJ/unit] x CC [tC/GJ] x OF x 44/12 [tCO2/unit]; e.g. raw coal
        //   20.908 x 0.02637 x 0.94 x 44/12 = 1.9002988 -> 1.9003
        double ef = factor.requireParameter(FactorKeys.NCV_GJ_PER_UNIT)
                * factor.requireParameter(FactorKeys.CARBON_CONTENT_TC_PER_GJ)
                * factor.requireParameter(FactorKeys.OXIDATION_RATE) * 44.0 / 12.0;

        assertThat(Math.round(ef * kgPerTonneOfUnit * 10_000) / 10_000.0).isEqualTo(printed);
        assertThat(factor.value() * kgPerTonneOfUnit).isCloseTo(printed, within(1e-9));
    }

    @Test
    void shouldGiveEveryKnownFuelTheParametersPricingNeeds() {
        for (FuelType fuel : FuelType.values()) {
            if (fuel == FuelType.UNKNOWN) {
                continue;
            }
            FactorVersion factor = HISTORY.at(FactorKeys.fuel(fuel), IN_2024).orElseThrow();
            assertThat(factor.parameters()).containsKeys(FactorKeys.NCV_GJ_PER_UNIT,
                    FactorKeys.CARBON_CONTENT_TC_PER_GJ, FactorKeys.OXIDATION_RATE, FactorKeys.KGCE_PER_UNIT,
                    FactorKeys.SULFUR_CONVERSION);
            boolean gas = fuel == FuelType.NATURAL_GAS || fuel == FuelType.COKE_OVEN_GAS;
            assertThat(factor.parameters())
                    .containsKey(gas ? FactorKeys.SULFUR_MG_PER_NM3_DEFAULT : FactorKeys.SULFUR_PERCENT_DEFAULT);
        }
    }

    @Test
    void shouldCarryTheNationalAndResidualGridFactorsPerDataYear() {
        assertThat(HISTORY.versions("grid.location.NATIONAL")).extracting(FactorVersion::value)
                .containsExactly(0.5568, 0.5366, 0.5306);
        assertThat(HISTORY.versions("grid.market.residual")).extracting(FactorVersion::value)
                .containsExactly(0.5942, 0.5856, 0.6096);
        assertThat(HISTORY.versions("grid.market.residual")).extracting(FactorVersion::validFrom).containsExactly(
                FactorKeys.validFromOfDataYear(2021), FactorKeys.validFromOfDataYear(2022),
                FactorKeys.validFromOfDataYear(2023));
    }

    @Test
    void shouldStartRegionalFactorsIn2022BecauseThe2021OnesWereNotFound() {
        Instant mid2021 = Instant.parse("2021-06-01T00:00:00Z");
        for (GridRegion region : GridRegion.values()) {
            boolean national = region == GridRegion.NATIONAL;
            assertThat(HISTORY.at(FactorKeys.gridLocation(region), mid2021).isPresent()).isEqualTo(national);
            assertThat(HISTORY.at(FactorKeys.gridLocation(region), IN_2024)).isPresent();
        }
        assertThat(HISTORY.versions("grid.location.SOUTHWEST")).extracting(FactorVersion::value)
                .containsExactly(0.2268, 0.2472);
    }

    @Test
    void shouldSwitchFactorsAtLocalNewYear() {
        Instant lastMsOf2022 = LocalDateTime.parse("2022-12-31T23:59:59.999").atZone(FactorKeys.FACTOR_ZONE)
                .toInstant();

        assertThat(HISTORY.at("grid.location.NATIONAL", lastMsOf2022).orElseThrow().value()).isEqualTo(0.5366);
        assertThat(HISTORY.at("grid.location.NATIONAL", lastMsOf2022.plusMillis(1)).orElseThrow().value())
                .isEqualTo(0.5306);
    }

    @Test
    void shouldHaveDefaultDischargeFactorsAndCoalEquivalents() {
        assertThat(HISTORY.at("discharge.cod.default", IN_2024).orElseThrow().value()).isEqualTo(500.0);
        assertThat(HISTORY.at("discharge.nh3n.default", IN_2024).orElseThrow().value()).isEqualTo(25.0);
        assertThat(HISTORY.at("tce.electricity", IN_2024).orElseThrow().value()).isEqualTo(0.1229);
        assertThat(HISTORY.at("tce.heat", IN_2024).orElseThrow().value()).isEqualTo(34.12);
        assertThat(HISTORY.at("heat", IN_2024).orElseThrow().value()).isEqualTo(0.11);
    }

    @Test
    void shouldPriceWithTheDefaultSet() {
        EmissionCalculator calculator = new EmissionCalculator(HISTORY);

        List<PricedEmission> coal = calculator.priceFuel(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE));
        List<PricedEmission> power = calculator.priceMeter(
                Activities.meter(EnergyCarrier.ELECTRICITY, 1_000, CanonicalUnit.KWH, OptionalDouble.empty()),
                GridRegion.NATIONAL);

        // 10 t raw coal: 19.002988488 t CO2 (see EmissionCalculatorFuelTest)
        assertThat(coal.get(0).amountMg()).isEqualTo(19_002_988_488L);
        // 1 MWh in 2024 at the latest national factor (2023): 0.5306 t
        assertThat(power).filteredOn(e -> e.pollutant() == Pollutant.CO2
                        && e.scope() == EmissionScope.SCOPE2_LOCATION)
                .extracting(PricedEmission::amountMg).containsExactly(530_600_000L);
    }

    @Test
    void shouldRejectAnEntryWithoutSource() {
        String json = """
                {"timeZone": "Asia/Shanghai", "factors": [
                  {"factorKey": "heat", "validFrom": "2021-01-01", "value": 0.11, "unit": "tCO2/GJ",
                   "parameters": {}}]}""";

        assertThatThrownBy(() -> DefaultFactors.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
    }

    @Test
    void shouldReadValidFromAsLocalMidnightOfTheGivenZone() {
        String json = """
                {"timeZone": "Asia/Shanghai", "factors": [
                  {"factorKey": "heat", "validFrom": "2021-01-01", "value": 0.11, "unit": "tCO2/GJ",
                   "parameters": {"a": 1.5}, "source": "test [D]"}]}""";

        List<FactorVersion> versions =
                DefaultFactors.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(versions).containsExactly(new FactorVersion("heat", Instant.parse("2020-12-31T16:00:00Z"), 0.11,
                "tCO2/GJ", Map.of("a", 1.5), "test [D]"));
    }
}
