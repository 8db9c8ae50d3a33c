package org.parkwatch.api;

import java.util.Optional;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.apache.kafka.common.errors.TimeoutException;
import org.parkwatch.report.PeriodReport;
import org.parkwatch.report.ReportFormat;
import org.parkwatch.report.Reports;

/**
 * A park's monthly or annual report, as CSV, HTML or PDF: the same document as {@code ./parkwatch report}, read from
 * the topics (not the state stores), so any instance answers it whole.
 */
final class ReportHandlers {

    private final Optional<Reports> reports;

    /** @param reports empty for an API started without a Kafka connection of its own (tests of other routes) */
    ReportHandlers(Optional<Reports> reports) {
        this.reports = reports;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/parks/{id}/report", this::report);
    }

    private void report(Context ctx) {
        String park = ctx.pathParam("id");
        String period = Params.required(ctx, "period");
        String formatName = Optional.ofNullable(ctx.queryParam("format")).orElse("csv");
        ReportFormat format;
        try {
            format = ReportFormat.parse(formatName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Reports source = reports.orElseThrow(() -> ApiException.unavailable(
                "reports are not available on this instance: it was started without a report source"));
        PeriodReport report;
        try {
            report = source.build(park, period);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("the topics could not be read in time: " + e.getMessage());
        }
        ctx.header("Content-Disposition", "inline; filename=\"report-" + park.replaceAll("[^A-Za-z0-9_.-]", "_")
                + "-" + report.period().label() + "." + format.extension() + "\"");
        ctx.header("X-ParkWatch-Period-Open", Boolean.toString(report.open()));
        ctx.contentType(format.contentType()).result(source.render(report, format));
    }
}
