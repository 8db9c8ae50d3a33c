package org.parkwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.report.ReportFixture.MARCH_END;
import static org.parkwatch.report.ReportFixture.MARCH_START;
import static org.parkwatch.report.ReportFixture.PARK;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EntryCorrection;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.RestatedPeriod;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.Totals;
import org.parkwatch.report.PeriodReport.FactorUse;
import org.parkwatch.report.PeriodReport.RevisionLine;
import org.parkwatch.report.PeriodReport.SubjectReport;

/**
 * March 2025 of {@link ReportFixture}'s park after the 2024 East China grid factor (0.5 tCO2/MWh, valid from
 * 1 January 2024 local) was published and restated: both of E1's scope 2 location lines, priced with the 2023 factor
 * (0.5366), are reversed and priced again. Every figure below is worked by hand from the fixture's.
 */
class RevisionsAppliedTest {

    private static final ReportPeriod MARCH = ReportPeriod.parse("2025-03", ZoneId.of("Asia/Shanghai"));
    private static final ReportPeriod YEAR = ReportPeriod.parse("2025", ZoneId.of("Asia/Shanghai"));
    private static final Instant AFTER_MARCH = Instant.parse("2026-01-20T00:00:00Z");
    private static final String GRID_KEY = "grid.location.EAST";
    private static final Instant GRID_2024_FROM = Instant.parse("2023-12-31T16:00:00Z");
    private static final FactorRef GRID_2024 = FactorRef.newBuilder().setFactorKey(GRID_KEY)
            .setValidFrom(GRID_2024_FROM).setValue(0.5).setUnit("tCO2/MWh")
            .setSource("MEE/NBS 2024 electricity CO2 factors [P]").build();
    private static final String RESTATEMENT = "rst-1";
    private static final String SUFFIX = GRID_KEY + "@" + GRID_2024_FROM.toEpochMilli() + "#0a1b2c3d4e5f";
    private static final Instant REQUESTED_AT = Instant.parse("2026-01-12T02:00:00Z");

    // m1: 10 MWh x 0.5366 = 5.366 t, restated 10 MWh x 0.5 = 5 t; g1: 4 MWh x 0.5366 = 2.1464 t, restated 2 t
    private static final long M1_OLD = 5_366_000_000L;
    private static final long M1_NEW = 5_000_000_000L;
    private static final long G1_OLD = 2_146_400_000L;
    private static final long G1_NEW = 2_000_000_000L;

    private final ReportFixture park = new ReportFixture();

    private static List<EmissionFactor> publishedFactors() {
        return List.of(
                ReportFixture.factor(GRID_KEY, ReportFixture.GRID_2023, 0.5366, Instant.parse("2024-12-20T00:00:00Z")),
                ReportFixture.factor(GRID_KEY, GRID_2024_FROM, 0.5, Instant.parse("2026-01-10T00:00:00Z")));
    }

    /** The reversing and restated entries the restatement appended for m1 and g1. */
    private static List<EmissionEntry> corrections(List<EmissionEntry> ledger) {
        List<EmissionEntry> out = new ArrayList<>();
        List<EmissionEntry> restated = new ArrayList<>();
        for (String event : List.of("m1", "g1")) {
            EmissionEntry line = ledger.stream()
                    .filter(e -> e.getEntryId().equals(event + ":CO2:SCOPE2_LOCATION")).findFirst().orElseThrow();
            String correctionId = event + "|" + SUFFIX;
            out.add(EmissionEntry.newBuilder(line).setEntryId(line.getEntryId() + "|R|" + SUFFIX)
                    .setAmountMg(-line.getAmountMg())
                    .setCorrection(new EntryCorrection(CorrectionKind.REVERSAL, line.getEntryId(), correctionId,
                            RESTATEMENT)).build());
            double kwh = line.getInputs().get("electricityKwh");
            EmissionEntry again = ReportFixture.entry(line.getEntryId() + "|S|" + SUFFIX, event, "E1",
                    line.getSourceId(), Pollutant.CO2, EmissionScope.SCOPE2_LOCATION,
                    event.equals("m1") ? M1_NEW : G1_NEW, line.getIntervalStart(), line.getIntervalEnd(),
                    Map.of("electricityKwh", kwh, "gridFactorTco2PerMwh", 0.5), GRID_2024);
            again.setCorrection(new EntryCorrection(CorrectionKind.RESTATED, line.getEntryId(), correctionId,
                    RESTATEMENT));
            restated.add(again);
        }
        out.addAll(restated);
        return out;
    }

