package org.parkwatch.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.bench.ExpectedTotals.Expectation;
import org.parkwatch.bench.ExpectedTotals.Quantity;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.simulator.EventDefect;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.EventKind;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSimulator;
import org.parkwatch.simulator.RunPlan;
import org.parkwatch.simulator.SimulationResult;
import org.parkwatch.simulator.SimulatorCommand;
import org.parkwatch.simulator.SimulatorTally;
import org.parkwatch.deploy.SimulatorTopicsOf;
import org.parkwatch.simulator.SimulatorTopics;
import org.parkwatch.topology.Topics;

/**
 * Backfills a past period of a simulated park through a running pipeline and reconciles what the pipeline published
 * with what the simulator sent: every enterprise's year totals, pollutant by pollutant, against the simulator's
 * tally priced at the default factors in force, its accepted events per kind and the dead letters. The park's topics
 * must hold nothing but this backfill (a fresh prefix), and the pipeline must use the default factors.
 */
final class BackfillReconciliation {

    /** One figure checked: expected, published, and how far apart they may be. */
    record Comparison(String subject, String quantity, BigDecimal expected, BigDecimal actual, BigDecimal tolerance) {

        boolean matches() {
            return actual.subtract(expected).abs().compareTo(tolerance) <= 0;
        }
    }

    /**
     * @param enterprisesChecked enterprises whose totals were compared
     * @param quantitiesChecked  figures compared (per enterprise and quantity, plus the park's dead letters)
     * @param mismatches         the comparisons that failed
     * @param comparisons        every comparison made
     * @param simulation         what the simulator sent, with its tally
     * @param inputRecords       records on the pipeline's input topics
     * @param catchUp            from the start of the backfill until the pipeline had committed all of its input
     */
    record Result(int enterprisesChecked, int quantitiesChecked, List<Comparison> mismatches,
                  List<Comparison> comparisons, SimulationResult simulation, long inputRecords, Duration catchUp) {

        boolean reconciled() {
            return mismatches.isEmpty();
        }
    }

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    // The pipeline publishes changed totals every 200 ms (wall clock) and commits every 100 ms by default: once its
    // input is committed, totals that stay put this long are the last ones.
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    private static final int TABLE_ROWS = 60;

    private final String bootstrapServers;
    private final String registryUrl;
    private final Topics topics;
    private final String applicationId;
    private final PrintOut out;

