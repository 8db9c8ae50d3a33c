package org.parkwatch.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.report.ConfiguredReports;
import org.parkwatch.report.PeriodReport;
import org.parkwatch.report.ReportFormat;
import org.parkwatch.report.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a park's report of a month or a year, read from the ledger and reference topics. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a park's report of a month or a year as CSV, HTML or PDF: emissions, energy, "
                + "intensities against the targets in force, zero-carbon park indicators, data completeness, alerts, "
                + "factor versions and revisions, each figure traced to its ledger entries (README, Reports).",
                "Stops at once, naming it, when the Kafka cluster or the Schema Registry does not answer within "
                        + "parkwatch.connect.timeout.ms (10 s)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:written", "2:bad arguments or configuration",
                "3:the Kafka cluster or the Schema Registry cannot be reached"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration = new ConfigurationOptions();

    @Option(names = "--park", required = true, description = "The parkId.")
    String park;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM|YYYY",
            description = "A month (2025-03) or a year (2025) of the park calendar (parkwatch.calendar.zone).")
    String period;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|html|pdf",
            description = "csv, html or pdf (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(configuration.file(),
                configuration.overrides());
        ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
        check.kafka(config.kafka());
        check.registry(config.registry());
        Reports reports = ConfiguredReports.of(config);
        PeriodReport report;
        try {
            report = reports.build(park, period);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        byte[] bytes = reports.render(report, reportFormat);
        if (out == null) {
            OutputStream stdout = System.out;
            stdout.write(bytes);
            stdout.flush();
        } else {
            Files.write(out, bytes);
        }
        long entries = report.enterprises().stream().mapToLong(s -> s.completeness().entries()).sum();
        spec.commandLine().getErr().printf("Report of park %s, %s (%s): %d enterprises, %d ledger entries%s%n",
                park, report.period().label(), report.open() ? "period still open" : "closed period",
                report.enterprises().size(), entries, out == null ? "" : ", written to " + out);
        spec.commandLine().getErr().flush();
        return 0;
    }
}
