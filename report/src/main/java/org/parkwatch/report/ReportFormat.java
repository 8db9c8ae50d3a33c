package org.parkwatch.report;

import java.util.Locale;

/** The renderings of a report. */
public enum ReportFormat {
    CSV("text/csv; charset=utf-8", "csv"),
    HTML("text/html; charset=utf-8", "html"),
    PDF("application/pdf", "pdf");

    private final String contentType;
    private final String extension;

    ReportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** @throws IllegalArgumentException for a name other than csv, html or pdf (any case) */
    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format " + name + " is not one of csv, html, pdf", e);
        }
    }
}
