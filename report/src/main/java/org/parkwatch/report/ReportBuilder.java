package org.parkwatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.intensity.CoveredFigures;
import org.parkwatch.intensity.HourlyCoverage;
import org.parkwatch.intensity.IavReport;
import org.parkwatch.intensity.IavSchedule;
import org.parkwatch.intensity.IntensityCalculator;
import org.parkwatch.report.PeriodReport.AlertLine;
import org.parkwatch.report.PeriodReport.CleanEnergy;
import org.parkwatch.report.PeriodReport.Completeness;
import org.parkwatch.report.PeriodReport.FactorUse;
import org.parkwatch.report.PeriodReport.Intensities;
import org.parkwatch.report.PeriodReport.SubjectReport;
import org.parkwatch.report.PeriodReport.TargetCheck;
import org.parkwatch.report.PeriodReport.Verdict;
import org.parkwatch.report.PeriodReport.ZeroCarbonCheck;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

/**
 * Builds a park's {@link PeriodReport} from the records of the period. Every figure is the exact sum of the
 * amountMg of the ledger entries it lists; intensities divide the emissions of the hours IAV reports cover by the IAV
 * of the same hours, as the pipeline does (README, Intensity per unit of industrial added value).
 */
public final class ReportBuilder {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final double MG_PER_T = 1e9;
    private static final double MG_PER_KG = 1e6;
    /** Input names of PurchasedEnergyPricing: how the ledger shows electricity and its market factor. */
    private static final String ELECTRICITY_KWH = "electricityKwh";
    private static final String MARKET_FACTOR = "marketFactorTco2PerMwh";

    private ReportBuilder() {
    }

    public static PeriodReport build(ReportInputs in) {
        ReportPeriod period = in.period();
        List<String> notes = new ArrayList<>();
        Map<String, Enterprise> enterprises = new TreeMap<>();
        for (Enterprise e : in.enterprises()) {
            if (e.getParkId().equals(in.parkId())) {
                enterprises.put(e.getEnterpriseId(), e);
            }
        }
        List<EmissionEntry> entries = entriesOfPeriod(in, notes);
        Optional<Instant> accountedTo = entries.stream().map(RevisionsApplied::accountingTime)
                .max(Comparator.naturalOrder());
        boolean open = isOpen(in, accountedTo);
        Instant elapsedEnd = open
                ? accountedTo.map(t -> HourlyCoverage.elapsedEnd(
                        new WindowSpan(WindowKind.YEAR, period.start(), period.end()), t))
                        .orElse(period.start())
                : period.end();

        Set<String> greenEvents = greenElectricityEvents(entries);
        Map<String, SubjectSums> sums = new TreeMap<>();
        for (EmissionEntry e : entries) {
            sums.computeIfAbsent(e.getEnterpriseId(), id -> new SubjectSums()).add(e, greenEvents, period.start());
        }
        enterprises.keySet().forEach(id -> sums.computeIfAbsent(id, k -> new SubjectSums()));

        Map<String, IavSchedule> schedules = schedules(in.outputReports(), notes);
        List<SubjectReport> enterpriseReports = new ArrayList<>();
        CoveredFigures parkCovered = CoveredFigures.NONE;
        boolean parkUncoveredEmissions = false;
        SubjectSums park = new SubjectSums();
        for (Map.Entry<String, SubjectSums> s : sums.entrySet()) {
            String id = s.getKey();
            SubjectSums sum = s.getValue();
            HourlyCoverage coverage = HourlyCoverage.of(schedules.getOrDefault(id, IavSchedule.empty()),
                    period.start(), elapsedEnd);
            CoveredFigures covered = coverage.figures(sum.hourly);
            Intensities intensities = intensities(IntensityCalculator.statusOf(covered).name(), sum.amounts, covered);
            parkCovered = parkCovered.plus(covered);
            parkUncoveredEmissions |= covered.coveredEmissions().entryCount() < sum.amounts.entryCount();
            Enterprise ent = enterprises.get(id);
            if (ent == null) {
                notes.add("Enterprise " + id + " has entries in the period but no record on the enterprises topic "
                        + "for park " + in.parkId() + " (name and sector unknown).");
            }
            String sector = ent == null ? "" : ent.getSector();
            enterpriseReports.add(subject("ENTERPRISE", id, ent == null ? id : ent.getName(), sector, sum,
                    intensities, period, elapsedEnd,
                    targets(in.rules(), rule -> enterpriseScope(rule, id, sector), intensities)));
            park.addAll(sum);
        }
        String parkStatus = !(parkCovered.coveredIav() > 0) ? "PENDING"
                : parkUncoveredEmissions ? "PARTIAL" : "AVAILABLE";
        Intensities parkIntensities = intensities(parkStatus, park.amounts, parkCovered);
        SubjectReport parkReport = subject("PARK", in.parkId(), in.parkId(), "", park, parkIntensities, period,
                elapsedEnd, targets(in.rules(), rule -> parkScope(rule, in.parkId()), parkIntensities));
        if (sums.isEmpty()) {
            notes.add("No enterprise of park " + in.parkId() + " is registered, and no ledger entry of it lies in the "
                    + "period: every figure is 0.");
        }
        if (in.outputReports().isEmpty()) {
            notes.add("No IAV report was found on the output-reports topic (kept 7 days): intensities per IAV are "
                    + "PENDING.");
        }
        return new PeriodReport(in.parkId(), period, in.generatedAt(), open, accountedTo, parkReport,
                enterpriseReports, alerts(in, enterprises.keySet()), factors(entries, in.factors()),
                RevisionsApplied.derive(windowTotals(in, sums.keySet()), entries, restatements(in),
                        in.parkId(), period),
                ZeroCarbonIndicators.check(parkReport, period), notes);
    }

