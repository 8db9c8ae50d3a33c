package org.parkwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitConversionTest {

    @ParameterizedTest(name = "{0} {1} of {2} = {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ELECTRICITY   | 1.5      | MWh       | 1500      | KWH
            ELECTRICITY   | 0.1      | MWh       | 100       | KWH
            ELECTRICITY   | 2        | GWh       | 2000000   | KWH
            ELECTRICITY   | 3        | 10^4 kWh  | 30000     | KWH
            ELECTRICITY   | 3        | 万kWh     | 30000     | KWH
            ELECTRICITY   | 42       | kwh       | 42        | KWH
            ELECTRICITY   | 42       | ' KWH '   | 42        | KWH
            ELECTRICITY   | 2500     | Wh        | 2.5       | KWH
            HEAT          | 2500     | MJ        | 2.5       | GJ
            HEAT          | 1.2      | TJ        | 1200      | GJ
            HEAT          | 1000     | kWh       | 3.6       | GJ
            STEAM         | 12       | t         | 12        | TONNE
            STEAM         | 500      | kg        | 0.5       | TONNE
            STEAM         | 30       | GJ        | 30        | GJ
            FUEL_MASS     | 750      | kg        | 0.75      | TONNE
            FUEL_MASS     | 2        | 10^4 t    | 20000     | TONNE
            FUEL_GAS      | 1.5      | 10^4 Nm3  | 15000     | NM3
            FUEL_GAS      | 1.5      | 10^4Nm3   | 15000     | NM3
            FUEL_GAS      | 1.5      | 万Nm3     | 15000     | NM3
            FUEL_GAS      | 1.5      | 10^4 m3   | 15000     | NM3
            FUEL_GAS      | 800      | m³        | 800       | NM3
            FUEL_GAS      | 800      | NM3       | 800       | NM3
            WATER_VOLUME  | 2500     | L         | 2.5       | M3
            WATER_VOLUME  | 16.4     | t         | 16.4      | M3
            CONCENTRATION | 40.1     | mg/L      | 40.1      | MG_PER_L
            CONCENTRATION | 40.1     | g/m3      | 40.1      | MG_PER_L
            """)
    void shouldConvertAcceptedUnitsIntoTheCanonicalUnitOfTheirKind(QuantityKind kind, double quantity, String unit,
            double expected, CanonicalUnit expectedUnit) {
        assertThat(UnitConversion.toCanonical(kind, quantity, unit))
                .contains(new CanonicalQuantity(expected, expectedUnit));
    }

    @ParameterizedTest(name = "{1} is not a unit of {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ELECTRICITY   | GJ
            ELECTRICITY   | furlongs
            ELECTRICITY   | 10^4 MWh
            HEAT          | 10^4 kJ
            HEAT          | kJ
            STEAM         | Nm3
            FUEL_MASS     | Nm3
            FUEL_GAS      | t
            WATER_VOLUME  | Nm3
            CONCENTRATION | mg/m3
            ELECTRICITY   | ''
            ELECTRICITY   | 10^4
            """)
    void shouldGiveNothingForAUnitItDoesNotAcceptForTheKind(QuantityKind kind, String unit) {
        assertThat(UnitConversion.toCanonical(kind, 1.0, unit)).isEmpty();
        assertThat(UnitConversion.isKnown(kind, unit)).isFalse();
    }

    @Test
    void shouldGiveNothingForANullUnit() {
        assertThat(UnitConversion.toCanonical(QuantityKind.ELECTRICITY, 1.0, null)).isEmpty();
    }
}
