package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.parkwatch.topology.PipelineFixture.electricity;
import static org.parkwatch.topology.PipelineFixture.local;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.pricing.FactorHistory;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.restatement.EffectiveLedger;
import org.parkwatch.restatement.Restater;

/**
 * A grid factor published for a past year restates every entry it should have priced: the corrections the restate
 * command plans are accounted by the pipeline, the closed windows move and are published again with reason
 * RESTATEMENT, and the figures equal a fresh replay of the same inputs with the new factor; the alerts of the closed
 * windows it moves are judged again.
 *
 * <p>By hand: 2023 electricity in the EAST grid is priced with the 2022 factor, 0.5617 tCO2/MWh, the latest
 * published when it is accounted. The 2023 factor, 0.5500 tCO2/MWh, is published later (as it was, in January
 * 2026): 1 000 kWh moves from 561 700 000 mg to 550 000 000 mg of CO2 (location-based), 500 kWh from 280 850 000 mg
 * to 275 000 000 mg. Market-based CO2 and energy use other factors and do not move.
 */
class RestatementTopologyTest {

    private static final double GRID_2023 = 0.55;

    /** The inputs: E1 and E2 on 1 March 2023, then E1 on 5 March, which closes every window of 1 March. */
    private static void inputs(PipelineFixture p) {
        p.meter("E1", electricity("e1-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
        p.meter("E2", electricity("e2-1", "E2", "2023-03-01T10:00", "2023-03-01T11:00", 500, "kWh").build());
        p.meter("E1", electricity("e1-2", "E1", "2023-03-05T10:00", "2023-03-05T11:00", 1000, "kWh").build());
        p.publishTotals();
    }

    /** A park whose 2023 EAST grid factor is not published yet, plus {@code factors}. */
    private static PipelineFixture park(Consumer<PipelineFixture> factors) {
        PipelineFixture p = new PipelineFixture();
        p.standardFactors();
        p.factors.pipeInput(FactorRecordKey.of("grid.location.EAST", local("2023-01-01T00:00")), null);
        factors.accept(p);
        p.enterprise("E1", "park-1", GridRegion.EAST);
        p.enterprise("E2", "park-1", GridRegion.EAST);
        return p;
    }

    @Test
    void shouldRestatePastActivityToTheFiguresOfAFreshReplayWithTheNewFactor() {
        try (PipelineFixture restated = park(p -> { });
             PipelineFixture replayed = park(p -> p.factor("grid.location.EAST", "2023-01-01T00:00", GRID_2023,
                     "tCO2/MWh", Map.of()))) {
            inputs(restated);
            String e1Day = "E1:DAY:" + local("2023-03-01T00:00");
            List<EmissionEntry> firstLedger = restated.ledger.readValuesToList();
            Map<String, EmissionTotals> before = last(restated.enterpriseTotals.readValuesToList());
            Map<String, EmissionTotals> parkBefore = last(restated.parkTotals.readValuesToList());
            assertThat(before.get(e1Day).getTotals().getCo2Scope2LocationMg()).isEqualTo(561_700_000L);

            // the 2023 factor is published; the restatement is planned from the ledger and accounted
            restated.factor("grid.location.EAST", "2023-01-01T00:00", GRID_2023, "tCO2/MWh", Map.of());
            EffectiveLedger ledger = new EffectiveLedger();
            firstLedger.forEach(ledger::add);
            Restater.Plan plan = plan(ledger);
            assertThat(plan.corrections()).extracting(LedgerCorrection::getEventId)
                    .containsExactlyInAnyOrder("e1-1", "e2-1", "e1-2");
            plan.corrections().forEach(c -> restated.corrections.pipeInput(c.getEnterpriseId(), c));
            restated.publishTotals();
            inputs(replayed);

            // the ledger is appended to, never rewritten: per event, the location-based line reversed and restated
            List<EmissionEntry> appended = restated.ledger.readValuesToList();
            assertThat(appended).hasSize(6);
            EmissionEntry reversal = appended.stream().filter(e -> e.getEventId().equals("e1-1")
                    && e.getCorrection().getKind() == CorrectionKind.REVERSAL).findFirst().orElseThrow();
            assertThat(reversal.getAmountMg()).isEqualTo(-561_700_000L);
            assertThat(reversal.getCorrection().getCorrectsEntryId()).isEqualTo("e1-1:CO2:SCOPE2_LOCATION");
            EmissionEntry restatedLine = appended.stream().filter(e -> e.getEventId().equals("e1-1")
                    && e.getCorrection().getKind() == CorrectionKind.RESTATED).findFirst().orElseThrow();
            assertThat(restatedLine.getAmountMg()).isEqualTo(550_000_000L);
            assertThat(restatedLine.getFactors()).singleElement()
                    .satisfies(f -> assertThat(f.getValue()).isEqualTo(GRID_2023));

            Map<String, EmissionTotals> after = new LinkedHashMap<>(before);
            after.putAll(last(restated.enterpriseTotals.readValuesToList()));
            Map<String, EmissionTotals> parkAfter = new LinkedHashMap<>(parkBefore);
            parkAfter.putAll(last(restated.parkTotals.readValuesToList()));
            EmissionTotals day = after.get(e1Day);
            assertThat(day.getClosed()).isTrue();
            assertThat(day.getRevision()).isEqualTo(1);
            assertThat(day.getRevisionReason()).isEqualTo("RESTATEMENT");
            assertThat(day.getTotals().getCo2Scope2LocationMg()).isEqualTo(550_000_000L);
            assertThat(day.getTotals().getCo2Scope2MarketMg())
                    .isEqualTo(before.get(e1Day).getTotals().getCo2Scope2MarketMg());
            EmissionTotals parkDay = parkAfter.get("park-1:DAY:" + local("2023-03-01T00:00"));
            assertThat(parkDay.getTotals().getCo2Scope2LocationMg()).isEqualTo(550_000_000L + 275_000_000L);
            assertThat(parkDay.getRevisionReason()).isEqualTo("RESTATEMENT");

            // to the milligram, counts included, every window of both levels equals the fresh replay's
            assertThat(totalsOf(after)).isEqualTo(totalsOf(last(replayed.enterpriseTotals.readValuesToList())));
            assertThat(totalsOf(parkAfter))
                    .isEqualTo(totalsOf(last(replayed.parkTotals.readValuesToList())));
        }
    }

    @Test
    void shouldChangeNothingWhenRestatedTwice() {
        try (PipelineFixture p = park(f -> { })) {
            inputs(p);
            EffectiveLedger ledger = new EffectiveLedger();
            p.ledger.readValuesToList().forEach(ledger::add);
            p.factor("grid.location.EAST", "2023-01-01T00:00", GRID_2023, "tCO2/MWh", Map.of());
            Restater.Plan first = plan(ledger);
            first.corrections().forEach(c -> p.corrections.pipeInput(c.getEnterpriseId(), c));
            p.publishTotals();
            p.ledger.readValuesToList().forEach(ledger::add);
            Map<String, EmissionTotals> once = last(p.enterpriseTotals.readValuesToList());

            // planned again from the ledger as it now stands: nothing is due
            assertThat(plan(ledger).corrections()).isEmpty();
            // and the same corrections sent twice (a second run before the first was accounted) are applied once
            first.corrections().forEach(c -> p.corrections.pipeInput(c.getEnterpriseId(), c));
            p.publishTotals();
            assertThat(p.ledger.readValuesToList()).isEmpty();
            assertThat(p.enterpriseTotals.readValuesToList()).isEmpty();
            assertThat(once.get("E1:DAY:" + local("2023-03-01T00:00")).getTotals().getCo2Scope2LocationMg())
                    .isEqualTo(550_000_000L);
        }
    }

    @Test
    void shouldRefuseACorrectionThatDoesNotSayWhatItCorrects() {
        try (PipelineFixture p = park(f -> { })) {
            inputs(p);
            EffectiveLedger ledger = new EffectiveLedger();
            p.ledger.readValuesToList().forEach(ledger::add);
            p.factor("grid.location.EAST", "2023-01-01T00:00", GRID_2023, "tCO2/MWh", Map.of());
            LedgerCorrection good = plan(ledger).corrections().get(0);
            LedgerCorrection forged = LedgerCorrection.newBuilder(good).setEntries(good.getEntries().stream()
                    .map(e -> EmissionEntry.newBuilder(e).setCorrection(null).build()).toList()).build();
            p.corrections.pipeInput(forged.getEnterpriseId(), forged);
            p.publishTotals();
            assertThat(p.deadLetters.readValuesToList()).singleElement()
                    .satisfies(d -> assertThat(d.getReason()).isEqualTo(RejectReason.INVALID_CORRECTION));
            assertThat(p.ledger.readValuesToList()).isEmpty();
        }
    }

    @Test
    void shouldRaiseAnAlertOnAClosedDayThatARestatementPushesOverItsLimitAndSaySo() {
        try (PipelineFixture p = new PipelineFixture()) {
            p.standardFactors();
            p.enterprise("E1", "park-1", GridRegion.EAST);
            // E1 adds 5.8 (10^4 RMB) on 1 March; day intensity limit 0.1 tCO2 per 10^4 RMB
            p.iav("iav-1", "E1", "2023-03-01T00:00", "2023-03-02T00:00", 5.8, Instant.parse("2023-03-02T00:00:00Z"));
            p.rule(ThresholdRule.newBuilder().setRuleId("e-day-co2").setVersion(1)
                    .setScopeType(SubjectType.ENTERPRISE).setScopeId("*").setMetric("co2.intensity.location")
                    .setWindow(WindowKind.DAY).setLimit(0.1).setClearLevel(0.07).setUnit("tCO2/10^4 RMB")
                    .setMinDurationMs(0).setMinConsecutive(1).setEnabled(true).setSource("test rule").build());
            p.refreshRules();
            p.meter("E1", electricity("e1-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1000, "kWh").build());
            p.meter("E1", electricity("e1-2", "E1", "2023-03-03T10:00", "2023-03-03T11:00", 1000, "kWh").build());
            p.publishTotals();
            // closed at 0.55 t / 5.8 = 0.0948: no alert
            assertThat(p.alerts.readValuesToList()).isEmpty();
            EffectiveLedger ledger = new EffectiveLedger();
            p.ledger.readValuesToList().forEach(ledger::add);

            // the 2023 factor is corrected to 0.6 tCO2/MWh (same validFrom) and restated: 0.6 / 5.8 = 0.1034 >= 0.1
            p.factor("grid.location.EAST", "2023-01-01T00:00", 0.6, "tCO2/MWh", Map.of());
            FactorHistory corrected = FactorHistory.of(List.of(new FactorVersion("grid.location.EAST",
                    local("2023-01-01T00:00"), 0.6, "tCO2/MWh", Map.of(), "test factor")));
            new Restater(new LedgerRepricer()).plan(ledger, corrected, new Restater.Request("r-2",
                            "grid.location.EAST", null, null, "test", Instant.parse("2026-01-20T00:00:00Z")))
                    .corrections().forEach(c -> p.corrections.pipeInput(c.getEnterpriseId(), c));
            p.publishTotals();

            List<Alert> alerts = p.alerts.readValuesToList();
            assertThat(alerts).extracting(Alert::getState, Alert::getCause)
                    .containsExactly(tuple(AlertState.OPEN, "REVISION"), tuple(AlertState.RESOLVED, "WINDOW_CLOSED"));
            Alert raised = alerts.get(0);
            assertThat(raised.getValue()).isCloseTo(0.6 / 5.8, within(1e-12));
            assertThat(raised.getWindowStart()).isEqualTo(local("2023-03-01T00:00"));
            assertThat(raised.getEvidence()).containsEntry("revision", "1")
                    .containsEntry("revisionReason", "RESTATEMENT");
        }
    }

    private static Restater.Plan plan(EffectiveLedger ledger) {
        FactorHistory inForce = FactorHistory.of(List.of(
                new FactorVersion("grid.location.EAST", local("2022-01-01T00:00"), 0.5617, "tCO2/MWh", Map.of(),
                        "test factor"),
                new FactorVersion("grid.location.EAST", local("2023-01-01T00:00"), GRID_2023, "tCO2/MWh", Map.of(),
                        "test factor")));
        return new Restater(new LedgerRepricer()).plan(ledger, inForce, new Restater.Request("r-1",
                "grid.location.EAST", null, null, "test", Instant.parse("2026-01-20T00:00:00Z")));
    }

    private static Map<String, Object> totalsOf(Map<String, EmissionTotals> windows) {
        Map<String, Object> totals = new LinkedHashMap<>();
        windows.forEach((k, t) -> totals.put(k, t.getTotals()));
        return new java.util.TreeMap<>(totals);
    }

    private static Map<String, EmissionTotals> last(List<EmissionTotals> published) {
        Map<String, EmissionTotals> last = new LinkedHashMap<>();
        published.forEach(t -> last.put(t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart(), t));
        return last;
    }
}
