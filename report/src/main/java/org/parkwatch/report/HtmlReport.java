package org.parkwatch.report;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.parkwatch.report.PeriodReport.AlertLine;
import org.parkwatch.report.PeriodReport.FactorUse;
import org.parkwatch.report.PeriodReport.RevisionLine;
import org.parkwatch.report.PeriodReport.SubjectReport;
import org.parkwatch.report.PeriodReport.TargetCheck;
import org.parkwatch.report.PeriodReport.ZeroCarbonCheck;

/**
 * A report as a printable XHTML document (well-formed, so that the PDF renderer reads the very same document). Each
 * figure links to the list of its ledger entries; a period still open says so at the top of the page, in a banner
 * at its end, and in the header of every printed page (CSS paged media, which the PDF renderer honours).
 */
public final class HtmlReport {

    /**
     * Beyond this many ledger lines in a report, the document lists counts only and points to the CSV and to
     * /api/ledger, which give every line: a year of minute readings would make a document nobody can print.
     */
    static final int MAX_LISTED_LINES = 5000;

    private final UnaryOperator<String> text;
    private final StringBuilder out = new StringBuilder();

    private HtmlReport(UnaryOperator<String> text) {
        this.text = text;
    }

    public static byte[] render(PeriodReport r) {
        return document(r, UnaryOperator.identity()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document, with every text passed through {@code text} before escaping (the PDF rendering uses it to
     * write characters its fonts lack as their code points).
     */
    static String document(PeriodReport r, UnaryOperator<String> text) {
        return new HtmlReport(text).write(r);
    }

    /** The line every page of an open period's report carries. */
    static String openMark(PeriodReport r) {
        return "PERIOD OPEN: provisional figures" + r.accountedTo().map(t -> ", accounted to " + t).orElse("")
                + ", generated " + r.generatedAt();
    }

    private String write(PeriodReport r) {
        String title = "ParkWatch report: park " + r.parkId() + ", " + r.period().label();
        String pageMark = r.open() ? openMark(r) : "Closed period " + r.period().label();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(esc(title)).append("</title><style>\n")
                .append("@page { size: A4 landscape; margin: 20mm 12mm 16mm 12mm;\n")
                .append("  @top-center { content: \"").append(css(pageMark)).append("\"; font-family: 'DejaVu Sans',")
                .append(" sans-serif; font-size: 9pt; color: ").append(r.open() ? "#b00000" : "#444444").append("; }\n")
                .append("  @bottom-left { content: \"").append(css(title))
                .append("\"; font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; }\n")
                .append("  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);")
                .append(" font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; }")
                .append(" }\n")
                .append("body { font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; }\n")
                .append("table { border-collapse: collapse; margin: 4pt 0 10pt 0; }\n")
                .append("th, td { border: 0.5pt solid #999999; padding: 2pt 4pt; vertical-align: top; }\n")
                .append("td.n { text-align: right; } .open { color: #b00000; font-weight: bold; border: 1pt solid")
                .append(" #b00000; padding: 4pt; }\n .small { font-size: 6.5pt; word-wrap: break-word; }\n")
                .append(".tag { white-space: nowrap; }\n")
                .append("</style></head><body>\n");
        out.append("<h1>").append(esc(title)).append("</h1>\n");
        if (r.open()) {
            out.append("<p class=\"open\">").append(esc(openMark(r))).append("</p>\n");
        }
        out.append("<p>Period ").append(esc(r.period().start() + " to " + r.period().end()))
                .append(" (UTC; local calendar ").append(esc(r.period().zone().getId())).append("). Generated ")
                .append(esc(r.generatedAt().toString())).append(". Status: ")
                .append(r.open() ? "open" : "closed (the pipeline published the park's closed total)").append(".</p>\n");
        if (!r.notes().isEmpty()) {
            out.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> out.append("<li>").append(esc(n)).append("</li>"));
            out.append("</ul>\n");
        }
        figures(r);
        intensities(r);
        targets(r);
        zeroCarbon(r);
        dataQuality(r);
        alerts(r);
        factors(r);
        revisions(r);
        ledger(r);
        if (r.open()) {
            out.append("<p class=\"open\">").append(esc(openMark(r))).append("</p>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private void figures(PeriodReport r) {
        out.append("<h2>Emissions and energy</h2>\n<p>Exact sums of the ledger entries (integer milligrams), shown ")
                .append("rounded to 3 decimals. Scope 2 location- and market-based are two views of the same ")
                .append("energy, never added. Each figure links to its ledger entries.</p>\n<table><tr><th>Subject</th>");
        for (Measure m : Measure.values()) {
            out.append("<th>").append(esc(m.label() + " (" + m.unit() + ")")).append("</th>");
        }
        out.append("</tr>\n");
        for (SubjectReport s : subjects(r)) {
            out.append("<tr><td>").append(esc(label(s))).append("</td>");
            for (Measure m : Measure.values()) {
                Figure f = s.figure(m);
                String cell = Numbers.amount(m, f.amountMg(), 3);
                out.append("<td class=\"n\">");
                // the park's entries are listed under its enterprises
                if (f.lines().isEmpty() || s.subjectType().equals("PARK")) {
                    out.append(esc(cell));
                } else {
                    out.append("<a href=\"#").append(anchor(s, m.name())).append("\">").append(esc(cell))
                            .append("</a>");
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private void intensities(PeriodReport r) {
        out.append("<h2>Intensities</h2>\n<p>Emissions of the hours IAV reports cover, per 10^4 RMB of the IAV of ")
                .append("the same hours; CO2 per tce over all emissions and energy.</p>\n<table><tr><th>Subject</th>")
                .append("<th>Status</th><th>IAV (10^4 RMB)</th><th>Covered hours</th>");
        for (IntensityMetric m : IntensityMetric.values()) {
            out.append("<th>").append(esc(m.label() + " (" + m.unit() + ")")).append("</th>");
        }
        out.append("</tr>\n");
        for (SubjectReport s : subjects(r)) {
            var i = s.intensities();
            out.append("<tr><td>").append(esc(label(s))).append("</td><td>").append(esc(i.status()))
                    .append("</td><td class=\"n\">").append(esc(Numbers.rounded(i.addedValue(), 2)))
                    .append("</td><td class=\"n\">").append(i.coveredHours()).append(" / ").append(i.elapsedHours())
                    .append("</td>");
            for (IntensityMetric m : IntensityMetric.values()) {
                out.append("<td class=\"n\">").append(esc(Numbers.rounded(i.value(m), 4))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private void targets(PeriodReport r) {
        out.append("<h2>Targets in force</h2>\n<p>Threshold rules on the rules topic that apply to each subject ")
                .append("(the most specific scope per metric), against the period's figure.</p>\n")
                .append("<table><tr><th>Subject</th><th>Rule</th><th>Metric</th><th>Value</th><th>Warning</th>")
                .append("<th>Limit</th><th>Unit</th><th>Verdict</th><th>Rule window</th><th>Source</th></tr>\n");
        for (SubjectReport s : subjects(r)) {
            for (TargetCheck t : s.targets()) {
                out.append("<tr><td>").append(esc(label(s))).append("</td><td>")
                        .append(esc(t.ruleId() + " v" + t.ruleVersion())).append("</td><td>")
                        .append(esc(t.metric().metric())).append("</td><td class=\"n\">")
                        .append(esc(Numbers.rounded(t.value(), 4))).append("</td><td class=\"n\">")
                        .append(t.warningLevel() == null ? "" : esc(Numbers.full(t.warningLevel())))
                        .append("</td><td class=\"n\">").append(esc(Numbers.full(t.limit()))).append("</td><td>")
                        .append(esc(t.unit())).append("</td><td>").append(t.verdict()).append("</td><td>")
                        .append(esc(t.ruleWindow())).append("</td><td class=\"small\">").append(esc(t.source()))
                        .append("</td></tr>\n");
            }
        }
        out.append("</table>\n");
    }

    private void zeroCarbon(PeriodReport r) {
        out.append("<h2>Zero-carbon park indicators</h2>\n<p>Reference values with their sources and confidence ")
                .append("tags ([S] secondary source; \"single source\": one secondary source only, to be verified ")
                .append("against the notice's text).</p>\n<table><tr><th>Indicator</th><th>Park</th>")
                .append("<th>Reference</th><th>Tag</th><th>Verdict</th><th>Programme and source</th><th>Basis</th>")
                .append("</tr>\n");
        for (ZeroCarbonCheck z : r.zeroCarbon()) {
            var ref = z.reference();
            out.append("<tr><td>").append(esc(ref.indicator())).append("</td><td class=\"n\">")
                    .append(esc(Numbers.rounded(z.value(), 4) + " " + ref.unit())).append("</td><td class=\"n\">")
                    .append(esc((ref.isLowerLimit() ? ">= " : "<= ") + Numbers.full(ref.value()) + " " + ref.unit()
                            + (ref.condition().isEmpty() ? "" : " (" + ref.condition() + ")")))
                    .append("</td><td class=\"tag\">").append(esc(ref.tag())).append("</td><td>").append(z.verdict())
                    .append("</td><td class=\"small\">").append(esc(ref.programme() + "; " + ref.source()))
                    .append("</td><td class=\"small\">").append(esc(z.basis())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void dataQuality(PeriodReport r) {
        out.append("<h2>Clean energy and data completeness</h2>\n<p>Readings expected from each source's own ")
                .append("reading interval over the elapsed period (a source that sent nothing is not seen); ")
                .append("estimated: entries priced with a discharge factor instead of a measurement.</p>\n")
                .append("<table><tr><th>Subject</th><th>Green electricity (kWh)</th><th>Electricity (kWh)</th>")
                .append("<th>Green share of energy</th><th>Sources</th><th>Readings received / expected</th>")
                .append("<th>Estimated entries</th></tr>\n");
        for (SubjectReport s : subjects(r)) {
            var c = s.cleanEnergy();
            var q = s.completeness();
            out.append("<tr><td>").append(esc(label(s))).append("</td><td class=\"n\">")
                    .append(esc(Numbers.rounded(c.greenKwh(), 1))).append("</td><td class=\"n\">")
                    .append(esc(Numbers.rounded(c.electricityKwh(), 1))).append("</td><td class=\"n\">")
                    .append(esc(percent(c.shareOfEnergy(s.figure(Measure.ENERGY).amountMg()))))
                    .append("</td><td class=\"n\">").append(q.sources()).append("</td><td class=\"n\">")
                    .append(q.readingsReceived()).append(" / ").append(q.readingsExpected()).append(" (")
                    .append(esc(percent(q.receivedShare()))).append(")</td><td class=\"n\">")
                    .append(q.estimatedEntries()).append(" / ").append(q.entries()).append(" (")
                    .append(esc(percent(q.estimatedShare()))).append(")</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void alerts(PeriodReport r) {
        out.append("<h2>Alerts of the period</h2>\n");
        if (r.alerts().isEmpty()) {
            out.append("<p>No alert transition of the park's windows in the period on the alerts topic (kept 30 ")
                    .append("days).</p>\n");
            return;
        }
        out.append("<table><tr><th>At</th><th>Alert</th><th>Subject</th><th>Metric</th><th>Window</th>")
                .append("<th>Severity</th><th>State</th><th>Value</th><th>Limit</th><th>Cause</th><th>Entries</th>")
                .append("</tr>\n");
        for (AlertLine a : r.alerts()) {
            out.append("<tr><td>").append(esc(a.transitionAt().toString())).append("</td><td class=\"small\">")
                    .append(esc(a.alertId())).append("</td><td>").append(esc(a.subjectType() + " " + a.subjectId()))
                    .append("</td><td>").append(esc(a.metric())).append("</td><td>")
                    .append(esc(a.window() + " " + a.windowStart())).append("</td><td>").append(esc(a.severity()))
                    .append("</td><td>").append(esc(a.state())).append("</td><td class=\"n\">")
                    .append(esc(Numbers.rounded(a.value(), 4))).append("</td><td class=\"n\">")
                    .append(esc(Numbers.full(a.limit()) + " " + a.unit())).append("</td><td>").append(esc(a.cause()))
                    .append("</td><td class=\"small\">").append(esc(String.join(" ", a.ledgerEntryIds())))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void factors(PeriodReport r) {
        out.append("<h2>Factor versions used</h2>\n<table><tr><th>Factor</th><th>Valid from</th><th>Value</th>")
                .append("<th>Unit</th><th>Entries</th><th>Published</th><th>Superseded</th><th>Source</th></tr>\n");
        for (FactorUse f : r.factors()) {
            out.append("<tr><td>").append(esc(f.factorKey())).append("</td><td>")
                    .append(esc(f.validFrom().toString())).append("</td><td class=\"n\">")
                    .append(esc(Numbers.full(f.value()))).append("</td><td>").append(esc(f.unit()))
                    .append("</td><td class=\"n\">").append(f.entries()).append("</td><td>")
                    .append(esc(Numbers.time(f.publishedAt()))).append("</td><td>")
                    .append(esc(f.status())).append("</td><td class=\"small\">")
                    .append(esc(f.source())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void revisions(PeriodReport r) {
        out.append("<h2>Revisions and restatements applied</h2>\n");
        if (r.revisions().isEmpty()) {
            out.append("<p>None seen: no closed window of the period was published again, no restatement moved ")
                    .append("a month of it, and no reversing ledger entry was appended.</p>\n");
            return;
        }
        // a restatement of a year of hourly meters appends tens of thousands of entries: past the ledger's limit,
        // the document keeps the restatements and their months and leaves the entries to the CSV, as the ledger does
        long cited = r.revisions().stream().mapToLong(v -> v.entryIds().size()).sum();
        boolean listEntries = cited <= MAX_LISTED_LINES;
        if (!listEntries) {
            out.append("<p>").append(cited).append(" ledger entries cited: too many to print. The CSV rendering ")
                    .append("lists every reversing and restated entry (section revision).</p>\n");
        }
        out.append("<table><tr><th>Kind</th><th>Subject</th><th>Window or time</th><th>Restatement</th>")
                .append("<th>Detail</th><th>Entries</th></tr>\n");
        for (RevisionLine v : r.revisions()) {
            boolean entryLine = v.kind().equals(RevisionsApplied.REVERSING_ENTRY)
                    || v.kind().equals(RevisionsApplied.RESTATED_ENTRY)
                    || v.kind().equals(RevisionsApplied.CEMS_SUPERSEDED_ENTRY);
            if (!listEntries && entryLine) {
                continue;
            }
            out.append("<tr><td>").append(esc(v.kind())).append("</td><td>").append(esc(v.subject()))
                    .append("</td><td>").append(esc(v.when())).append("</td><td>").append(esc(v.restatementId()))
                    .append("</td><td>").append(esc(v.detail())).append("</td><td class=\"small\">")
                    .append(esc(listEntries ? String.join(" ", v.entryIds()) : v.entryIds().size() + " entries"))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void ledger(PeriodReport r) {
        long total = r.enterprises().stream().flatMap(s -> s.figures().values().stream())
                .mapToLong(f -> f.lines().size()).sum();
        out.append("<h2>Ledger entries behind each figure</h2>\n");
        if (total > MAX_LISTED_LINES) {
            out.append("<p>").append(total).append(" ledger entries: too many to print. The CSV rendering lists ")
                    .append("every one with its amount (section ledger), and /api/ledger?enterprise= gives them ")
                    .append("with their formula inputs.</p>\n");
            return;
        }
        out.append("<p>The park's figures are the sums of its enterprises' entries.</p>\n");
        for (SubjectReport s : r.enterprises()) {
            for (Map.Entry<Measure, Figure> f : s.figures().entrySet()) {
                if (f.getValue().lines().isEmpty()) {
                    continue;
                }
                out.append("<h3 id=\"").append(anchor(s, f.getKey().name())).append("\">")
                        .append(esc(label(s) + ": " + f.getKey().label() + ", "
                                + Numbers.amount(f.getKey(), f.getValue().amountMg(), 9) + " " + f.getKey().unit()
                                + " = " + f.getValue().amountMg() + " mg"))
                        .append("</h3>\n<p class=\"small\">");
                for (Figure.Line l : f.getValue().lines()) {
                    out.append(esc(l.entryId() + " " + l.amountMg())).append("; ");
                }
                out.append("</p>\n");
            }
        }
    }

    private static java.util.List<SubjectReport> subjects(PeriodReport r) {
        java.util.List<SubjectReport> all = new java.util.ArrayList<>();
        all.add(r.park());
        all.addAll(r.enterprises());
        return all;
    }

    private static String label(SubjectReport s) {
        return s.subjectType().equals("PARK") ? "Park " + s.subjectId() : s.subjectId() + " " + s.name();
    }

    private static String anchor(SubjectReport s, String figure) {
        // ids must be XML names: keep letters, digits, '-' and '_'
        return ("L-" + s.subjectId() + "-" + figure).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String percent(java.util.OptionalDouble share) {
        return share.isPresent() ? Numbers.rounded(share.getAsDouble() * 100, 1) + " %" : "n/a";
    }

    private String esc(String s) {
        String t = text.apply(s == null ? "" : s);
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    private String css(String s) {
        // inside <style>, which the XML parser reads too: & and < escaped for it
        return text.apply(s).replace("\\", "\\\\").replace("\"", "\\\"").replace("&", "&amp;")
                .replace("<", "&lt;");
    }
}
