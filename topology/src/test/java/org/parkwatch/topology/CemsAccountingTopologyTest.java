package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionMethod;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;

/**
 * Flue gas measured by a stack's CEMS is accounted as measured, and the SO2 of the stack is never counted twice:
 * the fuel mass balance of boiler B1 (on stack S1) counts only for the hours the CEMS did not measure validly,
 * whichever arrives first.
 *
 * <p>By hand, with the test coal factor (S 1 % by default, D = 0.8): 10 t of raw coal burnt 10:00-12:00 give
 * SO2 = 2 x 10 t x 0.01 x 0.8 x (1 - 0) = 0.16 t = 160 000 000 mg, 80 000 000 mg in each of the two hours. The CEMS
 * measures 70 kg of SO2 in the first hour and 75 kg in the second; NOx 30 kg and 32 kg; particulate 5 kg and 6 kg.
 */
class CemsAccountingTopologyTest {

    private static final String DAY = "E1:DAY:" + local("2023-03-01T00:00");

    private static void coal(PipelineFixture p, String eventId, String from, String to, double tonnes) {
        p.fuels.pipeInput(new TestRecord<>("E1", FuelConsumption.newBuilder().setEventId(eventId).setEnterpriseId("E1")
                .setUnitId("B1").setFuel(FuelType.RAW_COAL).setQuantity(tonnes).setUnit("t")
                .setIntervalStart(local(from)).setIntervalEnd(local(to)).build(), PipelineFixture.NOW));
    }

    private static FlueGasSample.Builder cems(String eventId, String from, String to, double so2Kg, DataFlag so2Flag,
                                              double noxKg, double particulateKg) {
        return FlueGasSample.newBuilder().setEventId(eventId).setEnterpriseId("E1").setStackId("S1")
                .setFlowM3(200_000.0).setO2Percent(9.0)
                .setSo2(new StackPollutant(350.0, 380.0, so2Kg, so2Flag))
                .setNox(new StackPollutant(150.0, 160.0, noxKg, DataFlag.N))
                .setParticulate(new StackPollutant(25.0, 27.0, particulateKg, DataFlag.N))
                .setIntervalStart(local(from)).setIntervalEnd(local(to)).setSource("hj212");
    }

    private static void send(PipelineFixture p, FlueGasSample.Builder sample) {
        p.flueGas.pipeInput(new TestRecord<>("E1", sample.build(), PipelineFixture.NOW));
    }

    private static PipelineFixture park() {
        PipelineFixture p = new PipelineFixture();
        p.standardFactors();
        p.enterpriseWithStack("E1", "park-1", GridRegion.EAST);
        return p;
    }

    /** The fuel event and the two CEMS hours, as steps that can be sent in any order. */
    private static List<Consumer<PipelineFixture>> twoMeasuredHours() {
        return List.of(
                p -> coal(p, "f-1", "2023-03-01T10:00", "2023-03-01T12:00", 10),
                p -> send(p, cems("c-10", "2023-03-01T10:00", "2023-03-01T11:00", 70, DataFlag.N, 30, 5)),
                p -> send(p, cems("c-11", "2023-03-01T11:00", "2023-03-01T12:00", 75, DataFlag.N, 32, 6)));
    }

    @Test
    void shouldAccountTheStackFromItsCemsAndKeepTheMassBalanceOnlyAsTheSubstitute() {
        try (PipelineFixture p = park()) {
            twoMeasuredHours().forEach(step -> step.accept(p));
            p.publishTotals();

            List<EmissionEntry> ledger = p.ledger.readValuesToList();
            EmissionEntry balance = ledger.stream().filter(e -> e.getEventId().equals("f-1")
                    && e.getPollutant() == Pollutant.SO2 && e.getCorrection() == null).findFirst().orElseThrow();
            assertThat(balance.getAmountMg()).isEqualTo(160_000_000L);
            assertThat(balance.getMethod()).isEqualTo(EmissionMethod.MASS_BALANCE);
            assertThat(balance.getEstimated()).isTrue();
            assertThat(balance.getEstimationReason()).startsWith("CEMS substitute").contains("stack S1");
            assertThat(ledger).filteredOn(e -> e.getCorrection() != null)
                    .allSatisfy(e -> {
                        assertThat(e.getCorrection().getKind()).isEqualTo(CorrectionKind.CEMS_SUPERSEDED);
                        assertThat(e.getCorrection().getCorrectsEntryId()).isEqualTo(balance.getEntryId());
                    })
                    .extracting(EmissionEntry::getAmountMg).containsExactlyInAnyOrder(-80_000_000L, -80_000_000L);
            assertThat(ledger).filteredOn(e -> e.getMethod() == EmissionMethod.CEMS)
                    .extracting(EmissionEntry::getPollutant, EmissionEntry::getAmountMg)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Pollutant.SO2, 70_000_000L),
                            org.assertj.core.groups.Tuple.tuple(Pollutant.NOX, 30_000_000L),
                            org.assertj.core.groups.Tuple.tuple(Pollutant.PARTICULATE, 5_000_000L),
                            org.assertj.core.groups.Tuple.tuple(Pollutant.SO2, 75_000_000L),
                            org.assertj.core.groups.Tuple.tuple(Pollutant.NOX, 32_000_000L),
                            org.assertj.core.groups.Tuple.tuple(Pollutant.PARTICULATE, 6_000_000L));

