package org.parkwatch.report;

import java.time.ZoneId;

/** Makes reports: reads the inputs from a source, builds the report, renders it. What the CLI and the API call. */
public final class Reports {

    private final ReportSource source;
    private final ZoneId zone;
    private final PdfReport pdf;

    /** @param zone the park's local calendar (parkwatch.calendar.zone), which sets the period's boundaries */
    public Reports(ReportSource source, ZoneId zone, PdfFonts fonts) {
        this.source = source;
        this.zone = zone;
        this.pdf = new PdfReport(fonts);
    }

    /**
     * The report of a park over a period ({@code 2025-03} or {@code 2025}).
     *
     * @throws IllegalArgumentException for a period that is not a month or a year
     */
    public PeriodReport build(String parkId, String period) {
        ReportPeriod p = ReportPeriod.parse(period, zone);
        return ReportBuilder.build(source.inputsFor(parkId, p));
    }

    public byte[] render(PeriodReport report, ReportFormat format) {
        return switch (format) {
            case CSV -> CsvReport.render(report);
            case HTML -> HtmlReport.render(report);
            case PDF -> pdf.render(report);
        };
    }
}
