package org.parkwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class RenderingTest {

    private static final ReportPeriod MARCH = ReportPeriod.parse("2025-03", ZoneId.of("Asia/Shanghai"));
    private static final Instant AFTER_MARCH = Instant.parse("2025-04-05T00:00:00Z");

    private final ReportFixture park = new ReportFixture();

    private PeriodReport closed() {
        return ReportBuilder.build(park.inputs(MARCH, AFTER_MARCH, ReportFixture.closedTotals()));
    }

    private PeriodReport open() {
        return ReportBuilder.build(park.inputs(MARCH, AFTER_MARCH, List.of()));
    }

    /** Parses RFC 4180 rows (quoted cells may hold commas and doubled quotes; the report writes no line breaks in cells). */
    static List<List<String>> csv(byte[] bytes) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r\n")) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void shouldListInTheCsvTheLedgerLinesThatEachFigureSumsTo() {
        List<List<String>> rows = csv(CsvReport.render(closed()));
        assertThat(rows.get(0)).containsExactly("section", "subject_type", "subject_id", "item", "value", "unit",
                "detail");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(7));
        Map<String, Long> lineSums = new HashMap<>();
        Map<String, Long> parkLineSums = new HashMap<>();
        for (List<String> r : rows) {
            if (r.get(0).equals("ledger")) {
                lineSums.merge(r.get(2) + "/" + r.get(3), Long.parseLong(r.get(4)), Long::sum);
                parkLineSums.merge(r.get(3), Long.parseLong(r.get(4)), Long::sum);
            }
        }
        int figures = 0;
        for (List<String> r : rows) {
            if (r.get(0).equals("figure")) {
                figures++;
                long value = Long.parseLong(r.get(4));
                long lines = r.get(1).equals("PARK") ? parkLineSums.getOrDefault(r.get(3), 0L)
                        : lineSums.getOrDefault(r.get(2) + "/" + r.get(3), 0L);
                assertThat(lines).as(String.join(",", r)).isEqualTo(value);
            }
        }
        // 10 figures (one per Measure, stack-measured NOx and particulate included) for the park and each of its
        // two enterprises
        assertThat(figures).isEqualTo(30);
        // hand-worked: E2's COD lines 80 + 50 + 10 kg; the park's CO2 scope 1 is E1's coal
        assertThat(lineSums).containsEntry("E2/COD", 140_000_000L).containsEntry("E1/CO2_SCOPE1", 18_665_366_104L);
        assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("figure", "PARK", "park-1", "CO2_SCOPE1",
                "18665366104", "mg", "18.665366104 t; 1 entries; the sum of its enterprises' ledger lines"));
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(0, 5))
                .containsExactly("report", "", "", "status", "CLOSED"));
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(0, 4))
                .containsExactly("zero-carbon", "PARK", "park-1", "national-2025.co2-per-tce"));
        assertThat(rows).filteredOn(r -> r.get(3).equals("national-2025.co2-per-tce"))
                .singleElement().satisfies(r -> assertThat(r.get(6)).contains("[S, single source]"));
        // the enterprise's name is kept as written
        assertThat(rows).anySatisfy(r -> assertThat(r.subList(0, 5))
                .containsExactly("subject", "ENTERPRISE", "E1", "name", ReportFixture.E1_NAME));
    }

    @Test
    void shouldMarkAnOpenPeriodInTheCsvAndTheHtml() {
        PeriodReport r = open();
        assertThat(csv(CsvReport.render(r))).anySatisfy(row -> assertThat(row.subList(0, 5))
                .containsExactly("report", "", "", "status", "OPEN"));
        String html = new String(HtmlReport.render(r), StandardCharsets.UTF_8);
        assertThat(html).contains("@top-center { content: \"PERIOD OPEN: provisional figures");
        // each figure links to its ledger lines, which the document lists
        assertThat(html).contains("<a href=\"#L-E2-COD\">140.000</a>").contains("<h3 id=\"L-E2-COD\">")
                .contains("w2:COD:NONE 50000000;");
        assertThat(html).contains(ReportFixture.E1_NAME);
    }

    private static List<String> pageTexts(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            return pages;
        }
    }

    @Test
    void shouldSayOnEveryPageOfThePdfThatThePeriodIsOpen() throws IOException {
        PdfFonts fonts = PdfFonts.onThisMachine();
        List<String> pages = pageTexts(new PdfReport(fonts).render(open()));
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(pages).allSatisfy(text -> assertThat(text).contains("PERIOD OPEN: provisional figures"));
        // table cells wrap: words compared with any run of white space as one space
        String all = String.join("\n", pages).replaceAll("\\s+", " ");
        assertThat(all).contains("ParkWatch report: park park-1, 2025-03").contains("Zero-carbon park indicators")
                .contains("[S, single source]").contains("18.665");
        // the Chinese name prints as itself with a CJK font, as its code points without one (never a missing glyph)
        assertThat(all.replace(" ", "")).contains(fonts.hasCjk() ? ReportFixture.E1_NAME
                : "[U+534E][U+4E1C][U+5316][U+5DE5]");
    }

    @Test
    void shouldNotMarkTheClosedPeriodsPagesOpen() {
        // the page header is the document's own CSS rule, which the PDF test above reads back on every page
        String html = new String(HtmlReport.render(closed()), StandardCharsets.UTF_8);
        assertThat(html).contains("@top-center { content: \"Closed period 2025-03\"").doesNotContain("PERIOD OPEN");
    }

    @Test
    void shouldWriteWhatNoFontCanShowAsItsCodePoints() {
        PdfFonts none = PdfFonts.of(List.of(Path.of("/nonexistent.ttf")), List.of());
        assertThat(none.printable("华东 Chemicals ≤ 0.2")).isEqualTo("[U+534E][U+4E1C] Chemicals [U+2264] 0.2");
    }
}
