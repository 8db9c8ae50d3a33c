package org.parkwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.bench.ExpectedTotals.Quantity;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.simulator.EventDefect;
import org.parkwatch.simulator.EventKind;
import org.parkwatch.simulator.SimulatedEvent;
import org.parkwatch.simulator.SimulatorTally;

class ExpectedTotalsTest {

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-02T00:00:00Z");
    private static final Instant START = Instant.parse("2025-03-01T01:00:00Z");
    private static final Instant END = Instant.parse("2025-03-01T02:00:00Z");
    private static final String ID = "E0001";

    private final SimulatorTally tally = new SimulatorTally();
    private final ActivityReplay replay = new ActivityReplay();

    @Test
    void shouldPriceTheEmittedActivityByHandFormulasAtTheFactorsInForce() {
        // Outlet W1 registers a COD discharge factor of 120 mg/L and none for NH3-N (sector chemicals: 50 mg/L).
        Enterprise enterprise = new Enterprise(ID, "park-1", "Test Chemicals", "chemicals", GridRegion.EAST,
                new ArrayList<>(List.of(new Outlet("E0001-W1", "GB8978-1996/3", 500.0, null, 120.0, null))), List.of(),
                new PermittedLoads(null, null, null), true);
        send(EventKind.METER_READING, new MeterReading("m1", ID, "E0001-M1", EnergyCarrier.ELECTRICITY, 2.0, "MWh",
                START, END, DataFlag.N, null, "avro"));
        send(EventKind.METER_READING, new MeterReading("m2", ID, "E0001-M2", EnergyCarrier.STEAM, 10.0, "t",
                START, END, DataFlag.N, 2883.74, "avro"));
        send(EventKind.FUEL_CONSUMPTION, new FuelConsumption("f1", ID, "E0001-B1", FuelType.RAW_COAL, 2000.0, "kg",
                1.5, 90.0, 21.0, null, START, END, DataFlag.N));
        send(EventKind.FUEL_CONSUMPTION, new FuelConsumption("f2", ID, "E0001-B2", FuelType.NATURAL_GAS, 0.1,
                "10^4 Nm3", null, null, null, null, START, END, DataFlag.N));
        send(EventKind.WASTEWATER_SAMPLE, new WastewaterSample("w1", ID, "E0001-W1", 100.0, DataFlag.N, 80.0,
                DataFlag.N, null, DataFlag.D, START, END, "avro"));
        send(EventKind.WASTEWATER_SAMPLE, new WastewaterSample("w2", ID, "E0001-W1", 50.0, DataFlag.N, null,
                DataFlag.M, 10.0, DataFlag.N, START, END, "avro"));
        replay.requireSameAs(tally);

        Map<Quantity, ExpectedTotals.Expectation> expected = ExpectedTotals.over(DefaultFactors.load(), FROM, TO)
                .of(enterprise, tally, replay.of(ID));

        // Coal: 2 t x 21 GJ/t (measured) x 0.02637 tC/GJ x 0.94 x 44/12 = 3.8173212 t. Gas: 1000 Nm3 x 0.038931
        // GJ/Nm3 x 0.0153 x 0.99 x 44/12 = 2.162188809 t.
        assertThat(mg(expected, Quantity.CO2_SCOPE1_MG)).isEqualByComparingTo("5979510009");
        // 2000 kWh x 0.55 tCO2/MWh = 1.1 t; steam 10 t x (2883.74 - 83.74) kJ/kg = 28 GJ x 0.11 tCO2/GJ = 3.08 t.
        assertThat(mg(expected, Quantity.CO2_SCOPE2_LOCATION_MG)).isEqualByComparingTo("4180000000");
        // 2000 kWh x 0.6096 (residual mix) = 1.2192 t, plus the same 3.08 t of heat.
        assertThat(mg(expected, Quantity.CO2_SCOPE2_MARKET_MG)).isEqualByComparingTo("4299200000");
        // Coal: 2 x 2 t x 1.5 % x 0.8 x (1 - 0.9) = 4.8 kg. Gas: 2 x 1000 Nm3 x 20 mg/Nm3 x 1.0 = 0.04 kg.
        assertThat(mg(expected, Quantity.SO2_MG)).isEqualByComparingTo("4840000");
        // 100 m3 x 80 mg/L measured, 50 m3 x 120 mg/L (outlet factor): 8 kg + 6 kg.
        assertThat(mg(expected, Quantity.COD_MG)).isEqualByComparingTo("14000000");
        // 100 m3 x 50 mg/L (sector factor), 50 m3 x 10 mg/L measured: 5 kg + 0.5 kg.
        assertThat(mg(expected, Quantity.NH3N_MG)).isEqualByComparingTo("5500000");
        // 2000 kWh x 0.1229 + 28 GJ x 34.12 + 2 t x 714.3 + 1000 Nm3 x 1.33 = 3959.76 kgce.
        assertThat(mg(expected, Quantity.ENERGY_MGCE)).isEqualByComparingTo("3959760000");
        assertThat(mg(expected, Quantity.ENTRY_COUNT)).isEqualByComparingTo("16");
        assertThat(mg(expected, Quantity.ESTIMATED_ENTRY_COUNT)).isEqualByComparingTo("2");
        // One mg per entry for amounts (2 meter readings, 2 fuel events, 2 samples), none for counts.
        assertThat(expected.get(Quantity.ENERGY_MGCE).tolerance()).isEqualByComparingTo("4");
        assertThat(expected.get(Quantity.ENTRY_COUNT).tolerance()).isEqualByComparingTo("0");
    }

    @Test
    void shouldRefuseAPeriodInsideWhichAFactorChanges() {
        // grid.location.EAST has a 2023 version from 2023-01-01 Asia/Shanghai.
        assertThatThrownBy(() -> ExpectedTotals.over(DefaultFactors.load(), Instant.parse("2022-12-01T00:00:00Z"),
                Instant.parse("2023-02-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changes on");
    }

    @Test
    void shouldRefuseAReplayThatDiffersFromTheTally() {
        SimulatedEvent reading = new SimulatedEvent(EventKind.METER_READING, ID, END, new MeterReading("m1", ID,
                "E0001-M1", EnergyCarrier.ELECTRICITY, 5.0, "kWh", START, END, DataFlag.N, null, "avro"),
                EventDefect.NONE);
        tally.record(reading);

        assertThatThrownBy(() -> replay.requireSameAs(tally))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("E0001 METER_READING: tally 1, replay 0");
    }

    private void send(EventKind kind, SpecificRecord value) {
        SimulatedEvent event = new SimulatedEvent(kind, ID, END, value, EventDefect.NONE);
        tally.record(event);
        replay.add(event);
    }

    private static BigDecimal mg(Map<Quantity, ExpectedTotals.Expectation> expected, Quantity q) {
        return expected.get(q).value();
    }
}
