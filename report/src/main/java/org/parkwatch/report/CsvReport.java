package org.parkwatch.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.parkwatch.report.PeriodReport.AlertLine;
import org.parkwatch.report.PeriodReport.FactorUse;
import org.parkwatch.report.PeriodReport.RevisionLine;
import org.parkwatch.report.PeriodReport.SubjectReport;
import org.parkwatch.report.PeriodReport.TargetCheck;
import org.parkwatch.report.PeriodReport.ZeroCarbonCheck;

/**
 * A report as one CSV table (RFC 4180, UTF-8) of seven columns,
 * {@code section,subject_type,subject_id,item,value,unit,detail}. Figures are given in the ledger's exact
 * milligrams; the {@code ledger} section lists, per enterprise and figure, every entry with its amountMg, so each
 * figure can be summed again from the lines (the park's figures are the sums of its enterprises' lines).
 */
public final class CsvReport {

    static final String HEADER = "section,subject_type,subject_id,item,value,unit,detail";
    /** The figure of green electricity's energy (a part of ENERGY), as the ledger section names it. */
    static final String GREEN_ENERGY = "GREEN_ELECTRICITY_ENERGY";

    private CsvReport() {
    }

    public static byte[] render(PeriodReport r) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        String status = r.open() ? "OPEN" : "CLOSED";
        row(out, "report", "", "", "park", r.parkId(), "", "");
        row(out, "report", "", "", "period", r.period().label(), "", r.period().start() + "/" + r.period().end());
        row(out, "report", "", "", "status", status, "", r.open()
                ? "Period still open: the figures are provisional and may still change."
                : "Period closed: the pipeline published the park's closed total of the period.");
        row(out, "report", "", "", "generated_at", r.generatedAt().toString(), "", "");
        row(out, "report", "", "", "accounted_to", Numbers.time(r.accountedTo()), "",
                "latest accounting time (intervalEnd - 1 ms) among the period's entries");
        for (String note : r.notes()) {
            row(out, "note", "", "", "", "", "", note);
        }
        for (SubjectReport s : subjects(r)) {
            subject(out, s);
        }
        for (ZeroCarbonCheck z : r.zeroCarbon()) {
            var ref = z.reference();
            row(out, "zero-carbon", "PARK", r.parkId(), ref.id(), Numbers.full(z.value()), ref.unit(),
                    "reference " + (ref.isLowerLimit() ? ">= " : "<= ") + Numbers.full(ref.value()) + " " + ref.unit()
                            + " " + ref.tag() + "; " + z.verdict() + "; " + ref.indicator() + "; " + ref.programme()
                            + (ref.condition().isEmpty() ? "" : "; " + ref.condition()) + "; source: " + ref.source()
                            + "; basis: " + z.basis());
        }
        for (AlertLine a : r.alerts()) {
            row(out, "alert", a.subjectType(), a.subjectId(), a.alertId(), Numbers.full(a.value()), a.unit(),
                    a.transitionAt() + " " + a.severity() + " " + a.state() + " (" + a.cause() + "); rule " + a.ruleId()
                            + " " + a.metric() + " " + a.window() + " from " + a.windowStart() + "; limit "
                            + Numbers.full(a.limit()) + "; entries " + String.join(" ", a.ledgerEntryIds()) + "; "
                            + a.message());
        }
        for (FactorUse f : r.factors()) {
            row(out, "factor", "", "", f.factorKey() + "@" + f.validFrom(), Numbers.full(f.value()), f.unit(),
                    "source: " + f.source() + "; entries " + f.entries()
                            + f.publishedAt().map(t -> "; published " + t).orElse("")
                            + (f.status().isEmpty() ? "" : "; " + f.status()));
        }
        for (RevisionLine v : r.revisions()) {
            // value: the restatement the line comes from, so a reader can select one restatement's rows
            row(out, "revision", "", v.subject(), v.kind(), v.restatementId(), "", v.when() + ": "
                    + v.detail() + "; entries " + String.join(" ", v.entryIds()));
        }
        for (SubjectReport s : r.enterprises()) {
            for (Map.Entry<Measure, Figure> f : s.figures().entrySet()) {
                lines(out, s, f.getKey().name(), f.getValue());
            }
            lines(out, s, GREEN_ENERGY, s.cleanEnergy().greenEnergy());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<SubjectReport> subjects(PeriodReport r) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(r.park()), r.enterprises().stream())
                .toList();
    }

    private static void subject(StringBuilder out, SubjectReport s) {
        String type = s.subjectType();
        String id = s.subjectId();
        if (type.equals("ENTERPRISE")) {
            row(out, "subject", type, id, "name", s.name(), "", "sector " + s.sector());
        }
        String traced = type.equals("PARK") ? "the sum of its enterprises' ledger lines" : "ledger lines below";
        for (Map.Entry<Measure, Figure> f : s.figures().entrySet()) {
            Measure m = f.getKey();
            row(out, "figure", type, id, m.name(), Long.toString(f.getValue().amountMg()),
                    m == Measure.ENERGY ? "mgce" : "mg", Numbers.amount(m, f.getValue().amountMg(), 9) + " " + m.unit()
                            + "; " + f.getValue().lines().size() + " entries; " + traced);
        }
        var i = s.intensities();
        for (IntensityMetric m : IntensityMetric.values()) {
            row(out, "intensity", type, id, m.metric(), Numbers.full(i.value(m)), m.unit(),
                    m == IntensityMetric.CO2_PER_TCE ? "all emissions and energy of the elapsed period"
                            : "status " + i.status() + "; IAV " + Numbers.full(i.addedValue()) + " 10^4 RMB over "
                            + i.coveredHours() + " of " + i.elapsedHours() + " hours; reports "
                            + String.join(" ", i.iavReportIds()));
        }
        for (TargetCheck t : s.targets()) {
            row(out, "target", type, id, t.ruleId() + " v" + t.ruleVersion(), Numbers.full(t.limit()), t.unit(),
                    t.metric().metric() + " " + Numbers.full(t.value()) + ": " + t.verdict() + "; rule window "
                            + t.ruleWindow() + (t.warningLevel() == null ? "" : "; warning " + Numbers.full(
                            t.warningLevel())) + "; source: " + t.source());
        }
        var c = s.cleanEnergy();
        row(out, "clean-energy", type, id, "green_electricity_energy",
                Long.toString(c.greenEnergy().amountMg()), "mgce",
                c.greenEnergy().lines().size() + " entries; " + traced);
        row(out, "clean-energy", type, id, "share_of_energy",
                Numbers.full(c.shareOfEnergy(s.figure(Measure.ENERGY).amountMg())), "fraction", "");
        row(out, "clean-energy", type, id, "green_electricity_kwh", Numbers.full(c.greenKwh()), "kWh",
                "of " + Numbers.full(c.electricityKwh()) + " kWh of electricity");
        var q = s.completeness();
        row(out, "completeness", type, id, "readings_received", Long.toString(q.readingsReceived()), "readings",
                "expected " + q.readingsExpected() + " from " + q.sources()
                        + " sources' own reading intervals; share " + Numbers.full(q.receivedShare()));
        row(out, "completeness", type, id, "estimated_entries", Long.toString(q.estimatedEntries()), "entries",
                "of " + q.entries() + "; share " + Numbers.full(q.estimatedShare()));
    }

    private static void lines(StringBuilder out, SubjectReport s, String figure, Figure f) {
        for (Figure.Line l : f.lines()) {
            row(out, "ledger", s.subjectType(), s.subjectId(), figure, Long.toString(l.amountMg()),
                    figure.equals(Measure.ENERGY.name()) || figure.equals(GREEN_ENERGY) ? "mgce" : "mg",
                    l.entryId());
        }
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(cells[i]));
        }
        out.append("\r\n");
    }

    /** RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled. */
    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
