package org.parkwatch.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A park's report over one period: what the CSV, HTML and PDF renderings show. Every summed figure carries the
 * ledger entries it is the exact sum of.
 *
 * @param open          true while the period's park window has no closed total yet (or the period has not ended):
 *                      its figures may still grow, and every rendering says so on every page
 * @param accountedTo   the latest accounting time among the period's entries, if any
 * @param park          the park's figures (the sum of its enterprises)
 * @param enterprises   each enterprise with entries in the period or registered in the park, by id
 * @param zeroCarbon    the zero-carbon park indicators against their reference values (park level)
 * @param notes         what the reader must know to read the figures (missing IAV, duplicates dropped...)
 */
public record PeriodReport(String parkId, ReportPeriod period, Instant generatedAt, boolean open,
                           Optional<Instant> accountedTo, SubjectReport park, List<SubjectReport> enterprises,
                           List<AlertLine> alerts, List<FactorUse> factors, List<RevisionLine> revisions,
                           List<ZeroCarbonCheck> zeroCarbon, List<String> notes) {

    public PeriodReport {
        enterprises = List.copyOf(enterprises);
        alerts = List.copyOf(alerts);
        factors = List.copyOf(factors);
        revisions = List.copyOf(revisions);
        zeroCarbon = List.copyOf(zeroCarbon);
        notes = List.copyOf(notes);
    }

    /** One subject (the park or an enterprise). */
    public record SubjectReport(String subjectType, String subjectId, String name, String sector,
                                Map<Measure, Figure> figures, CleanEnergy cleanEnergy, Intensities intensities,
                                Completeness completeness, List<TargetCheck> targets) {

        public Figure figure(Measure m) {
            return figures.getOrDefault(m, Figure.ZERO);
        }
    }

    /**
     * Green electricity (bought through green-power trading, the only clean source among ParkWatch's inputs) as a
     * share of energy and of electricity.
     *
     * @param greenEnergy       energy entries of green electricity (mgce)
     * @param greenKwh          green electricity, kWh (formula input electricityKwh of those entries)
     * @param electricityKwh    all electricity, kWh
     */
    public record CleanEnergy(Figure greenEnergy, double greenKwh, double electricityKwh) {

        /** Green electricity's share of all energy (tce), empty without energy. */
        public OptionalDouble shareOfEnergy(long energyMgce) {
            return energyMgce > 0 ? OptionalDouble.of((double) greenEnergy.amountMg() / energyMgce)
                    : OptionalDouble.empty();
        }

        /** Green electricity's share of all electricity (kWh), empty without electricity. */
        public OptionalDouble shareOfElectricity() {
            return electricityKwh > 0 ? OptionalDouble.of(greenKwh / electricityKwh) : OptionalDouble.empty();
        }
    }

    /**
     * Intensities over the covered hours of the period (README, Intensity per unit of industrial added value).
     *
     * @param status        AVAILABLE, PARTIAL or PENDING, as the pipeline's
     * @param addedValue    IAV of the covered hours, 10^4 RMB
     * @param values        by metric name of the threshold rules (co2.intensity.location...)
     * @param iavReportIds  the IAV reports used
     */
    public record Intensities(String status, double addedValue, long coveredHours, long elapsedHours,
                              Map<IntensityMetric, OptionalDouble> values, List<String> iavReportIds) {

        public OptionalDouble value(IntensityMetric m) {
            return values.getOrDefault(m, OptionalDouble.empty());
        }
    }

    /**
     * How complete the data is: readings received against those expected from each source's own reading interval
     * over the elapsed part of the period, and the share of entries estimated with a discharge factor.
     */
    public record Completeness(int sources, long readingsReceived, long readingsExpected, long entries,
                               long estimatedEntries) {

        public OptionalDouble receivedShare() {
            return readingsExpected > 0 ? OptionalDouble.of((double) readingsReceived / readingsExpected)
                    : OptionalDouble.empty();
        }

        public OptionalDouble estimatedShare() {
            return entries > 0 ? OptionalDouble.of((double) estimatedEntries / entries) : OptionalDouble.empty();
        }
    }

    /** A threshold rule in force for a subject, and where the subject's figure stands against it. */
    public record TargetCheck(String ruleId, int ruleVersion, IntensityMetric metric, String ruleWindow,
                              Double warningLevel, double limit, String unit, OptionalDouble value, Verdict verdict,
                              String source) {
    }

    /** Where a figure stands against a level. */
    public enum Verdict { WITHIN, WARNING, ABOVE_LIMIT, BELOW_MINIMUM, NO_VALUE }

    /** One transition of an alert of the park in the period. */
    public record AlertLine(String alertId, String ruleId, String subjectType, String subjectId, String metric,
                            String window, Instant windowStart, String severity, String state, double value,
                            double limit, String unit, Instant transitionAt, String cause, String message,
                            List<String> ledgerEntryIds) {
    }

    /**
     * A factor version that priced entries of the period.
     *
     * @param entries         the lines of the period it priced (reversing entries, which repeat a line's factors
     *                        negated, are not counted)
     * @param reversedEntries how many of those lines a restatement has reversed since
     * @param restatementIds  the restatements that reversed them
     * @param supersededFrom  the validFrom of a later version of the same key that is now in force for part of the
     *                        activity whose lines are not reversed yet: those lines are due for restatement
     */
    public record FactorUse(String factorKey, Instant validFrom, double value, String unit, String source,
                            long entries, Optional<Instant> publishedAt, Optional<Instant> supersededFrom,
                            long reversedEntries, List<String> restatementIds) {

        public FactorUse {
            restatementIds = List.copyOf(restatementIds);
        }

        /** Every line it priced in the period was reversed by a restatement: the version is no longer in use. */
        public boolean supersededByRestatement() {
            return entries > 0 && reversedEntries == entries;
        }

        /** How the version stands: superseded by a restatement, partly restated, due for restatement, or none. */
        public String status() {
            String by = String.join(" ", restatementIds);
            if (supersededByRestatement()) {
                return "superseded: all " + entries + " lines reversed by restatement " + by;
            }
            String reversed = reversedEntries > 0 ? reversedEntries + " of " + entries
                    + " lines reversed by restatement " + by : "";
            String due = supersededFrom.map(t -> "by the version valid from " + t
                    + ": entries after it are due for restatement").orElse("");
            return reversed.isEmpty() ? due : due.isEmpty() ? reversed : reversed + "; " + due;
        }
    }

    /**
     * A revision or restatement that moved the period's figures; see {@link RevisionsApplied}.
     *
     * @param restatementId the restatement it comes from, empty for a revision of another cause
     */
    public record RevisionLine(String kind, String subject, String window, Instant windowStart,
                               String restatementId, String detail, List<String> entryIds) {

        public RevisionLine {
            entryIds = List.copyOf(entryIds);
        }

        /** The window, or for a line of no window the instant it is about (entry's accounting time, request). */
        public String when() {
            return window.isEmpty() ? windowStart.toString() : window + " " + windowStart;
        }
    }

    /** A zero-carbon park indicator of the park, against a reference value. */
    public record ZeroCarbonCheck(ZeroCarbonReferences.ReferenceValue reference, OptionalDouble value,
                                  Verdict verdict, String basis) {
    }
}