    private static List<EmissionEntry> entriesOfPeriod(ReportInputs in, List<String> notes) {
        Map<String, EmissionEntry> byId = new LinkedHashMap<>();
        long duplicates = 0;
        for (EmissionEntry e : in.ledger()) {
            if (!e.getParkId().equals(in.parkId()) || !in.period().contains(RevisionsApplied.accountingTime(e))) {
                continue;
            }
            EmissionEntry held = byId.putIfAbsent(e.getEntryId(), e);
            if (held != null) {
                duplicates++;
                if (held.getAmountMg() != e.getAmountMg()) {
                    notes.add("Ledger entry " + e.getEntryId() + " appears twice with different amounts ("
                            + held.getAmountMg() + " and " + e.getAmountMg() + " mg); the first is counted.");
                }
            }
        }
        if (duplicates > 0) {
            notes.add(duplicates + " ledger record(s) repeating an entryId already read were counted once.");
        }
        List<EmissionEntry> kept = new ArrayList<>();
        for (EmissionEntry e : byId.values()) {
            if (Measure.of(e).isEmpty()) {
                notes.add("Ledger entry " + e.getEntryId() + " has no known pollutant and scope (" + e.getPollutant()
                        + " " + e.getScope() + "): not summed.");
            } else {
                kept.add(e);
            }
        }
        return kept;
    }

    /**
     * Open until the pipeline has published the park's closed total of the period's window, and in any case until
     * the period has ended.
     */
    private static boolean isOpen(ReportInputs in, Optional<Instant> accountedTo) {
        if (in.generatedAt().isBefore(in.period().end())) {
            return true;
        }
        return in.windowTotals().stream().noneMatch(t -> t.getClosed() && t.getSubjectType() == SubjectType.PARK
                && t.getSubjectId().equals(in.parkId()) && t.getWindow() == in.period().window()
                && t.getWindowStart().equals(in.period().start()));
    }

    /** Events of green electricity: their market-based entry is priced at zero with no factor (PurchasedEnergyPricing). */
    private static Set<String> greenElectricityEvents(List<EmissionEntry> entries) {
        Set<String> green = new HashSet<>();
        for (EmissionEntry e : entries) {
            if (e.getPollutant() == Pollutant.CO2 && e.getScope() == EmissionScope.SCOPE2_MARKET
                    && e.getFactors().isEmpty() && Double.valueOf(0.0).equals(e.getInputs().get(MARKET_FACTOR))) {
                green.add(e.getEventId());
            }
        }
        return green;
    }

