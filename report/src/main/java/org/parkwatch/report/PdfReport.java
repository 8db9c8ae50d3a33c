package org.parkwatch.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A report as PDF: the {@link HtmlReport} document rendered by OpenHTMLtoPDF (PDFBox underneath), with the fonts
 * {@link PdfFonts} finds embedded. Page headers and footers come from the document's CSS paged-media rules, so an
 * open period is marked at the top of every page.
 */
public final class PdfReport {

    private final PdfFonts fonts;

    public PdfReport(PdfFonts fonts) {
        this.fonts = fonts;
    }

    public byte[] render(PeriodReport r) {
        String html = HtmlReport.document(r, fonts::printable)
                .replace("'DejaVu Sans', sans-serif", fonts.cssFamilies());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            for (PdfFonts.Registered f : fonts.registered()) {
                builder.useFont(f.file().toFile(), f.family());
            }
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF of report " + r.parkId() + " " + r.period().label(), e);
        }
        return out.toByteArray();
    }
}