    private static Totals totals(long scope2Location, long cod, long nh3n, long entries) {
        // E1's other March figures (ReportFixture): scope 1 18.665366104 t, market 6.205 t, SO2 160 kg,
        // energy 8 863.6 kgce; a restatement of the grid factor leaves them as they are
        return Totals.newBuilder().setCo2Scope1Mg(18_665_366_104L).setCo2Scope2LocationMg(scope2Location)
                .setCo2Scope2MarketMg(6_205_000_000L).setSo2Mg(160_000_000L).setCodMg(cod).setNh3nMg(nh3n)
                .setEnergyMgce(8_863_600_000L).setEntryCount(entries).setEstimatedEntryCount(0).build();
    }

    private static RestatedPeriod month(SubjectType type, String id, String parkId, Instant start, Instant end,
                                        Totals before, Totals after) {
        return new RestatedPeriod(type, id, parkId, start, end, before, after);
    }

    private static Restatement record(String id, List<RestatedPeriod> periods) {
        return Restatement.newBuilder().setRestatementId(id).setFactorKey(GRID_KEY)
                .setVersionsInForce(List.of(GRID_2024)).setFrom(null).setTo(null)
                .setRequestedBy("li.wei@park-epb").setRequestedAt(REQUESTED_AT).setEventsRestated(2)
                .setEntriesRestated(2).setPeriods(periods).build();
    }

    private static List<Restatement> restatements() {
        // E1 March: 9 entries (m1, g1 and f1, three each), scope 2 location 7.5124 t -> 7 t; a reversal counts -1
        // and its restated entry +1, so 9 -> 9. The park adds E2's COD 140 kg, NH3-N 10 kg and 4 entries.
        Restatement march = record(RESTATEMENT, List.of(
                month(SubjectType.ENTERPRISE, "E1", PARK, MARCH_START, MARCH_END,
                        totals(M1_OLD + G1_OLD, 0, 0, 9), totals(M1_NEW + G1_NEW, 0, 0, 9)),
                month(SubjectType.PARK, PARK, PARK, MARCH_START, MARCH_END,
                        totals(M1_OLD + G1_OLD, 140_000_000L, 10_000_000L, 13),
                        totals(M1_NEW + G1_NEW, 140_000_000L, 10_000_000L, 13))));
        Instant febStart = Instant.parse("2025-01-31T16:00:00Z");
        Totals any = totals(1, 0, 0, 1);
        Restatement february = record("rst-february", List.of(
                month(SubjectType.ENTERPRISE, "E1", PARK, febStart, MARCH_START, any, any)));
        Restatement otherPark = record("rst-other-park", List.of(
                month(SubjectType.PARK, "park-2", "park-2", MARCH_START, MARCH_END, any, any)));
        return List.of(february, march, otherPark);
    }

    private ReportInputs inputs(ReportPeriod period, boolean restated) {
        List<EmissionEntry> ledger = new ArrayList<>(park.ledger);
        if (restated) {
            ledger.addAll(corrections(park.ledger));
        }
        return new ReportInputs(PARK, period, ledger, ReportFixture.alerts(), publishedFactors(),
                ReportFixture.enterprises(), ReportFixture.outputReports(), ReportFixture.rules(),
                ReportFixture.closedTotals(), restated ? restatements() : List.of(), AFTER_MARCH);
    }

    private static SubjectReport e1(PeriodReport r) {
        return r.enterprises().stream().filter(s -> s.subjectId().equals("E1")).findFirst().orElseThrow();
    }

    private static List<RevisionLine> lines(PeriodReport r, String kind) {
        return r.revisions().stream().filter(v -> v.kind().equals(kind)).toList();
    }

    private static FactorUse use(PeriodReport r, Instant validFrom) {
        return r.factors().stream().filter(f -> f.factorKey().equals(GRID_KEY) && f.validFrom().equals(validFrom))
                .findFirst().orElseThrow();
    }