    private static Map<String, IavSchedule> schedules(List<OutputReport> reports, List<String> notes) {
        Map<String, List<IavReport>> byEnterprise = new HashMap<>();
        for (OutputReport r : reports) {
            Optional<String> refused = IavReport.rejectionReason(r);
            if (refused.isPresent()) {
                notes.add("IAV report " + r.getEventId() + " not used: " + refused.get());
                continue;
            }
            byEnterprise.computeIfAbsent(r.getEnterpriseId(), k -> new ArrayList<>()).add(IavReport.from(r));
        }
        Map<String, IavSchedule> schedules = new HashMap<>();
        byEnterprise.forEach((id, list) -> schedules.put(id, IavSchedule.of(list)));
        return schedules;
    }

    private static Intensities intensities(String status, Amounts all, CoveredFigures covered) {
        Map<IntensityMetric, OptionalDouble> values = new EnumMap<>(IntensityMetric.class);
        boolean perIav = !status.equals("PENDING");
        Amounts e = covered.coveredEmissions();
        double iav = covered.coveredIav();
        values.put(IntensityMetric.CO2_LOCATION, per(perIav, e.co2LocationBasedMg() / MG_PER_T, iav));
        values.put(IntensityMetric.CO2_MARKET, per(perIav, e.co2MarketBasedMg() / MG_PER_T, iav));
        values.put(IntensityMetric.SO2, per(perIav, e.so2Mg() / MG_PER_KG, iav));
        values.put(IntensityMetric.COD, per(perIav, e.codMg() / MG_PER_KG, iav));
        values.put(IntensityMetric.NH3N, per(perIav, e.nh3nMg() / MG_PER_KG, iav));
        values.put(IntensityMetric.ENERGY, per(perIav, e.energyMgce() / MG_PER_T, iav));
        // t / tce = (mg / 1e9) / (mgce / 1e9): needs no IAV
        values.put(IntensityMetric.CO2_PER_TCE, all.energyMgce() > 0
                ? OptionalDouble.of((double) all.co2LocationBasedMg() / all.energyMgce()) : OptionalDouble.empty());
        return new Intensities(status, iav, covered.coveredHours(), covered.elapsedHours(), values,
                covered.iavReportIds());
    }

    private static OptionalDouble per(boolean available, double amount, double iav) {
        return available ? OptionalDouble.of(amount / iav) : OptionalDouble.empty();
    }

    private static SubjectReport subject(String type, String id, String name, String sector, SubjectSums sum,
                                         Intensities intensities, ReportPeriod period, Instant elapsedEnd,
                                         List<TargetCheck> targets) {
        Map<Measure, Figure> figures = new EnumMap<>(Measure.class);
        for (Measure m : Measure.values()) {
            figures.put(m, sum.figure(m));
        }
        long elapsedMs = Math.max(0, Duration.between(period.start(), elapsedEnd).toMillis());
        return new SubjectReport(type, id, name, sector, figures,
                new CleanEnergy(new Figure(sum.greenEnergyMg, sum.greenEnergyIds), sum.greenKwh, sum.electricityKwh),
                intensities, sum.completeness(elapsedMs), targets);
    }

    private interface RuleScope {
        /** The rule's precedence for the subject (0 most specific), or -1 when it does not apply. */
        int level(ThresholdRule rule);
    }

    private static int parkScope(ThresholdRule r, String parkId) {
        if (r.getScopeType() != SubjectType.PARK) {
            return -1;
        }
        return r.getScopeId().equals(parkId) ? 0 : r.getScopeId().equals("*") ? 1 : -1;
    }

    private static int enterpriseScope(ThresholdRule r, String id, String sector) {
        return switch (r.getScopeType()) {
            case ENTERPRISE -> r.getScopeId().equals(id) ? 0 : r.getScopeId().equals("*") ? 1 : -1;
            case SECTOR -> r.getScopeId().equals(sector) ? 2 : r.getScopeId().equals("*") ? 3 : -1;
            default -> -1;
        };
    }

