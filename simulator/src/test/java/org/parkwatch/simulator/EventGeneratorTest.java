package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.WastewaterSample;

class EventGeneratorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // Monday 2024-03-04 00:00 in Shanghai.
    private static final Instant MONDAY = ZonedDateTime.of(2024, 3, 4, 0, 0, 0, 0, SHANGHAI).toInstant();
    private static final ParkModel PARK = ParkModel.generate(ParkSettings.defaults(7));

    private static List<SimulatedEvent> generate(GeneratorSettings settings, Instant from, Duration span) {
        return new EventGenerator(PARK, settings).events(from, from.plus(span)).toList();
    }

    private static <T> Stream<T> values(List<SimulatedEvent> events, Class<T> type) {
        return events.stream().map(SimulatedEvent::value).filter(type::isInstance).map(type::cast);
    }

    @Test
    void shouldGenerateTheSameEventsForTheSameSeed() {
        GeneratorSettings settings = GeneratorSettings.defaults(7).withBadEventRate(0.05);
        List<SimulatedEvent> first = generate(settings, MONDAY, Duration.ofHours(6));
        List<SimulatedEvent> second = generate(settings, MONDAY, Duration.ofHours(6));
        List<SimulatedEvent> otherSeed = generate(GeneratorSettings.defaults(8).withBadEventRate(0.05), MONDAY,
                Duration.ofHours(6));

        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void shouldGenerateTheSameEventsWhetherAPeriodIsGeneratedWholeOrInParts() {
        EventGenerator generator = new EventGenerator(PARK, GeneratorSettings.defaults(7).withBadEventRate(0.05));
        Instant from = Instant.parse("2024-03-31T10:00:00Z");
        Instant cut = Instant.parse("2024-03-31T16:07:00Z");
        Instant to = Instant.parse("2024-03-31T20:00:00Z");

        List<SimulatedEvent> whole = generator.events(from, to).toList();
        List<SimulatedEvent> parts = Stream.concat(generator.events(from, cut), generator.events(cut, to)).toList();

        assertThat(parts).isEqualTo(whole);
    }

    @Test
    void shouldGiveEveryValidEventAUniqueStableId() {
        List<SimulatedEvent> events = generate(GeneratorSettings.defaults(7), MONDAY, Duration.ofDays(1));
        Set<String> ids = new HashSet<>();
        for (SimulatedEvent event : events) {
            String id = (String) event.value().get(0);
            assertThat(ids.add(id)).as("duplicate id %s", id).isTrue();
        }
        MeterReading first = values(events, MeterReading.class).findFirst().orElseThrow();
        assertThat(first.getEventId()).isEqualTo("E0001-M1-" + MONDAY.plus(Duration.ofMinutes(15)).toEpochMilli());
    }

    @Test
    void shouldKeepEveryIntervalOnItsGridAndInEventTimeOrder() {
        List<SimulatedEvent> events = generate(GeneratorSettings.defaults(7), MONDAY, Duration.ofHours(5));
        Instant previous = MONDAY;
        for (SimulatedEvent event : events) {
            assertThat(event.eventTime()).isAfter(MONDAY).isBeforeOrEqualTo(MONDAY.plus(Duration.ofHours(5)))
                    .isAfterOrEqualTo(previous);
            previous = event.eventTime();
        }
        values(events, MeterReading.class).forEach(r -> {
            assertThat(Duration.between(r.getIntervalStart(), r.getIntervalEnd())).isEqualTo(Duration.ofMinutes(15));
            assertThat(r.getIntervalEnd().toEpochMilli() % Duration.ofMinutes(15).toMillis()).isZero();
        });
        values(events, FuelConsumption.class).forEach(f -> {
            assertThat(Duration.between(f.getIntervalStart(), f.getIntervalEnd())).isEqualTo(Duration.ofHours(1));
            assertThat(f.getIntervalEnd().toEpochMilli() % Duration.ofHours(1).toMillis()).isZero();
        });
        values(events, WastewaterSample.class).forEach(w ->
                assertThat(Duration.between(w.getIntervalStart(), w.getIntervalEnd())).isEqualTo(Duration.ofHours(1)));
        assertThat(events).allSatisfy(e -> assertThat(e.key()).isEqualTo(e.value().get(1)));
    }

    @Test
    void shouldKeepDailyRecordsOnLocalDaysWithTheMeanLoadOfTheirHours() {
        GeneratorSettings daily = GeneratorSettings.defaults(7).withMeterInterval(Duration.ofDays(1))
                .withSampleInterval(Duration.ofDays(1)).withExcursions(ExcursionSettings.none());
        GeneratorSettings hourly = GeneratorSettings.defaults(7).withMeterInterval(Duration.ofHours(1))
                .withSampleInterval(Duration.ofHours(1)).withExcursions(ExcursionSettings.none());
        // From 06:00 on Monday to 06:00 on Wednesday (Shanghai): the records of Monday and of Tuesday end in it.
        List<SimulatedEvent> days = generate(daily, MONDAY.plus(Duration.ofHours(6)), Duration.ofHours(48));
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        Instant wednesday = MONDAY.plus(Duration.ofDays(2));

        assertThat(values(days, MeterReading.class).map(MeterReading::getIntervalStart).distinct())
                .containsExactly(MONDAY, tuesday);
        assertThat(values(days, MeterReading.class)).allSatisfy(r ->
                assertThat(Duration.between(r.getIntervalStart(), r.getIntervalEnd())).isEqualTo(Duration.ofDays(1)));
        assertThat(values(days, FuelConsumption.class).map(FuelConsumption::getIntervalEnd).distinct())
                .containsExactly(tuesday, wednesday);
        // A day's reading is 24 hours at the day's mean load factor: within the noise (x0.85 to x1.15 on either
        // side) of the 24 hourly readings' sum, whose own noise averages out.
        double day = values(days, MeterReading.class)
                .filter(r -> r.getMeterId().equals("E0001-M1") && r.getIntervalStart().equals(tuesday))
                .mapToDouble(MeterReading::getQuantity).sum();
        double hours = values(generate(hourly, tuesday, Duration.ofDays(1)), MeterReading.class)
                .filter(r -> r.getMeterId().equals("E0001-M1")).mapToDouble(MeterReading::getQuantity).sum();
        assertThat(day).isBetween(hours * 0.85 / 1.15 * 0.9, hours * 1.15 / 0.85 * 1.1);
    }

    @Test
    void shouldRefuseIntervalsThatNeitherDivideAnHourNorADay() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratorSettings.defaults(7)
                .withMeterInterval(Duration.ofHours(5))).hasMessageContaining("dividing a day");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratorSettings.defaults(7)
                .withSampleInterval(Duration.ofMinutes(90))).hasMessageContaining("dividing an hour");
    }

    @Test
    void shouldKeepQuantitiesPositiveAndWithinTheCitedMagnitudes() {
        List<SimulatedEvent> events = generate(GeneratorSettings.defaults(7).withExcursions(ExcursionSettings.none()),
                MONDAY, Duration.ofDays(7));
        // Bounds: the largest mean rate x the largest load-profile factor (day shift: 1.4 / 0.8156 = 1.72)
        // x the largest noise (1.15 for meters and fuels, 1.2 for wastewater), rounded up.
        values(events, MeterReading.class).forEach(r -> {
            double hours = 0.25;
            double perHour = r.getQuantity() / hours * switch (r.getUnit()) {
                case "kWh", "t", "GJ" -> 1.0;
                case "MWh" -> 1_000.0;
                case "10^4 kWh" -> 10_000.0;
                case "MJ" -> 0.001;
                default -> throw new AssertionError("unit " + r.getUnit());
            };
            assertThat(perHour).isPositive();
            switch (r.getCarrier()) {
                // Nothing above the 30-60 MW of a semiconductor fab (domain.md section 7).
                case ELECTRICITY, GREEN_ELECTRICITY -> assertThat(perHour).isLessThanOrEqualTo(60_000);
                case STEAM -> assertThat(perHour).isLessThanOrEqualTo(60 * 1.72 * 1.15);
                case HEAT -> assertThat(perHour).isLessThanOrEqualTo(15 * 1.72 * 1.15);
                default -> throw new AssertionError("carrier " + r.getCarrier());
            }
        });
        Map<FuelType, Double> maxFuelPerHour = Map.of(FuelType.RAW_COAL, 8.0, FuelType.WASHED_COAL, 6.0,
                FuelType.COKE, 3.0, FuelType.NATURAL_GAS, 5_000.0, FuelType.COKE_OVEN_GAS, 10_000.0,
                FuelType.DIESEL, 0.3, FuelType.FUEL_OIL, 3.0, FuelType.LPG, 0.5, FuelType.REFINERY_DRY_GAS, 5.0);
        values(events, FuelConsumption.class).forEach(f -> {
            double canonical = f.getQuantity() * switch (f.getUnit()) {
                case "t", "Nm3" -> 1.0;
                case "kg" -> 0.001;
                case "10^4 Nm3" -> 10_000.0;
                default -> throw new AssertionError("unit " + f.getUnit());
            };
            assertThat(canonical).isPositive().isLessThanOrEqualTo(maxFuelPerHour.get(f.getFuel()) * 1.72 * 1.15);
            if (f.getSulfurPercent() != null) {
                // Coal at most 3 % S (domain.md section 3).
                assertThat(f.getSulfurPercent()).isPositive().isLessThanOrEqualTo(3.0);
            }
            if (f.getDesulfurizationPercent() != null) {
                assertThat(f.getDesulfurizationPercent()).isBetween(83.5, 99.5);
            }
        });
        values(events, WastewaterSample.class).forEach(w -> {
            OutletSpec outlet = outlet(w.getOutletId());
            // At most 3 000 m3/day per outlet, ~2x the 1 512 m3/day of the HJ 212 example (domain.md section 7).
            assertThat(w.getVolumeM3()).isPositive().isLessThanOrEqualTo(3_000 / 24.0 * 1.72 * 1.2);
            if (w.getCodMgPerL() != null) {
                assertThat(w.getCodMgPerL()).isPositive().isLessThan(outlet.codLimitMgPerL());
            }
            if (w.getAmmoniaNitrogenMgPerL() != null) {
                double limit = outlet.ammoniaNitrogenLimitMgPerL() == null ? 35 * 1.2
                        : outlet.ammoniaNitrogenLimitMgPerL();
                assertThat(w.getAmmoniaNitrogenMgPerL()).isPositive().isLessThan(limit);
            }
        });
    }

    @Test
    void shouldReportInSeveralUnitsSoThatThePipelineConverts() {
        List<SimulatedEvent> events = generate(GeneratorSettings.defaults(7), MONDAY, Duration.ofHours(1));

        assertThat(values(events, MeterReading.class).map(MeterReading::getUnit).collect(Collectors.toSet()))
                .contains("kWh", "MWh", "10^4 kWh", "t");
        assertThat(values(events, FuelConsumption.class).map(FuelConsumption::getUnit).collect(Collectors.toSet()))
                .contains("t", "kg", "Nm3", "10^4 Nm3");
        assertThat(values(events, MeterReading.class).filter(r -> r.getCarrier() == EnergyCarrier.STEAM))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getSteamEnthalpyKjPerKg()).isBetween(2_673.0, 3_333.0));
    }

    @Test
    void shouldLeaveTheConcentrationOutWhenAnAnalyserHasNoValidValue() {
        List<WastewaterSample> samples = values(generate(GeneratorSettings.defaults(7)
                .withAnalyserGapProbability(0.5), MONDAY, Duration.ofDays(1)), WastewaterSample.class).toList();

        assertThat(samples).allSatisfy(w -> {
            assertThat(w.getVolumeFlag()).isEqualTo(DataFlag.N);
            assertThat(w.getCodMgPerL() == null).isEqualTo(w.getCodFlag() != DataFlag.N);
            assertThat(w.getAmmoniaNitrogenMgPerL() == null).isEqualTo(w.getAmmoniaNitrogenFlag() != DataFlag.N);
        });
        assertThat(samples.stream().map(WastewaterSample::getCodFlag).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(DataFlag.N, DataFlag.D, DataFlag.M, DataFlag.B);
        assertThat(values(generate(GeneratorSettings.defaults(7).withAnalyserGapProbability(0), MONDAY,
                Duration.ofDays(1)), WastewaterSample.class))
                .allSatisfy(w -> assertThat(w.getCodFlag()).isEqualTo(DataFlag.N));
    }

    @Test
    void shouldPutEveryOutletAboveItsCodLimitForThreeToSixHoursADayWhenSpikesAreCertain() {
        GeneratorSettings settings = GeneratorSettings.defaults(7).withAnalyserGapProbability(0)
                .withExcursions(new ExcursionSettings(1, 0, 0));
        Map<String, Long> hoursOverLimit = values(generate(settings, MONDAY, Duration.ofDays(3)),
                WastewaterSample.class)
                .filter(w -> w.getCodMgPerL() > outlet(w.getOutletId()).codLimitMgPerL())
                .collect(Collectors.groupingBy(WastewaterSample::getOutletId, Collectors.counting()));

        long outlets = PARK.enterprises().stream().mapToLong(e -> e.outlets().size()).sum();
        assertThat(hoursOverLimit).hasSize((int) outlets);
        // A spike a day of 3-6 h; over 3 days at least 3 days x 3 h minus what spilled over from the day before.
        assertThat(hoursOverLimit.values()).allSatisfy(h -> assertThat(h).isBetween(6L, 24L));
    }

    @Test
    void shouldDropDesulfurizationToZeroWhenFailuresAreCertain() {
        GeneratorSettings certain = GeneratorSettings.defaults(7).withExcursions(new ExcursionSettings(0, 1, 0));
        GeneratorSettings never = GeneratorSettings.defaults(7).withExcursions(ExcursionSettings.none());
        Set<String> unitsWithFgd = PARK.enterprises().stream().flatMap(e -> e.combustionUnits().stream())
                .filter(u -> u.desulfurizationPercent() != null).map(CombustionUnitSpec::unitId)
                .collect(Collectors.toSet());

        Set<String> failed = values(generate(certain, MONDAY, Duration.ofDays(2)), FuelConsumption.class)
                .filter(f -> f.getDesulfurizationPercent() != null && f.getDesulfurizationPercent() == 0.0)
                .map(FuelConsumption::getUnitId).collect(Collectors.toSet());

        assertThat(unitsWithFgd).isNotEmpty();
        assertThat(failed).isEqualTo(unitsWithFgd);
        assertThat(values(generate(never, MONDAY, Duration.ofDays(2)), FuelConsumption.class)
                .filter(f -> f.getDesulfurizationPercent() != null))
                .allSatisfy(f -> assertThat(f.getDesulfurizationPercent()).isPositive());
    }

    @Test
    void shouldReportMonthlyAddedValueAtLocalMonthEndsAndLowMonthsWhenCertain() {
        // April 2024 starts at 2024-03-31T16:00Z in Shanghai; March has 31 x 24 = 744 hours.
        Instant from = Instant.parse("2024-03-31T15:00:00Z");
        Duration span = Duration.ofHours(2);
        List<OutputReport> normal = values(generate(GeneratorSettings.defaults(7)
                .withExcursions(ExcursionSettings.none()), from, span), OutputReport.class).toList();
        List<OutputReport> low = values(generate(GeneratorSettings.defaults(7)
                .withExcursions(new ExcursionSettings(0, 0, 1)), from, span), OutputReport.class).toList();

        assertThat(normal).hasSize(50);
        for (OutputReport report : normal) {
            assertThat(report.getPeriodStart()).isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
            assertThat(report.getPeriodEnd()).isEqualTo(Instant.parse("2024-03-31T16:00:00Z"));
            assertThat(report.getReportedAt()).isEqualTo(report.getPeriodEnd());
            double nominal = PARK.enterprise(report.getEnterpriseId()).annualAddedValue() * 744 / 8760;
            assertThat(report.getAddedValue()).isBetween(0.95 * nominal - 0.05, 1.05 * nominal + 0.05);
        }
        for (OutputReport report : low) {
            double nominal = PARK.enterprise(report.getEnterpriseId()).annualAddedValue() * 744 / 8760;
            assertThat(report.getAddedValue()).isBetween(0.95 * 0.3 * nominal - 0.05, 1.05 * 0.5 * nominal + 0.05);
        }
    }

    @Test
    void shouldFollowValidEventsWithBadOnesAtTheConfiguredRate() {
        List<SimulatedEvent> events = generate(GeneratorSettings.defaults(7).withBadEventRate(0.1), MONDAY,
                Duration.ofDays(1));
        long valid = events.stream().filter(e -> e.defect() == EventDefect.NONE
                && e.kind() != EventKind.OUTPUT_REPORT).count();
        List<SimulatedEvent> bad = events.stream().filter(e -> e.defect() != EventDefect.NONE).toList();

        assertThat((double) bad.size() / valid).isBetween(0.09, 0.11);
        assertThat(bad.stream().map(SimulatedEvent::defect).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(EventDefect.NEGATIVE_QUANTITY, EventDefect.UNKNOWN_UNIT,
                        EventDefect.DUPLICATE_RESEND);
        for (int i = 0; i < events.size(); i++) {
            SimulatedEvent event = events.get(i);
            if (event.defect() == EventDefect.NONE) {
                continue;
            }
            SimulatedEvent original = events.get(i - 1);
            String originalId = (String) original.value().get(0);
            String badId = (String) event.value().get(0);
            switch (event.defect()) {
                case DUPLICATE_RESEND -> assertThat(event.value()).isEqualTo(original.value());
                case NEGATIVE_QUANTITY -> {
                    assertThat(badId).isEqualTo(originalId + "-bad-negative");
                    double quantity = event.value() instanceof WastewaterSample w ? w.getVolumeM3()
                            : (Double) event.value().get(4);
                    assertThat(quantity).isNegative();
                }
                case UNKNOWN_UNIT -> {
                    assertThat(badId).isEqualTo(originalId + "-bad-unit");
                    assertThat((String) event.value().get(5)).isIn("MMBtu", "lb");
                }
                default -> throw new AssertionError(event.defect());
            }
        }
        assertThat(generate(GeneratorSettings.defaults(7), MONDAY, Duration.ofDays(1)))
                .allSatisfy(e -> assertThat(e.defect()).isEqualTo(EventDefect.NONE));
    }

    private static OutletSpec outlet(String outletId) {
        return PARK.enterprises().stream().flatMap(e -> e.outlets().stream())
                .filter(o -> o.outletId().equals(outletId)).findFirst().orElseThrow();
    }
}
