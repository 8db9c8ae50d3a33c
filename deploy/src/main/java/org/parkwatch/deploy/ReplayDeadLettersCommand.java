package org.parkwatch.deploy;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import org.apache.kafka.common.KafkaException;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.replay.DeadLetterReplayer;
import org.parkwatch.deploy.replay.ReplayRequest;
import org.parkwatch.deploy.replay.ReplayTally;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Re-submits dead letters once their cause is fixed (a factor published, an enterprise registered, the horizon
 * raised), each at most once: a letter replayed is recorded in the same transaction as its replay.
 */
@Command(name = "replay-dead-letters", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-produce the dead letters refused for the given reasons, rejected in [--from, --to) (the "
                + "letter's rejectedAt), to their source topic and partition with the header parkwatch.replay-of, "
                + "once their cause is fixed. Never twice: each letter replayed is recorded on "
                + "<prefix>.dead-letter-replays in the same transaction, and a later run skips it. A record refused "
                + "again becomes a new dead letter, which may be replayed in turn.",
                "Letters of reference topics, HJ 212 packets, or without their bytes are listed with why, not "
                        + "replayed. Stops at once, naming it, when the Kafka cluster or the Schema Registry does not "
                        + "answer within parkwatch.connect.timeout.ms (10 s)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:done (the summary says what was replayed, skipped and not replayable)",
                "1:a write was refused, or another run took over; replays committed before stay recorded",
                "2:bad arguments or configuration",
                "3:the Kafka cluster or the Schema Registry cannot be reached, or the topics are missing (run setup)"})
final class ReplayDeadLettersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration = new ConfigurationOptions();

    @Option(names = "--reason", required = true, split = ",", paramLabel = "REASON",
            description = "Reject reason(s) to replay, repeatable or comma-separated: FACTOR_MISSING, "
                    + "UNKNOWN_ENTERPRISE, LATE_EVENT, ... (README, Bad input).")
    List<RejectReason> reasons;

    @Option(names = "--from", required = true, paramLabel = "WHEN",
            description = "Letters rejected at or after this: an ISO-8601 instant (2026-03-01T00:00:00Z) or a date "
                    + "(2026-03-01, its start in parkwatch.calendar.zone).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "WHEN",
            description = "Letters rejected before this: an instant, or a date (up to the end of that day, "
                    + "inclusive).")
    String to;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only letters of this source topic.")
    String topic;

    @Option(names = "--limit", paramLabel = "N", description = "Replay at most N letters in this run.")
    Integer limit;

    @Option(names = "--dry-run", description = "List what would be replayed, with the counts; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(configuration.file(),
                configuration.overrides());
        ReplayRequest request = request(config);
        ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
        check.kafka(config.kafka());
        check.registry(config.registry());
        PrintWriter out = spec.commandLine().getOut();
        var replayer = new DeadLetterReplayer(config.kafka(),
                new RestSchemaRegistryClient(config.registry().clientSettings()), config.topicLayout().topics(),
                config.topicLayout().deadLetterReplays(), config.startup().connectTimeout());
        ReplayTally tally;
        try {
            tally = replayer.run(request, dryRun, out::println);
        } catch (KafkaException e) {
            out.flush();
            spec.commandLine().getErr().println("Replay stopped: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        tally.lines().forEach(out::println);
        out.flush();
        return 0;
    }

    private ReplayRequest request(ParkWatchConfig config) {
        try {
            var zone = config.accounting().zone();
            return new ReplayRequest(EnumSet.copyOf(reasons), ReplayRequest.startOf(from, zone),
                    ReplayRequest.endOf(to, zone), Optional.ofNullable(topic),
                    limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