    /** The rules in force for a subject: per metric, the enabled rules of the most specific scope that has any. */
    private static List<TargetCheck> targets(Collection<ThresholdRule> rules, RuleScope scope, Intensities values) {
        Map<IntensityMetric, List<ThresholdRule>> best = new EnumMap<>(IntensityMetric.class);
        Map<IntensityMetric, Integer> bestLevel = new EnumMap<>(IntensityMetric.class);
        for (ThresholdRule r : rules.stream().sorted(Comparator.comparing(ThresholdRule::getRuleId)).toList()) {
            Optional<IntensityMetric> metric = IntensityMetric.ofMetric(r.getMetric());
            int level = scope.level(r);
            if (!r.getEnabled() || metric.isEmpty() || level < 0) {
                continue;
            }
            Integer held = bestLevel.get(metric.get());
            if (held == null || level < held) {
                bestLevel.put(metric.get(), level);
                best.put(metric.get(), new ArrayList<>(List.of(r)));
            } else if (level == held) {
                best.get(metric.get()).add(r);
            }
        }
        List<TargetCheck> checks = new ArrayList<>();
        best.forEach((metric, list) -> list.forEach(r -> {
            OptionalDouble v = values.value(metric);
            checks.add(new TargetCheck(r.getRuleId(), r.getVersion(), metric, r.getWindow().name(),
                    r.getWarningLevel(), r.getLimit(), r.getUnit(), v,
                    verdict(v, r.getWarningLevel(), r.getLimit()), r.getSource()));
        }));
        return checks;
    }

    static Verdict verdict(OptionalDouble value, Double warningLevel, double limit) {
        if (value.isEmpty()) {
            return Verdict.NO_VALUE;
        }
        double v = value.getAsDouble();
        if (v >= limit) {
            return Verdict.ABOVE_LIMIT;
        }
        return warningLevel != null && v >= warningLevel ? Verdict.WARNING : Verdict.WITHIN;
    }

    private static List<AlertLine> alerts(ReportInputs in, Set<String> enterpriseIds) {
        ReportPeriod p = in.period();
        return in.alerts().stream()
                .filter(a -> a.getParkId().equals(in.parkId()))
                .filter(a -> a.getWindowStart().isBefore(p.end()) && a.getWindowEnd().isAfter(p.start()))
                .sorted(Comparator.comparing(Alert::getTransitionAt).thenComparing(Alert::getAlertId))
                .map(a -> new AlertLine(a.getAlertId(), a.getRuleId(), a.getSubjectType().name(), a.getSubjectId(),
                        a.getMetric(), a.getWindow().name(), a.getWindowStart(), a.getSeverity().name(),
                        a.getState().name(), a.getValue(), a.getLimit(), a.getUnit(), a.getTransitionAt(),
                        a.getCause(), a.getMessage(), a.getLedgerEntryIds()))
                .toList();
    }

