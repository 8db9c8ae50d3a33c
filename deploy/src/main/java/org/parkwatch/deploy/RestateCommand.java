package org.parkwatch.deploy;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.common.KafkaException;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.replay.ReplayRequest;
import org.parkwatch.deploy.restate.LedgerRestatement;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.totals.WindowCalendar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Restates figures already accounted when a factor version no longer in force priced them: a new version published
 * for a past period, or a version corrected. Works from the ledger topic, not from the raw inputs.
 */
@Command(name = "restate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"For every ledger entry priced with a version of --factor that is no longer the one in force "
                + "at its time, append a reversing entry and the entry priced with the version in force (the ledger "
                + "stays append-only). The pipeline accounts them: the windows touched move and are published again "
                + "with revisionReason RESTATEMENT, their intensities and alerts judged again. A restatement record "
                + "(factor, periods, totals before and after per enterprise and park month, who asked, when) goes to "
                + "<prefix>.restatements.",
                "Idempotent: a second run finds nothing left to restate. Stops at once, naming it, when the Kafka "
                        + "cluster or the Schema Registry does not answer within parkwatch.connect.timeout.ms (10 s)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:done (the summary says what was restated, or that nothing was due)",
                "1:a write was refused, or another run took over; batches committed before stay",
                "2:bad arguments or configuration",
                "3:the Kafka cluster or the Schema Registry cannot be reached, or the topics are missing (run setup)"})
final class RestateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration = new ConfigurationOptions();

    @Option(names = "--factor", required = true, split = ",", paramLabel = "KEY",
            description = "Factor key(s) to restate, repeatable or comma-separated: grid.location.EAST, "
                    + "fuel.RAW_COAL, ... (README, Factors).")
    List<String> factors;

    @Option(names = "--from", paramLabel = "WHEN",
            description = "Only activity at or after this: an ISO-8601 instant or a date (its start in "
                    + "parkwatch.calendar.zone). Default: the beginning of the ledger.")
    String from;

    @Option(names = "--to", paramLabel = "WHEN",
            description = "Only activity before this: an instant, or a date (up to the end of that day, inclusive)."
                    + " Default: the end of the ledger as read.")
    String to;

    @Option(names = "--requested-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who asks, for the restatement record (default: the operating-system user).")
    String requestedBy;

    @Option(names = "--dry-run", description = "Say what would be restated, with the counts; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(configuration.file(),
                configuration.overrides());
        var zone = config.accounting().zone();
        LedgerRestatement.Request request;
        try {
            Instant start = from == null ? null : ReplayRequest.startOf(from, zone);
            Instant end = to == null ? null : ReplayRequest.endOf(to, zone);
            if (start != null && end != null && !start.isBefore(end)) {
                throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
            }
            request = new LedgerRestatement.Request(List.copyOf(factors), start, end, requestedBy);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
        check.kafka(config.kafka());
        check.registry(config.registry());
        PrintWriter out = spec.commandLine().getOut();
        var restatement = new LedgerRestatement(config.kafka(),
                new RestSchemaRegistryClient(config.registry().clientSettings()), config.topicLayout().topics(),
                new WindowCalendar(zone), config.startup().connectTimeout());
        try {
            restatement.run(request, dryRun, out::println);
        } catch (KafkaException e) {
            out.flush();
            spec.commandLine().getErr().println("Restatement stopped: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        out.flush();
        return 0;
    }
}