    /**
     * @param topicPrefix   the park's topic prefix ({@link Topics#withPrefix})
     * @param applicationId the pipeline's application id, whose committed offsets tell how far it has read
     */
    BackfillReconciliation(String bootstrapServers, String registryUrl, String topicPrefix, String applicationId,
                           PrintOut out) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.topics = Topics.withPrefix(topicPrefix);
        this.applicationId = applicationId;
        this.out = out;
    }

    /**
     * Sends the events of [from, to) (interval ends in (from, to]) with a progress line on stderr, waits until the
     * pipeline has read them all and published its totals, and reconciles; fails when the pipeline stops or stalls.
     */
    Result run(ParkModel park, Instant from, Instant to, GeneratorSettings settings, BooleanSupplier pipelineAlive)
            throws InterruptedException {
        ExpectedTotals pricing = ExpectedTotals.over(DefaultFactors.load(), from, to);
        long started = System.nanoTime();
        SimulationResult sent = backfill(park, from, to, settings);
        out.line("Backfill sent %,d events (event time %s to %s) in %.1f s, %,.0f events/s: %s", sent.eventsSent(), from,
                sent.eventTimeReached(), seconds(sent.elapsed()), sent.eventsSent() / Math.max(1e-3, seconds(sent.elapsed())),
                sent.tally());

        ActivityReplay replay = ActivityReplay.of(park, settings, from, to);
        replay.requireSameAs(sent.tally());

        List<String> inputs = new ArrayList<>(topics.activityInputs());
        inputs.add(topics.outputReports());
        long records;
        try (GroupProgress progress = new GroupProgress(bootstrapServers, inputs)) {
            records = progress.endOffsetSum();
            awaitCommitted(progress, records, started, pipelineAlive);
        }
        Duration catchUp = Duration.ofNanos(System.nanoTime() - started);
        out.line("Pipeline committed all %,d input records %.1f s after the backfill started", records, seconds(catchUp));

        PipelineOutput output = new PipelineOutput(bootstrapServers, registryUrl);
        awaitQuiet(output, pipelineAlive);
        Map<String, List<EmissionTotals>> published = output.enterpriseYearTotals(topics.enterpriseTotals(), from, to);
        Map<String, Map<EventKind, Long>> accepted = output.acceptedEvents(topics.emissionsLedger());
        Map<RejectReason, Long> deadLetters = output.deadLetters(topics.deadLetters());

        List<Comparison> comparisons = compare(park, sent.tally(), replay, pricing, published, accepted, deadLetters);
        List<Comparison> mismatches = comparisons.stream().filter(c -> !c.matches()).toList();
        Result result = new Result(park.enterpriseRecords().size(), comparisons.size(), mismatches, comparisons, sent,
                records, catchUp);
        print(result, deadLetters);
        return result;
    }

    private SimulationResult backfill(ParkModel park, Instant from, Instant to, GeneratorSettings settings) {
        Properties producer = new Properties();
        producer.put("bootstrap.servers", bootstrapServers);
        SimulatorTopics simulatorTopics = SimulatorTopicsOf.park(topics);
        try (ParkSimulator simulator = ParkSimulator.withKafka(new EventGenerator(park, settings), simulatorTopics,
                producer, SimulatorCommand.registrySerializer(registryUrl))) {
            // Enterprises are reference data the park was prepared with, not part of the period.
            return simulator.run(RunPlan.backfill(from, to).withEnterprises(false));
        }
    }

    /** Follows the pipeline's committed input offsets to the end, with a progress line every few seconds. */
    private void awaitCommitted(GroupProgress progress, long target, long startedNanos, BooleanSupplier alive)
            throws InterruptedException {
        long lastCommitted = -1;
        long lastMovedAt = System.nanoTime();
        long lastReportAt = System.nanoTime();
        while (true) {
            long committed = progress.committedSum(applicationId);
            long now = System.nanoTime();
            if (committed >= target) {
                return;
            }
            if (committed != lastCommitted) {
                lastCommitted = committed;
                lastMovedAt = now;
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("The pipeline stopped at " + committed + " of " + target
                        + " input records");
            }
            if (now - lastMovedAt > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException("The pipeline made no progress for " + STALL_TIMEOUT + " at "
                        + committed + " of " + target + " input records");
            }
            if (now - lastReportAt >= REPORT_EVERY.toNanos()) {
                lastReportAt = now;
                double elapsed = (now - startedNanos) / 1e9;
                double rate = committed / elapsed;
                out.line("pipeline: %,d of %,d input records committed (%.1f%%) | %,.0f records/s | ETA %s",
                        committed, target, 100.0 * committed / target, rate,
                        rate > 0 ? formatSeconds((target - committed) / rate) : "-");
            }
            Thread.sleep(SAMPLE_EVERY.toMillis());
        }
    }

    /** Waits until the committed end of the enterprise totals topic has not moved for {@link #QUIET}. */
    private void awaitQuiet(PipelineOutput output, BooleanSupplier alive) throws InterruptedException {
        long last = output.committedEndOffsets(topics.enterpriseTotals());
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < QUIET.toNanos()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("The pipeline stopped before publishing its last totals");
            }
            Thread.sleep(SAMPLE_EVERY.toMillis());
            long end = output.committedEndOffsets(topics.enterpriseTotals());
            if (end != last) {
                last = end;
                stableSince = System.nanoTime();
            }
        }
    }

    private static List<Comparison> compare(ParkModel park, SimulatorTally tally, ActivityReplay replay,
                                            ExpectedTotals pricing, Map<String, List<EmissionTotals>> published,
                                            Map<String, Map<EventKind, Long>> accepted,
                                            Map<RejectReason, Long> deadLetters) {
        List<Comparison> rows = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>();
        for (Enterprise enterprise : park.enterpriseRecords()) {
            String id = enterprise.getEnterpriseId();
            known.add(id);
            Map<Quantity, Expectation> expected = pricing.of(enterprise, tally, replay.of(id));
            List<EmissionTotals> windows = published.getOrDefault(id, List.of());
            for (Quantity q : Quantity.values()) {
                long actual = windows.stream().mapToLong(w -> q.of(w.getTotals())).sum();
                Expectation e = expected.get(q);
                rows.add(new Comparison(id, q.field(), e.value(), BigDecimal.valueOf(actual), e.tolerance()));
            }
            for (EventKind kind : List.of(EventKind.METER_READING, EventKind.FUEL_CONSUMPTION,
                    EventKind.WASTEWATER_SAMPLE)) {
                // Defective copies are not accepted: bad ones become dead letters, resends are dropped.
                long valid = tally.eventCount(id, kind, EventDefect.NONE);
                long actual = accepted.getOrDefault(id, Map.of()).getOrDefault(kind, 0L);
                rows.add(new Comparison(id, "accepted " + kind.name().toLowerCase(Locale.ROOT), BigDecimal.valueOf(valid),
                        BigDecimal.valueOf(actual), BigDecimal.ZERO));
            }
        }
        for (String id : published.keySet()) {
            if (!known.contains(id)) {
                rows.add(new Comparison(id, "totals of an enterprise not in the park", BigDecimal.ZERO, BigDecimal.ONE,
                        BigDecimal.ZERO));
            }
        }
        long expectedDeadLetters = 0;
        for (String id : tally.enterpriseIds()) {
            for (EventKind kind : EventKind.values()) {
                expectedDeadLetters += tally.eventCount(id, kind, EventDefect.NEGATIVE_QUANTITY)
                        + tally.eventCount(id, kind, EventDefect.UNKNOWN_UNIT);
            }
        }
        long actualDeadLetters = deadLetters.values().stream().mapToLong(Long::longValue).sum();
        rows.add(new Comparison(park.parkId(), "dead letters", BigDecimal.valueOf(expectedDeadLetters),
                BigDecimal.valueOf(actualDeadLetters), BigDecimal.ZERO));
        return rows;
    }

    private void print(Result result, Map<RejectReason, Long> deadLetters) {
        out.line("Park sums (expected from the simulator's tally x default factors | published by the pipeline):");
        for (Quantity q : Quantity.values()) {
            BigDecimal expected = BigDecimal.ZERO;
            BigDecimal actual = BigDecimal.ZERO;
            for (Comparison c : result.comparisons()) {
                if (c.quantity().equals(q.field())) {
                    expected = expected.add(c.expected());
                    actual = actual.add(c.actual());
                }
            }
            out.line("  %-22s %28s | %,25d", q.field(), format(expected), actual.longValueExact());
        }
        if (!deadLetters.isEmpty()) {
            out.line("Dead letters by reason: %s", deadLetters);
        }
        if (result.reconciled()) {
            out.line("RECONCILED: %d enterprises, %d figures, every one within its tolerance (1 mg per ledger entry"
                    + " for amounts, exact for counts)", result.enterprisesChecked(), result.quantitiesChecked());
            return;
        }
        out.line("MISMATCHES: %d of %d figures", result.mismatches().size(), result.quantitiesChecked());
        out.line("  %-10s %-26s %28s %25s %18s %12s", "enterprise", "quantity", "expected", "actual", "difference",
                "tolerance");
        for (Comparison c : result.mismatches().subList(0, Math.min(TABLE_ROWS, result.mismatches().size()))) {
            out.line("  %-10s %-26s %28s %25s %18s %12s", c.subject(), c.quantity(), format(c.expected()),
                    format(c.actual()), format(c.actual().subtract(c.expected())), format(c.tolerance()));
        }
        if (result.mismatches().size() > TABLE_ROWS) {
            out.line("  ... and %d more", result.mismatches().size() - TABLE_ROWS);
        }
    }

    private static String format(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
