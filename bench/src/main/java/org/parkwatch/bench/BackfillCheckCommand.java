package org.parkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The backfill check: a past period of a simulated park through the whole pipeline on a real local broker, and its
 * published totals reconciled with what the simulator sent. Exits 0 only when every figure reconciles.
 */
@Command(name = "backfill-check", mixinStandardHelpOptions = true,
        description = "Backfill a simulated park through the pipeline and reconcile its totals with the simulator's tally.")
public final class BackfillCheckCommand implements Callable<Integer> {

    @Option(names = "--enterprises", defaultValue = "50", description = "Enterprises of the park (default ${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--from", defaultValue = "2025-01-01", description = "Start of the period: a local date of the park or an instant (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", defaultValue = "2026-01-01", description = "End of the period, exclusive (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--meter-interval", defaultValue = "1h", converter = DurationConverter.class,
            description = "Metering interval, dividing an hour (default ${DEFAULT-VALUE}).")
    Duration meterInterval;

    @Option(names = "--sample-interval", defaultValue = "1h", converter = DurationConverter.class,
            description = "Fuel and wastewater interval, dividing an hour (default ${DEFAULT-VALUE}).")
    Duration sampleInterval;

    @Option(names = "--bad-event-rate", defaultValue = "0", description = "Share of events followed by a deliberately bad one (default ${DEFAULT-VALUE}).")
    double badEventRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the park and its events (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--heap", defaultValue = "1g", description = "Heap of the pipeline process (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--work-dir", defaultValue = "target/backfill-check", description = "Broker log, state and process logs; emptied first (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--set", description = "A pipeline configuration key=value (see README), repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackfillCheckCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintOut out = new PrintOut(System.out);
        emptyDirectory(workDir);
        ParkModel park = ParkModel.generate(ParkSettings.defaults(seed).withEnterpriseCount(enterprises));
        Instant start = parseTime(from, park.zone());
        Instant end = parseTime(to, park.zone());
        GeneratorSettings settings = GeneratorSettings.defaults(seed).withMeterInterval(meterInterval)
                .withSampleInterval(sampleInterval).withBadEventRate(badEventRate);
        String prefix = "backfill";
        String applicationId = prefix + "-pipeline";
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            out.line("Broker %s, registry %s; park of %d enterprises, %s to %s, meters every %s, samples every %s",
                    cluster.bootstrapServers(), cluster.registryUrl(), enterprises, start, end, meterInterval,
                    sampleInterval);
            cluster.preparePark(prefix, park, partitions);
            PipelineLauncher launcher = new PipelineLauncher(cluster, prefix, partitions, heap, List.of(),
                    workDir.resolve("logs"), overrides);
            try (JavaProcess pipeline = launcher.start("pipeline-backfill", applicationId,
                    workDir.resolve("pipeline-state"), Map.of())) {
                BackfillReconciliation.Result result = new BackfillReconciliation(cluster.bootstrapServers(),
                        cluster.registryUrl(), prefix, applicationId, out)
                        .run(park, start, end, settings, pipeline::isAlive);
                out.line("Summary: %,d events sent, %,d input records, pipeline caught up in %.1f s (%,.0f records/s"
                                + " overall); %d enterprises, %d figures checked, %d mismatches",
                        result.simulation().eventsSent(), result.inputRecords(), result.catchUp().toMillis() / 1000.0,
                        result.inputRecords() / Math.max(1e-3, result.catchUp().toMillis() / 1000.0),
                        result.enterprisesChecked(), result.quantitiesChecked(), result.mismatches().size());
                return result.reconciled() ? 0 : 1;
            }
        }
    }

    /** An instant ({@code 2025-01-01T00:00:00Z}) or a local date of the park's zone. */
    static Instant parseTime(String text, ZoneId zone) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Reads {@code 15m}, {@code 1h} or an ISO-8601 duration such as {@code PT1H}. */
    static final class DurationConverter implements ITypeConverter<Duration> {

        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smh])");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
    }
}