    @Test
    void shouldListTheRestatementThatMovedTheMonthWithItsTotalsBeforeAndAfter() {
        PeriodReport r = ReportBuilder.build(inputs(MARCH, true));

        assertThat(lines(r, RevisionsApplied.RESTATEMENT)).singleElement().satisfies(v -> {
            assertThat(v.restatementId()).isEqualTo(RESTATEMENT);
            assertThat(v.detail()).contains("factor grid.location.EAST")
                    .contains("grid.location.EAST valid from 2023-12-31T16:00:00Z = 0.5 tCO2/MWh "
                            + "(source: MEE/NBS 2024 electricity CO2 factors [P])")
                    .contains("asked by li.wei@park-epb at 2026-01-12T02:00:00Z")
                    .contains("2 events and 2 entries restated in all; 4 reversing and restated entries");
        });
        List<String> e1Corrections = List.of("m1:CO2:SCOPE2_LOCATION|R|" + SUFFIX, "g1:CO2:SCOPE2_LOCATION|R|" + SUFFIX,
                "m1:CO2:SCOPE2_LOCATION|S|" + SUFFIX, "g1:CO2:SCOPE2_LOCATION|S|" + SUFFIX);
        assertThat(lines(r, RevisionsApplied.RESTATED_MONTH)).extracting(RevisionLine::subject)
                .containsExactly("ENTERPRISE:E1", "PARK:" + PARK);
        assertThat(lines(r, RevisionsApplied.RESTATED_MONTH).get(0)).satisfies(v -> {
            assertThat(v.windowStart()).isEqualTo(MARCH_START);
            assertThat(v.detail()).contains("CO2 scope 1 18665366104 -> 18665366104 mg")
                    .contains("CO2 scope 2 location 7512400000 -> 7000000000 mg")
                    .contains("CO2 scope 2 market 6205000000 -> 6205000000 mg").contains("SO2 160000000 -> 160000000")
                    .contains("COD 0 -> 0 mg").contains("NH3-N 0 -> 0 mg")
                    .contains("energy 8863600000 -> 8863600000 mgce").contains("entries 9 -> 9");
            assertThat(v.entryIds()).containsExactlyElementsOf(e1Corrections);
        });
        assertThat(lines(r, RevisionsApplied.RESTATED_MONTH).get(1).detail())
                .contains("CO2 scope 2 location 7512400000 -> 7000000000 mg").contains("COD 140000000 -> 140000000 mg")
                .contains("entries 13 -> 13");

        // each appended entry says what it reverses or replaces, and under which restatement
        assertThat(lines(r, RevisionsApplied.REVERSING_ENTRY)).extracting(RevisionLine::entryIds)
                .containsExactly(List.of(e1Corrections.get(0)), List.of(e1Corrections.get(1)));
        assertThat(lines(r, RevisionsApplied.REVERSING_ENTRY).get(0).detail())
                .contains("-5366000000 mg; reverses m1:CO2:SCOPE2_LOCATION (restatement rst-1, correction m1|");
        assertThat(lines(r, RevisionsApplied.RESTATED_ENTRY)).extracting(RevisionLine::entryIds)
                .containsExactly(List.of(e1Corrections.get(2)), List.of(e1Corrections.get(3)));
        assertThat(lines(r, RevisionsApplied.RESTATED_ENTRY).get(1).detail())
                .contains("2000000000 mg; replaces g1:CO2:SCOPE2_LOCATION (restatement rst-1");

        // a restatement of February only, or of another park, is not this report's
        assertThat(r.revisions()).extracting(RevisionLine::restatementId).doesNotContain("rst-february",
                "rst-other-park");
        // the year's report lists both: each moved a month of 2025 (same request time: by id)
        assertThat(lines(ReportBuilder.build(inputs(YEAR, true)), RevisionsApplied.RESTATEMENT))
                .extracting(RevisionLine::restatementId).containsExactly(RESTATEMENT, "rst-february");
    }

