package org.parkwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkwatch.report.PeriodReport.SubjectReport;
import org.parkwatch.report.PeriodReport.Verdict;

class ReportBuilderTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ReportPeriod MARCH = ReportPeriod.parse("2025-03", SHANGHAI);
    private static final ReportPeriod YEAR = ReportPeriod.parse("2025", SHANGHAI);
    private static final Instant AFTER_MARCH = Instant.parse("2025-04-05T00:00:00Z");

    private final ReportFixture park = new ReportFixture();

    private PeriodReport closedMarch() {
        return ReportBuilder.build(park.inputs(MARCH, AFTER_MARCH, ReportFixture.closedTotals()));
    }

    private static SubjectReport enterprise(PeriodReport r, String id) {
        return r.enterprises().stream().filter(s -> s.subjectId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldBoundAMonthAndAYearOnTheLocalCalendar() {
        assertThat(MARCH.start()).isEqualTo(Instant.parse("2025-02-28T16:00:00Z"));
        assertThat(MARCH.end()).isEqualTo(Instant.parse("2025-03-31T16:00:00Z"));
        assertThat(YEAR.start()).isEqualTo(Instant.parse("2024-12-31T16:00:00Z"));
        assertThat(YEAR.end()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
    }

    @Test
    void shouldSumEachFigureExactlyFromTheLedgerEntriesItCites() {
        PeriodReport r = closedMarch();
        SubjectReport e1 = enterprise(r, "E1");
        // scope 2 location: 5 366 000 000 (m1) + 2 146 400 000 (g1) = 7 512 400 000 mg
        assertThat(e1.figure(Measure.CO2_SCOPE2_LOCATION).amountMg()).isEqualTo(7_512_400_000L);
        assertThat(e1.figure(Measure.CO2_SCOPE2_LOCATION).entryIds())
                .containsExactly("m1:CO2:SCOPE2_LOCATION", "g1:CO2:SCOPE2_LOCATION");
        // market: 6 205 000 000 + 0 (green)
        assertThat(e1.figure(Measure.CO2_SCOPE2_MARKET).amountMg()).isEqualTo(6_205_000_000L);
        assertThat(e1.figure(Measure.CO2_SCOPE1).amountMg()).isEqualTo(18_665_366_104L);
        // energy: 1 229 + 491.6 + 7 143 kgce = 8 863.6 kgce = 8 863 600 000 mgce
        assertThat(e1.figure(Measure.ENERGY).amountMg()).isEqualTo(8_863_600_000L);
        // the coal's SO2 is a material balance (the ledger gives its sulfur conversion D); none is measured
        assertThat(e1.figure(Measure.SO2_MATERIAL_BALANCE).amountMg()).isEqualTo(160_000_000L);
        assertThat(e1.figure(Measure.SO2_MEASURED).amountMg()).isZero();

        SubjectReport e2 = enterprise(r, "E2");
        // COD: 80 (w1) + 50 (w2, estimated) + 10 (w3, last millisecond of March) kg; not w4 (April), w5 (June)
        assertThat(e2.figure(Measure.COD).amountMg()).isEqualTo(140_000_000L);
        assertThat(e2.figure(Measure.COD).entryIds()).containsExactly("w1:COD:NONE", "w2:COD:NONE", "w3:COD:NONE");
        assertThat(e2.figure(Measure.NH3_N).amountMg()).isEqualTo(10_000_000L);

        // every figure is the sum of the amounts of the lines it cites, and the park's the sum of its enterprises'
        for (SubjectReport s : List.of(r.park(), e1, e2)) {
            for (Measure m : Measure.values()) {
                assertThat(s.figure(m).lines().stream().mapToLong(Figure.Line::amountMg).sum())
                        .as(s.subjectId() + " " + m).isEqualTo(s.figure(m).amountMg());
            }
        }
        // park CO2 scope 1 + 2 location: 18 665 366 104 + 7 512 400 000 = 26 177 766 104 mg; COD 140 kg
        assertThat(r.park().figure(Measure.CO2_SCOPE1).amountMg()
                + r.park().figure(Measure.CO2_SCOPE2_LOCATION).amountMg()).isEqualTo(26_177_766_104L);
        assertThat(r.park().figure(Measure.COD).amountMg()).isEqualTo(140_000_000L);
        // the entry read twice counted once, and said so
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 ledger record(s) repeating an entryId"));
    }

    @Test
    void shouldGiveAYearTheSumOfItsMonthsEntries() {
        PeriodReport year = ReportBuilder.build(park.inputs(YEAR, Instant.parse("2026-01-05T00:00:00Z"), List.of()));
        // the year adds w4 (1 April local, 15 kg) and w5 (June, 20 kg) to March's 140 kg
        assertThat(enterprise(year, "E2").figure(Measure.COD).amountMg()).isEqualTo(175_000_000L);
        assertThat(enterprise(year, "E2").figure(Measure.COD).entryIds())
                .containsExactly("w1:COD:NONE", "w2:COD:NONE", "w3:COD:NONE", "w4:COD:NONE", "w5:COD:NONE");
        assertThat(enterprise(year, "E1").figure(Measure.ENERGY).amountMg()).isEqualTo(8_863_600_000L);
        // no closed park total of 2025 was read: the year stays open
        assertThat(year.open()).isTrue();
    }

    @Test
    void shouldDivideByTheIavOfTheCoveredHoursOnly() {
        PeriodReport r = closedMarch();
        var e1 = enterprise(r, "E1").intensities();
        assertThat(e1.status()).isEqualTo("AVAILABLE");
        assertThat(e1.addedValue()).isCloseTo(1000.0, within(1e-9));
        // (18.665366104 + 7.5124) t / 1 000 x 10^4 RMB = 0.026177766104 tCO2 per 10^4 RMB
        assertThat(e1.value(IntensityMetric.CO2_LOCATION).getAsDouble()).isCloseTo(0.026177766104, within(1e-15));
        // (18.665366104 + 6.205) / 1 000 = 0.024870366104
        assertThat(e1.value(IntensityMetric.CO2_MARKET).getAsDouble()).isCloseTo(0.024870366104, within(1e-15));
        // 8.8636 tce / 1 000 = 0.0088636 tce per 10^4 RMB
        assertThat(e1.value(IntensityMetric.ENERGY).getAsDouble()).isCloseTo(0.0088636, within(1e-15));
        // 26.177766104 t / 8.8636 tce = 2.9534011128661...
        assertThat(e1.value(IntensityMetric.CO2_PER_TCE).getAsDouble()).isCloseTo(2.9534011128661, within(1e-12));

        // E2 reported no IAV: no intensity; the park divides E1's emissions by E1's IAV and is PARTIAL
        assertThat(enterprise(r, "E2").intensities().status()).isEqualTo("PENDING");
        assertThat(enterprise(r, "E2").intensities().value(IntensityMetric.COD)).isEmpty();
        var p = r.park().intensities();
        assertThat(p.status()).isEqualTo("PARTIAL");
        assertThat(p.value(IntensityMetric.CO2_LOCATION).getAsDouble()).isCloseTo(0.026177766104, within(1e-15));
        assertThat(p.value(IntensityMetric.COD).getAsDouble()).isZero();
        assertThat(p.iavReportIds()).containsExactly("iav-E1-2025-03");
    }

    @Test
    void shouldJudgeTheParkAgainstItsMostSpecificTargets() {
        var targets = closedMarch().park().targets();
        // the park's own CO2 rule (0.02) overrides the '*' one (0.6): 0.0262 is above it
        assertThat(targets).extracting(PeriodReport.TargetCheck::ruleId)
                .containsExactlyInAnyOrder("park.co2.own", "park.energy.any");
        assertThat(targets).filteredOn(t -> t.ruleId().equals("park.co2.own"))
                .extracting(PeriodReport.TargetCheck::verdict).containsExactly(Verdict.ABOVE_LIMIT);
        assertThat(targets).filteredOn(t -> t.ruleId().equals("park.energy.any"))
                .extracting(PeriodReport.TargetCheck::verdict).containsExactly(Verdict.WITHIN);
    }

    @Test
    void shouldGiveTheCleanEnergyShareAndTheZeroCarbonIndicatorsWithTheirTags() {
        PeriodReport r = closedMarch();
        var clean = r.park().cleanEnergy();
        // green: 491.6 of 8 863.6 kgce = 5.546279164 %; 4 000 of 14 000 kWh = 28.571428571 %
        assertThat(clean.greenEnergy().amountMg()).isEqualTo(491_600_000L);
        assertThat(clean.greenEnergy().entryIds()).containsExactly("g1:ENERGY:NONE");
        assertThat(clean.shareOfElectricity().getAsDouble()).isCloseTo(4000.0 / 14000.0, within(1e-15));

        var core = r.zeroCarbon().get(0);
        assertThat(core.reference()).isEqualTo(ZeroCarbonReferences.NATIONAL_CO2_PER_TCE_MID);
        assertThat(core.reference().tag()).isEqualTo("[S, single source]");
        assertThat(core.value().getAsDouble()).isCloseTo(2.9534011128661, within(1e-12));
        assertThat(core.verdict()).isEqualTo(Verdict.ABOVE_LIMIT);
        var share = r.zeroCarbon().get(2);
        assertThat(share.reference()).isEqualTo(ZeroCarbonReferences.NATIONAL_CLEAN_ENERGY_SHARE);
        assertThat(share.value().getAsDouble()).isCloseTo(5.546279164222212, within(1e-9));
        assertThat(share.verdict()).isEqualTo(Verdict.BELOW_MINIMUM);
        var renewable = r.zeroCarbon().get(6);
        assertThat(renewable.reference().tag()).isEqualTo("[S]");
        assertThat(renewable.value().getAsDouble()).isCloseTo(28.571428571428573, within(1e-9));
    }

    @Test
    void shouldCountReadingsAgainstEachSourcesOwnIntervalAndTheEstimatedShare() {
        PeriodReport r = closedMarch();
        // E1: two hourly meters (744 h of March each) and a daily boiler (31 days): 1 + 1 + 1 of 1 519
        var e1 = enterprise(r, "E1").completeness();
        assertThat(e1.readingsReceived()).isEqualTo(3);
        assertThat(e1.readingsExpected()).isEqualTo(744 + 744 + 31);
        // E2: one daily outlet, 3 samples of 31; 4 entries of which 1 estimated
        var e2 = enterprise(r, "E2").completeness();
        assertThat(e2.readingsReceived()).isEqualTo(3);
        assertThat(e2.readingsExpected()).isEqualTo(31);
        assertThat(e2.estimatedEntries()).isEqualTo(1);
        assertThat(e2.entries()).isEqualTo(4);
    }

    @Test
    void shouldListThePeriodsAlertsFactorsAndRevisions() {
        PeriodReport r = closedMarch();
        assertThat(r.alerts()).extracting(PeriodReport.AlertLine::alertId).containsExactly("a-march");
        // the 2023 grid factor priced g1 on 20 March, after the version valid from 15 March: due for restatement
        var grid = r.factors().stream().filter(f -> f.factorKey().equals("grid.location.EAST")).findFirst()
                .orElseThrow();
        assertThat(grid.entries()).isEqualTo(2);
        assertThat(grid.publishedAt()).contains(Instant.parse("2024-12-20T00:00:00Z"));
        assertThat(grid.supersededFrom()).contains(ReportFixture.GRID_MID_MARCH);
        assertThat(r.revisions()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(RevisionsApplied.CLOSED_WINDOW_REPUBLISHED);
            assertThat(v.subject()).isEqualTo("ENTERPRISE:E1");
            assertThat(v.detail()).contains("published 2 times").contains("entries 3 -> 4");
        });
    }

    @Test
    void shouldBeOpenUntilTheParksClosedTotalOfThePeriodIsPublished() {
        assertThat(closedMarch().open()).isFalse();
        assertThat(ReportBuilder.build(park.inputs(MARCH, AFTER_MARCH, List.of())).open()).isTrue();
        // before the end of the period it is open whatever was read
        assertThat(ReportBuilder.build(park.inputs(MARCH, Instant.parse("2025-03-20T00:00:00Z"),
                ReportFixture.closedTotals())).open()).isTrue();
    }

    @Test
    void shouldSayThatAParkWithoutEnterprisesOrEntriesHasNothingToReport() {
        ReportInputs in = park.inputs(MARCH, AFTER_MARCH, List.of());
        PeriodReport r = ReportBuilder.build(new ReportInputs("park-unknown", MARCH, in.ledger(), in.alerts(),
                in.factors(), in.enterprises(), in.outputReports(), in.rules(), in.windowTotals(), in.restatements(),
                AFTER_MARCH));
        assertThat(r.enterprises()).isEmpty();
        assertThat(r.park().figure(Measure.CO2_SCOPE1).amountMg()).isZero();
        assertThat(r.alerts()).isEmpty();
        assertThat(r.notes()).contains("No enterprise of park park-unknown is registered, and no ledger entry of it "
                + "lies in the period: every figure is 0.");
    }
}