            EmissionTotals day = last(p.enterpriseTotals.readValuesToList()).get(DAY);
            // SO2 = 70 + 75 kg measured; the balance (160 kg) is taken out hour by hour, 80 + 80 kg
            assertThat(day.getTotals().getSo2Mg()).isEqualTo(145_000_000L);
            assertThat(day.getTotals().getNoxMg()).isEqualTo(62_000_000L);
            assertThat(day.getTotals().getParticulateMg()).isEqualTo(11_000_000L);
            // coal CO2 (as AccountingTopologyTest): 10 t x 20.908 x 0.02637 x 0.94 x 44/12 = 19 002 988 488 mg
            assertThat(day.getTotals().getCo2Scope1Mg()).isEqualTo(19_002_988_488L);
            // entries: the balance's CO2, SO2 and energy, six CEMS lines; the supersessions count none
            assertThat(day.getTotals().getEntryCount()).isEqualTo(9);
            assertThat(day.getTotals().getEstimatedEntryCount()).isEqualTo(1);
            assertThat(p.metrics.counter("parkwatch.cems.superseded.hours").count()).isEqualTo(2.0);
        }
    }

    @Test
    void shouldGiveTheSameTotalsInEveryArrivalOrder() {
        List<Consumer<PipelineFixture>> steps = twoMeasuredHours();
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0),
                List.of(2, 0, 1), List.of(2, 1, 0))) {
            try (PipelineFixture p = park()) {
                order.forEach(i -> steps.get(i).accept(p));
                p.publishTotals();
                EmissionTotals day = last(p.enterpriseTotals.readValuesToList()).get(DAY);
                assertThat(day.getTotals().getSo2Mg()).as("order %s", order).isEqualTo(145_000_000L);
                assertThat(day.getTotals().getEntryCount()).as("order %s", order).isEqualTo(9);
                EmissionTotals parkDay = last(p.parkTotals.readValuesToList())
                        .get("park-1:DAY:" + local("2023-03-01T00:00"));
                assertThat(parkDay.getTotals().getSo2Mg()).as("order %s", order).isEqualTo(145_000_000L);
                // the ledger sums to the totals, supersessions included
                long so2 = p.ledger.readValuesToList().stream().filter(e -> e.getPollutant() == Pollutant.SO2)
                        .mapToLong(EmissionEntry::getAmountMg).sum();
                assertThat(so2).as("order %s", order).isEqualTo(145_000_000L);
            }
        }
    }

    @Test
    void shouldLetTheMassBalanceStandInForAnHourTheCemsFlaggedInvalid() {
        for (boolean fuelFirst : new boolean[] {true, false}) {
            try (PipelineFixture p = park()) {
                Consumer<PipelineFixture> fuel = q -> coal(q, "f-1", "2023-03-01T10:00", "2023-03-01T12:00", 10);
                if (fuelFirst) {
                    fuel.accept(p);
                }
                send(p, cems("c-10", "2023-03-01T10:00", "2023-03-01T11:00", 70, DataFlag.N, 30, 5));
                // the SO2 analyser was faulty in the second hour (flag D): its value is not a measurement
                send(p, cems("c-11", "2023-03-01T11:00", "2023-03-01T12:00", 999, DataFlag.D, 32, 6));
                if (!fuelFirst) {
                    fuel.accept(p);
                }
                p.publishTotals();

                EmissionTotals day = last(p.enterpriseTotals.readValuesToList()).get(DAY);
                // 70 kg measured in the first hour, the balance's 80 kg for the second
                assertThat(day.getTotals().getSo2Mg()).as("fuel first: %s", fuelFirst).isEqualTo(150_000_000L);
                assertThat(day.getTotals().getNoxMg()).isEqualTo(62_000_000L);
                assertThat(p.ledger.readValuesToList()).filteredOn(e -> e.getCorrection() != null)
                        .extracting(EmissionEntry::getAmountMg).containsExactly(-80_000_000L);
            }
        }
    }

    @Test
    void shouldSplitADayOfFuelOverItsHoursAndTakeOutOnlyTheMeasuredOnes() {
        try (PipelineFixture p = park()) {
            // 24 t over the day: SO2 = 2 x 24 x 0.01 x 0.8 = 0.384 t = 384 kg, 16 kg an hour
            coal(p, "f-day", "2023-03-01T00:00", "2023-03-02T00:00", 24);
            send(p, cems("c-10", "2023-03-01T10:00", "2023-03-01T11:00", 15, DataFlag.N, 1, 1));
            send(p, cems("c-11", "2023-03-01T11:00", "2023-03-01T12:00", 15, DataFlag.N, 1, 1));
            send(p, cems("c-12", "2023-03-01T12:00", "2023-03-01T13:00", 15, DataFlag.N, 1, 1));
            p.publishTotals();

            EmissionTotals day = last(p.enterpriseTotals.readValuesToList()).get(DAY);
            // 384 - 3 x 16 + 3 x 15 = 381 kg
            assertThat(day.getTotals().getSo2Mg()).isEqualTo(381_000_000L);
        }
    }

    @Test
    void shouldRefuseASampleOfAnUnregisteredStackOrOfPartHours() {
        try (PipelineFixture p = park()) {
            send(p, cems("c-x", "2023-03-01T10:00", "2023-03-01T11:00", 70, DataFlag.N, 30, 5).setStackId("S9"));
            send(p, cems("c-y", "2023-03-01T10:00", "2023-03-01T10:30", 35, DataFlag.N, 15, 2));

            assertThat(p.deadLetters.readValuesToList())
                    .extracting(d -> d.getReason(), d -> d.getEventId())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(RejectReason.UNKNOWN_STACK, "c-x"),
                            org.assertj.core.groups.Tuple.tuple(RejectReason.INVALID_INTERVAL, "c-y"));
            assertThat(p.ledger.readValuesToList()).isEmpty();
        }
    }

    @Test
    void shouldAlertOnAStackOverItsLimitOnTheConvertedConcentration() {
        try (PipelineFixture p = park()) {
            p.rule(ThresholdRule.newBuilder().setRuleId("default.gb13271.so2.concentration").setVersion(1)
                    .setScopeType(SubjectType.OUTLET).setScopeId("*").setMetric("so2.stack.concentration.ratio")
                    .setWindow(WindowKind.SAMPLE).setWarningLevel(0.9).setLimit(1.0).setClearLevel(0.85)
                    .setUnit("ratio of the stack's SO2 limit").setMinDurationMs(0).setMinConsecutive(1)
                    .setEnabled(true).setSource("test copy of the default rule").build());
            p.refreshRules();
            // converted SO2 440 mg/m3 against the stack's 400: ratio 1.1; then 300 / 400 = 0.75, below 0.85
            FlueGasSample.Builder over = cems("c-10", "2023-03-01T10:00", "2023-03-01T11:00", 70, DataFlag.N, 30, 5);
            over.setSo2(new StackPollutant(410.0, 440.0, 70.0, DataFlag.N));
            send(p, over);
            FlueGasSample.Builder under = cems("c-11", "2023-03-01T11:00", "2023-03-01T12:00", 60, DataFlag.N, 30, 5);
            under.setSo2(new StackPollutant(280.0, 300.0, 60.0, DataFlag.N));
            send(p, under);

            List<Alert> alerts = p.alerts.readValuesToList();
            assertThat(alerts).extracting(Alert::getState, Alert::getSeverity, Alert::getValue).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, AlertSeverity.CRITICAL, 1.1),
                    org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, AlertSeverity.CRITICAL, 0.75));
            Alert opened = alerts.get(0);
            assertThat(opened.getSubjectType()).isEqualTo(SubjectType.OUTLET);
            assertThat(opened.getSubjectId()).contains("S1");
            assertThat(opened.getEvidence()).containsEntry("stackLimitMgPerM3", "400.0")
                    .containsEntry("convertedConcentrationMgPerM3", "440.0");
        }
    }

    @Test
    void shouldForgetStackHoursOnceBothInputsAreBeyondTheBackfillHorizon() {
        try (PipelineFixture p = park()) {
            coal(p, "f-1", "2023-03-01T10:00", "2023-03-01T12:00", 10);
            send(p, cems("c-10", "2023-03-01T10:00", "2023-03-01T11:00", 70, DataFlag.N, 30, 5));
            var hours = p.driver.<String, org.parkwatch.avro.internal.StackHourState>getKeyValueStore(
                    StoreNames.STACK_HOURS);
            assertThat(count(hours)).isEqualTo(2);

            // both inputs move on by 60 days, beyond the 40-day backfill horizon of March's hours
            coal(p, "f-2", "2023-04-30T10:00", "2023-04-30T11:00", 1);
            send(p, cems("c-20", "2023-04-30T10:00", "2023-04-30T11:00", 7, DataFlag.N, 3, 1));
            p.driver.advanceWallClockTime(ActivityAccountingProcessor.STACK_HOURS_PURGE);

            assertThat(count(hours)).as("only April's hour is kept").isEqualTo(1);
        }
    }

    private static int count(org.apache.kafka.streams.state.KeyValueStore<String, ?> store) {
        int n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static Map<String, EmissionTotals> last(List<EmissionTotals> published) {
        Map<String, EmissionTotals> last = new LinkedHashMap<>();
        published.forEach(t -> last.put(t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart(), t));
        return last;
    }
}