    @Test
    void shouldStillSumEachFigureFromTheEntriesItCitesReversalsIncluded() {
        PeriodReport r = ReportBuilder.build(inputs(MARCH, true));
        Figure location = e1(r).figure(Measure.CO2_SCOPE2_LOCATION);
        // 5.366 + 2.1464 - 5.366 - 2.1464 + 5 + 2 t: the restatement record's "after"
        assertThat(location.amountMg()).isEqualTo(M1_NEW + G1_NEW).isEqualTo(7_000_000_000L);
        assertThat(location.entryIds()).containsExactly("m1:CO2:SCOPE2_LOCATION", "g1:CO2:SCOPE2_LOCATION",
                "m1:CO2:SCOPE2_LOCATION|R|" + SUFFIX, "g1:CO2:SCOPE2_LOCATION|R|" + SUFFIX,
                "m1:CO2:SCOPE2_LOCATION|S|" + SUFFIX, "g1:CO2:SCOPE2_LOCATION|S|" + SUFFIX);
        assertThat(r.park().figure(Measure.CO2_SCOPE2_LOCATION).amountMg()).isEqualTo(7_000_000_000L);
        for (SubjectReport s : List.of(r.park(), e1(r))) {
            for (Measure m : Measure.values()) {
                assertThat(s.figure(m).lines().stream().mapToLong(Figure.Line::amountMg).sum())
                        .as(s.subjectId() + " " + m).isEqualTo(s.figure(m).amountMg());
            }
        }
        // entries in force, as the record counts them: 9, a reversal taking its line out
        assertThat(e1(r).completeness().entries()).isEqualTo(9);
        // the intensity follows: (18.665366104 + 7) t / 1 000 x 10^4 RMB
        assertThat(e1(r).intensities().value(IntensityMetric.CO2_LOCATION).getAsDouble())
                .isCloseTo(0.025665366104, org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void shouldMarkAVersionWhoseEveryLineWasReversedAsSupersededNotDue() {
        // before the restatement, the 2023 factor priced March activity the 2024 version is in force for: due
        FactorUse due = use(ReportBuilder.build(inputs(MARCH, false)), ReportFixture.GRID_2023);
        assertThat(due.supersededFrom()).contains(GRID_2024_FROM);
        assertThat(due.supersededByRestatement()).isFalse();
        assertThat(due.status()).contains("due for restatement");

        PeriodReport r = ReportBuilder.build(inputs(MARCH, true));
        FactorUse old = use(r, ReportFixture.GRID_2023);
        assertThat(old.entries()).isEqualTo(2);
        assertThat(old.reversedEntries()).isEqualTo(2);
        assertThat(old.restatementIds()).containsExactly(RESTATEMENT);
        assertThat(old.supersededByRestatement()).isTrue();
        assertThat(old.supersededFrom()).isEmpty();
        assertThat(old.status()).isEqualTo("superseded: all 2 lines reversed by restatement rst-1");
        FactorUse now = use(r, GRID_2024_FROM);
        assertThat(now.entries()).isEqualTo(2);
        assertThat(now.status()).isEmpty();
    }

    @Test
    void shouldShowTheRestatementInTheCsvAndHtml() {
        PeriodReport r = ReportBuilder.build(inputs(MARCH, true));
        List<List<String>> rows = RenderingTest.csv(CsvReport.render(r));
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(7));
        assertThat(rows).filteredOn(row -> row.get(0).equals("revision") && row.get(3).equals("RESTATEMENT"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get(4)).isEqualTo(RESTATEMENT);
                    assertThat(row.get(6)).contains("asked by li.wei@park-epb");
                });
        assertThat(rows).filteredOn(row -> row.get(0).equals("revision") && row.get(3).equals("RESTATED_MONTH")
                        && row.get(2).equals("ENTERPRISE:E1"))
                .singleElement().satisfies(row -> assertThat(row.get(6))
                        .startsWith("MONTH 2025-02-28T16:00:00Z: restatement rst-1")
                        .contains("CO2 scope 2 location 7512400000 -> 7000000000 mg")
                        .contains("entries m1:CO2:SCOPE2_LOCATION|R|" + SUFFIX));
        assertThat(rows).filteredOn(row -> row.get(0).equals("factor")
                        && row.get(3).equals(GRID_KEY + "@" + ReportFixture.GRID_2023))
                .singleElement().satisfies(row -> assertThat(row.get(6))
                        .contains("superseded: all 2 lines reversed by restatement rst-1")
                        .doesNotContain("due for restatement"));
        // the E1 figure's ledger lines, reversals included, still sum to it
        Map<String, Long> sums = new HashMap<>();
        rows.stream().filter(row -> row.get(0).equals("ledger") && row.get(2).equals("E1"))
                .forEach(row -> sums.merge(row.get(3), Long.parseLong(row.get(4)), Long::sum));
        assertThat(sums.get(Measure.CO2_SCOPE2_LOCATION.name())).isEqualTo(7_000_000_000L);

        String html = new String(HtmlReport.render(r), StandardCharsets.UTF_8);
        assertThat(html).contains("<td>RESTATEMENT</td>").contains("<td>rst-1</td>")
                .contains("CO2 scope 2 location 7512400000 -&gt; 7000000000 mg")
                .contains("superseded: all 2 lines reversed by restatement rst-1")
                .contains("reverses m1:CO2:SCOPE2_LOCATION (restatement rst-1")
                .doesNotContain("due for restatement");
    }
}
