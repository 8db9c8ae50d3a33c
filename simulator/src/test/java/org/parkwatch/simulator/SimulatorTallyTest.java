package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.WastewaterSample;

class SimulatorTallyTest {

    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(15));

    @Test
    void shouldSumMeterReadingsInKilowattHoursWhateverTheirUnit() {
        SimulatorTally tally = new SimulatorTally();
        tally.record(meter("a", EnergyCarrier.ELECTRICITY, 1.5, "MWh"));
        tally.record(meter("b", EnergyCarrier.ELECTRICITY, 250, "kWh"));
        tally.record(meter("c", EnergyCarrier.GREEN_ELECTRICITY, 0.02, "10^4 kWh"));
        tally.record(meter("d", EnergyCarrier.HEAT, 1_500, "MJ"));

        // 1.5 MWh + 250 kWh = 1 750 kWh; 0.02 x 10^4 kWh = 200 kWh; 1 500 MJ = 1.5 GJ.
        assertThat(tally.energy("E0001", EnergyCarrier.ELECTRICITY)).isCloseTo(1_750, within(1e-9));
        assertThat(tally.energy("E0001", EnergyCarrier.GREEN_ELECTRICITY)).isCloseTo(200, within(1e-9));
        assertThat(tally.energy("E0001", EnergyCarrier.HEAT)).isCloseTo(1.5, within(1e-12));
        assertThat(tally.eventCount("E0001", EventKind.METER_READING)).isEqualTo(4);
    }

    @Test
    void shouldCountMeasuredPollutantMassAndSetAsideUnmeasuredVolume() {
        SimulatorTally tally = new SimulatorTally();
        tally.record(sample("a", 100, 40.0, 5.0));
        tally.record(sample("b", 50, null, 2.0));

        // 100 m3 x 40 mg/L x 1e-3 = 4 kg COD; NH3-N 100 x 5 x 1e-3 + 50 x 2 x 1e-3 = 0.6 kg.
        assertThat(tally.wastewaterM3("E0001")).isEqualTo(150.0);
        assertThat(tally.codKg("E0001")).isCloseTo(4.0, within(1e-12));
        assertThat(tally.codUnmeasuredM3("E0001")).isEqualTo(50.0);
        assertThat(tally.ammoniaNitrogenKg("E0001")).isCloseTo(0.6, within(1e-12));
        assertThat(tally.ammoniaNitrogenUnmeasuredM3("E0001")).isZero();
    }

    @Test
    void shouldCountDefectiveEventsButLeaveThemOutOfTheSums() {
        SimulatorTally tally = new SimulatorTally();
        SimulatedEvent valid = meter("a", EnergyCarrier.ELECTRICITY, 100, "kWh");
        tally.record(valid);
        tally.record(new SimulatedEvent(EventKind.METER_READING, "E0001", END, valid.value(),
                EventDefect.DUPLICATE_RESEND));
        tally.record(new SimulatedEvent(EventKind.METER_READING, "E0001", END,
                meter("a-bad-unit", EnergyCarrier.ELECTRICITY, 100, "MMBtu").value(),
                EventDefect.UNKNOWN_UNIT));

        assertThat(tally.energy("E0001", EnergyCarrier.ELECTRICITY)).isEqualTo(100.0);
        assertThat(tally.eventCount("E0001", EventKind.METER_READING)).isEqualTo(3);
        assertThat(tally.eventCount("E0001", EventKind.METER_READING, EventDefect.NONE)).isEqualTo(1);
        assertThat(tally.eventCount("E0001", EventKind.METER_READING, EventDefect.DUPLICATE_RESEND)).isEqualTo(1);
        assertThat(tally.totalEventCount()).isEqualTo(3);
    }

    @Test
    void shouldEqualTheSumsRecomputedFromTheGeneratedEvents() {
        ParkModel park = ParkModel.generate(ParkSettings.defaults(11).withEnterpriseCount(20));
        GeneratorSettings settings = GeneratorSettings.defaults(11).withBadEventRate(0.05)
                .withAnalyserGapProbability(0.1).withExcursions(ExcursionSettings.always());
        List<SimulatedEvent> events = new EventGenerator(park, settings)
                .events(Instant.parse("2024-04-29T00:00:00Z"), Instant.parse("2024-05-02T00:00:00Z")).toList();
        SimulatorTally tally = new SimulatorTally();
        events.forEach(tally::record);

        Map<String, Map<EnergyCarrier, Double>> energy = new HashMap<>();
        Map<String, Map<FuelType, Double>> fuel = new HashMap<>();
        Map<String, double[]> water = new HashMap<>();
        Map<String, Double> addedValue = new HashMap<>();
        Map<String, Map<EventKind, Long>> counts = new HashMap<>();
        for (SimulatedEvent event : events) {
            counts.computeIfAbsent(event.key(), k -> new EnumMap<>(EventKind.class)).merge(event.kind(), 1L, Long::sum);
            if (event.defect() != EventDefect.NONE) {
                continue;
            }
            if (event.value() instanceof MeterReading r) {
                double factor = switch (r.getUnit()) {
                    case "kWh", "GJ", "t" -> 1;
                    case "MWh" -> 1_000;
                    case "10^4 kWh" -> 10_000;
                    case "MJ" -> 0.001;
                    default -> throw new AssertionError(r.getUnit());
                };
                energy.computeIfAbsent(event.key(), k -> new EnumMap<>(EnergyCarrier.class))
                        .merge(r.getCarrier(), r.getQuantity() * factor, Double::sum);
            } else if (event.value() instanceof FuelConsumption f) {
                double factor = switch (f.getUnit()) {
                    case "t", "Nm3" -> 1;
                    case "kg" -> 0.001;
                    case "10^4 Nm3" -> 10_000;
                    default -> throw new AssertionError(f.getUnit());
                };
                fuel.computeIfAbsent(event.key(), k -> new EnumMap<>(FuelType.class))
                        .merge(f.getFuel(), f.getQuantity() * factor, Double::sum);
            } else if (event.value() instanceof WastewaterSample w) {
                double[] sums = water.computeIfAbsent(event.key(), k -> new double[3]);
                sums[0] += w.getVolumeM3();
                sums[1] += w.getCodMgPerL() == null ? 0 : w.getVolumeM3() * w.getCodMgPerL() / 1_000;
                sums[2] += w.getAmmoniaNitrogenMgPerL() == null ? 0
                        : w.getVolumeM3() * w.getAmmoniaNitrogenMgPerL() / 1_000;
            } else if (event.value() instanceof OutputReport o) {
                addedValue.merge(event.key(), o.getAddedValue(), Double::sum);
            }
        }

        assertThat(tally.enterpriseIds()).hasSize(20);
        assertThat(tally.totalEventCount()).isEqualTo(events.size());
        assertThat(tally.eventCount(EventKind.METER_READING)).isPositive();
        for (String id : tally.enterpriseIds()) {
            for (EventKind kind : EventKind.values()) {
                assertThat(tally.eventCount(id, kind)).isEqualTo(counts.get(id).getOrDefault(kind, 0L));
            }
            for (EnergyCarrier carrier : List.of(EnergyCarrier.ELECTRICITY, EnergyCarrier.GREEN_ELECTRICITY,
                    EnergyCarrier.HEAT, EnergyCarrier.STEAM)) {
                double expected = energy.get(id).getOrDefault(carrier, 0.0);
                assertThat(tally.energy(id, carrier)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
            for (FuelType type : FuelType.values()) {
                double expected = fuel.getOrDefault(id, Map.of()).getOrDefault(type, 0.0);
                assertThat(tally.fuel(id, type)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
            assertThat(tally.wastewaterM3(id)).isCloseTo(water.get(id)[0], within(1e-6));
            assertThat(tally.codKg(id)).isCloseTo(water.get(id)[1], within(1e-6));
            assertThat(tally.ammoniaNitrogenKg(id)).isCloseTo(water.get(id)[2], within(1e-6));
            assertThat(tally.addedValue(id)).isCloseTo(addedValue.get(id), within(1e-9));
        }
    }

    private static SimulatedEvent meter(String id, EnergyCarrier carrier, double quantity, String unit) {
        MeterReading reading = new MeterReading(id, "E0001", "E0001-M1", carrier, quantity, unit, START, END,
                DataFlag.N, null, "avro");
        return new SimulatedEvent(EventKind.METER_READING, "E0001", END, reading, EventDefect.NONE);
    }

    private static SimulatedEvent sample(String id, double volume, Double cod, Double nh3) {
        WastewaterSample sample = new WastewaterSample(id, "E0001", "E0001-W1", volume, DataFlag.N, cod,
                cod == null ? DataFlag.D : DataFlag.N, nh3, nh3 == null ? DataFlag.D : DataFlag.N, START, END,
                "avro");
        return new SimulatedEvent(EventKind.WASTEWATER_SAMPLE, "E0001", END, sample, EventDefect.NONE);
    }
}