    /**
     * The factor versions that priced the period's lines. A reversing entry repeats the factors of the line it
     * cancels, so it is not a use: it marks that line reversed, and a version whose every line was reversed is
     * superseded by the restatement. Only lines not reversed can be due for restatement.
     */
    private static List<FactorUse> factors(List<EmissionEntry> entries, List<EmissionFactor> published) {
        Map<String, String> reversedBy = new HashMap<>();
        for (EmissionEntry e : entries) {
            if (e.getCorrection() != null && e.getCorrection().getKind() == CorrectionKind.REVERSAL) {
                reversedBy.put(e.getCorrection().getCorrectsEntryId(), e.getCorrection().getRestatementId());
            }
        }
        Map<String, FactorRef> refs = new TreeMap<>();
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> reversed = new HashMap<>();
        Map<String, Set<String>> restatementIds = new HashMap<>();
        Map<String, Instant> latestUse = new HashMap<>();
        for (EmissionEntry e : entries) {
            if (e.getCorrection() != null && e.getCorrection().getKind() == CorrectionKind.REVERSAL) {
                continue;
            }
            String restatement = reversedBy.get(e.getEntryId());
            for (FactorRef f : e.getFactors()) {
                // the value too: a version corrected under the same validFrom is another version
                String key = f.getFactorKey() + "@" + f.getValidFrom().toEpochMilli() + "=" + f.getValue() + " "
                        + f.getUnit();
                refs.putIfAbsent(key, f);
                counts.merge(key, 1L, Long::sum);
                if (restatement != null) {
                    reversed.merge(key, 1L, Long::sum);
                    restatementIds.computeIfAbsent(key, k -> new TreeSet<>()).add(restatement);
                } else {
                    latestUse.merge(key, RevisionsApplied.accountingTime(e), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        List<FactorUse> uses = new ArrayList<>();
        refs.forEach((key, f) -> {
            Optional<Instant> publishedAt = published.stream()
                    .filter(v -> v.getFactorKey().equals(f.getFactorKey()) && v.getValidFrom().equals(f.getValidFrom()))
                    .map(EmissionFactor::getPublishedAt).findFirst();
            Instant lastUse = latestUse.get(key);
            Optional<Instant> superseded = lastUse == null ? Optional.empty() : published.stream()
                    .filter(v -> v.getFactorKey().equals(f.getFactorKey()) && v.getValidFrom().isAfter(f.getValidFrom())
                            && !v.getValidFrom().isAfter(lastUse))
                    .map(EmissionFactor::getValidFrom).min(Comparator.naturalOrder());
            uses.add(new FactorUse(f.getFactorKey(), f.getValidFrom(), f.getValue(), f.getUnit(), f.getSource(),
                    counts.get(key), publishedAt, superseded, reversed.getOrDefault(key, 0L),
                    List.copyOf(restatementIds.getOrDefault(key, Set.of()))));
        });
        return uses;
    }

    /** The restatement records that moved a month of the period for the park or one of its enterprises. */
    private static List<Restatement> restatements(ReportInputs in) {
        return in.restatements().stream().filter(r -> RevisionsApplied.moved(r, in.parkId(), in.period()))
                .sorted(Comparator.comparing(Restatement::getRequestedAt)
                        .thenComparing(Restatement::getRestatementId))
                .toList();
    }

    private static List<EmissionTotals> windowTotals(ReportInputs in, Set<String> enterpriseIds) {
        return in.windowTotals().stream()
                .filter(t -> t.getParkId().equals(in.parkId()))
                .filter(t -> t.getSubjectType() == SubjectType.PARK || enterpriseIds.contains(t.getSubjectId()))
                .filter(t -> in.period().contains(t.getWindowStart()))
                .toList();
    }

    /** The running sums of one subject. */
    private static final class SubjectSums {
        private final Map<Measure, Long> mg = new EnumMap<>(Measure.class);
        private final Map<Measure, List<Figure.Line>> ids = new EnumMap<>(Measure.class);
        private Amounts amounts = Amounts.ZERO;
        private final Map<Instant, Amounts> hourly = new HashMap<>();
        private long greenEnergyMg;
        private final List<Figure.Line> greenEnergyIds = new ArrayList<>();
        private double greenKwh;
        private double electricityKwh;
        /** Per source (enterprise, input, source id): the events received and their interval lengths. */
        private final Map<String, Map<String, Long>> sourceEvents = new TreeMap<>();
        private long entries;
        private long estimated;

        void add(EmissionEntry e, Set<String> greenEvents, Instant periodStart) {
            Measure m = Measure.of(e).orElseThrow();
            // a reversal takes its line out of the counts (as the pipeline's entryCount does) and out of the kWh
            // a CEMS supersession moves an hour's share of a balance that stays in force: no count of its own
            long count = e.getCorrection() == null ? 1 : switch (e.getCorrection().getKind()) {
                case REVERSAL -> -1;
                case CEMS_SUPERSEDED -> 0;
                case RESTATED -> 1;
            };
            mg.merge(m, e.getAmountMg(), Math::addExact);
            ids.computeIfAbsent(m, k -> new ArrayList<>()).add(new Figure.Line(e.getEntryId(), e.getAmountMg()));
            Amounts one = amountsOf(e);
            amounts = amounts.plus(one);
            Instant t = RevisionsApplied.accountingTime(e);
            long hour = Math.floorDiv(Duration.between(periodStart, t).toMillis(), HOUR.toMillis());
            hourly.merge(periodStart.plus(HOUR.multipliedBy(hour)), one, Amounts::plus);
            if (m == Measure.ENERGY && e.getInputs().containsKey(ELECTRICITY_KWH)) {
                double kwh = count * e.getInputs().get(ELECTRICITY_KWH);
                electricityKwh += kwh;
                if (greenEvents.contains(e.getEventId())) {
                    greenKwh += kwh;
                    greenEnergyMg = Math.addExact(greenEnergyMg, e.getAmountMg());
                    greenEnergyIds.add(new Figure.Line(e.getEntryId(), e.getAmountMg()));
                }
            }
            sourceEvents.computeIfAbsent(e.getEnterpriseId() + "|" + e.getInputTopic() + "|" + e.getSourceId(),
                    k -> new TreeMap<>()).putIfAbsent(e.getEventId(),
                    Duration.between(e.getIntervalStart(), e.getIntervalEnd()).toMillis());
            entries += count;
            if (e.getEstimated()) {
                estimated += count;
            }
        }

        void addAll(SubjectSums o) {
            o.mg.forEach((m, v) -> mg.merge(m, v, Math::addExact));
            o.ids.forEach((m, v) -> ids.computeIfAbsent(m, k -> new ArrayList<>()).addAll(v));
            amounts = amounts.plus(o.amounts);
            greenEnergyMg = Math.addExact(greenEnergyMg, o.greenEnergyMg);
            greenEnergyIds.addAll(o.greenEnergyIds);
            greenKwh += o.greenKwh;
            electricityKwh += o.electricityKwh;
            sourceEvents.putAll(o.sourceEvents);
            entries += o.entries;
            estimated += o.estimated;
        }

        Figure figure(Measure m) {
            return new Figure(mg.getOrDefault(m, 0L), ids.getOrDefault(m, List.of()));
        }

        /**
         * Readings expected from a source: the elapsed period over its most common reading interval (a source that
         * sent nothing at all is not seen: ParkWatch has no register of meters).
         */
        Completeness completeness(long elapsedMs) {
            long received = 0;
            long expected = 0;
            for (Map<String, Long> events : sourceEvents.values()) {
                received += events.size();
                Map<Long, Long> byLength = new TreeMap<>();
                events.values().forEach(len -> byLength.merge(len, 1L, Long::sum));
                long modal = byLength.entrySet().stream().filter(x -> x.getKey() > 0)
                        .max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).orElse(0L);
                expected += modal > 0 ? Math.max(1, elapsedMs / modal) : events.size();
            }
            return new Completeness(sourceEvents.size(), received, expected, entries, estimated);
        }

        private static Amounts amountsOf(EmissionEntry e) {
            long v = e.getAmountMg();
            long est = e.getEstimated() ? 1 : 0;
            return switch (Measure.of(e).orElseThrow()) {
                case CO2_SCOPE1 -> new Amounts(v, 0, 0, 0, 0, 0, 0, 1, est);
                case CO2_SCOPE2_LOCATION -> new Amounts(0, v, 0, 0, 0, 0, 0, 1, est);
                case CO2_SCOPE2_MARKET -> new Amounts(0, 0, v, 0, 0, 0, 0, 1, est);
                case SO2_MATERIAL_BALANCE, SO2_MEASURED -> new Amounts(0, 0, 0, v, 0, 0, 0, 1, est);
                case COD -> new Amounts(0, 0, 0, 0, v, 0, 0, 1, est);
                case NH3_N -> new Amounts(0, 0, 0, 0, 0, v, 0, 1, est);
                case ENERGY -> new Amounts(0, 0, 0, 0, 0, 0, v, 1, est);
                case NOX -> Amounts.stackMeasured(v, 0, 1, est);
                case PARTICULATE -> Amounts.stackMeasured(0, v, 1, est);
            };
        }
    }

}
