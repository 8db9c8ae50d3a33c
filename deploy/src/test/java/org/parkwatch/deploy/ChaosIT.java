package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;

/**
 * Chaos on a real broker: three pipeline processes with a standby replica each process a park's history while
 * instances are SIGKILLed and restarted at random (seeded) moments and the broker is restarted once. At the end every
 * enterprise's year-to-date totals equal the sums worked out from the inputs to the milligram, no ledger entry is
 * there twice, every alert transition worked out from the samples is there exactly once, and every input is either
 * in the ledger or a dead letter.
 *
 * <p>Scaled up by {@code -Dparkwatch.chaos.events}, {@code .rate}, {@code .kills}, {@code .seed}, {@code .gap.ms}
 * (bin/chaos).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.extension.ExtendWith(OneAtATime.class)
class ChaosIT {

    private static final String PREFIX = "chaos";
    private static final String APPLICATION_ID = "chaos-it";
    private static final String PARK = "park-chaos";
    private static final List<String> ENTERPRISES = List.of("E01", "E02", "E03", "E04", "E05", "E06");
    /** Not registered: its readings are dead letters, which must be there once each too. */
    private static final String UNREGISTERED = "E99";
    /** COD limit of every outlet, mg/L; the rule opens at ratio 1.0 (250 mg/L) and clears below 0.85 (212.5). */
    private static final double COD_LIMIT = 250.0;

    private static final int EVENTS = Integer.getInteger("parkwatch.chaos.events", 1_500);
    private static final int RATE = Integer.getInteger("parkwatch.chaos.rate", 50);
    /** One active task of each sub-topology per instance, and a standby of it on another. */
    private static final int PARTITIONS = Integer.getInteger("parkwatch.chaos.partitions", 3);
    private static final int KILLS = Integer.getInteger("parkwatch.chaos.kills", 2);
    private static final long SEED = Long.getLong("parkwatch.chaos.seed", 5L);
    /** Longest pause between two faults; each is drawn between a third of it and all of it. */
    private static final long GAP_MS = Long.getLong("parkwatch.chaos.gap.ms", 6_000L);

    /** PipelineMain's exit status when the cluster or registry does not answer at start-up. */
    private static final int STARTUP_REFUSED = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Each instance keeps its API port across restarts. */
    private static final Map<String, Integer> API_PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static KafkaStack kafka;

    @TempDir
    static Path work;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.startRestartable();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldStayExactWhileInstancesAreKilledAndTheBrokerRestarts() throws Exception {
        Map<String, String> shared = Map.ofEntries(
                Map.entry("parkwatch.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("parkwatch.schema.registry.url", kafka.registryUrl()),
                Map.entry("parkwatch.application.id", APPLICATION_ID),
                Map.entry("parkwatch.topic.prefix", PREFIX),
                Map.entry("parkwatch.topic.partitions", String.valueOf(PARTITIONS)),
                Map.entry("parkwatch.num.standby.replicas", "1"),
                Map.entry("parkwatch.api.auth.required", "false"),
                // a killed process's partitions move to the others after 6 s instead of the default 45 s
                Map.entry("parkwatch.kafka.session.timeout.ms", "6000"),
                // three exactly-once JVMs on two shared cores: a transaction slowed past Kafka Streams' 10 s default
                // is aborted by the coordinator, its producer fenced and its tasks moved, over and over
                Map.entry("parkwatch.kafka.producer.transaction.timeout.ms", "60000"),
                // every event is accepted whatever the arrival order: this test is about faults, not lateness
                Map.entry("parkwatch.grace.ms", String.valueOf(Duration.ofDays(2).toMillis())),
                // three JVMs on a small machine: a small RocksDB budget and record cache each
                Map.entry("parkwatch.rocksdb.block.cache.bytes", String.valueOf(64L << 20)),
                Map.entry("parkwatch.rocksdb.write.buffer.bytes", String.valueOf(32L << 20)),
                Map.entry("parkwatch.statestore.cache.bytes", String.valueOf(8L << 20)));
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), shared);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        publishReferenceData(topics);
        SplittableRandom chaos = new SplittableRandom(SEED);
        Report log = new Report(String.format("Chaos run: seed %d, %d events at %d/s, %d kills, faults"
                + " every %d-%d ms%n", SEED, EVENTS, RATE, KILLS, GAP_MS / 3, GAP_MS));

        Load load = new Load(topics);
        Map<String, PipelineProcess> running = new LinkedHashMap<>();
        int kills = 0;
        int exitedByThemselves = 0;
        long began = System.nanoTime();
        try (RecoveryWatch recovery = new RecoveryWatch(kafka.bootstrapServers(), APPLICATION_ID, topics)) {
            for (String name : List.of("a", "b", "c")) {
                running.put(name, start(name, shared));
            }
            // the history and the chaos start once the three instances run
            for (PipelineProcess instance : running.values()) {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> status(instance.api() + "/health/ready") == 200);
            }
            log.append(String.format("%6.1f s  three instances running%n", seconds(began)));
            CompletableFuture<Void> sending = CompletableFuture.runAsync(load::send);
            boolean brokerRestarted = false;
            while (kills < KILLS || !brokerRestarted) {
                Thread.sleep(GAP_MS / 3 + (long) (chaos.nextDouble() * (GAP_MS - GAP_MS / 3)));
                exitedByThemselves += restartExited(running, shared, log);
                if (!brokerRestarted && kills == (KILLS + 1) / 2) {
                    recovery.fault("broker restart");
                    long stop = System.nanoTime();
                    kafka.restartBroker();
                    log.append(String.format("%6.1f s  broker restarted (down %.1f s) at event %d%n",
                            seconds(began), (System.nanoTime() - stop) / 1e9, load.sent.get()));
                    brokerRestarted = true;
                    continue;
                }
                List<String> names = new ArrayList<>(running.keySet());
                String victim = names.get(chaos.nextInt(names.size()));
                recovery.fault("SIGKILL " + victim);
                running.get(victim).killHard();
                kills++;
                long downMs = chaos.nextInt(2_000);
                log.append(String.format("%6.1f s  SIGKILL %s at event %d, restarted after %d ms%n", seconds(began),
                        victim, load.sent.get(), downMs));
                Thread.sleep(downMs);
                running.put(victim, start(victim, shared));
            }
            load.faultsDone.set(true);
            sending.get(30, TimeUnit.MINUTES);
            long loadEnded = System.nanoTime();

            // reconciled once the group has caught up and the last totals are published
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(restartExited(running, shared, log)).as("instances that exited unexpectedly").isZero();
                long lag = ConsumerLag.of(kafka.bootstrapServers(), APPLICATION_ID, topics);
                log.progress(String.format("%6.1f s  lag %d", seconds(began), lag));
                assertThat(lag).isZero();
                Map<String, long[]> totals = yearTotals(topics);
                for (String enterprise : ENTERPRISES) {
                    assertThat(totals.get(enterprise)).as(enterprise).containsExactly(load.expected.get(enterprise));
                }
            });
            double drained = (System.nanoTime() - loadEnded) / 1e9;
            assertThat(exitedByThemselves).as("instances that exited unexpectedly").isZero();
            assertThat(load.failedSends).as("events the load's producer could not write").isEmpty();

            List<EmissionEntry> ledger = kafka.readCommittedLedger(topics.emissionsLedger());
            long expectedEntries = load.expected.values().stream().mapToLong(s -> s[ReconciledLoad.ENTRIES]).sum();
            assertThat(ledger).extracting(EmissionEntry::getEntryId).doesNotHaveDuplicates()
                    .hasSize((int) expectedEntries);

            List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
            assertThat(letters).extracting(DeadLetter::getReason).containsOnly(RejectReason.UNKNOWN_ENTERPRISE);
            assertThat(letters).extracting(DeadLetter::getEventId).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(load.unregistered);

            // no input lost: every event is in the ledger or a dead letter
            Set<String> accounted = new HashSet<>();
            ledger.forEach(e -> accounted.add(e.getEventId()));
            letters.forEach(l -> accounted.add(l.getEventId()));
            assertThat(accounted).containsExactlyInAnyOrderElementsOf(load.eventIds);

            List<String> transitions = kafka.readCommitted(topics.alerts(), Alert.class).stream()
                    .map(a -> a.getState() + " " + a.getTransitionAt()).toList();
            assertThat(transitions).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(load.expectedTransitions);

            log.append(String.format("Survived %d SIGKILLs and 1 broker restart; %d events (%d dead letters), %d ledger"
                            + " entries, %d alert transitions, all exact; caught up %.1f s after the last event%n",
                    kills, load.eventIds.size(), letters.size(), ledger.size(), transitions.size(), drained));
            for (RecoveryWatch.Fault fault : recovery.faults()) {
                log.append(String.format("  recovered from %-16s in %5.1f s%n", fault.what(),
                        fault.recovered() ? fault.recovery().toMillis() / 1e3 : Double.NaN));
            }
            log.append(String.format("Whole run %.0f s%n", seconds(began)));
            String reportFile = System.getProperty("parkwatch.chaos.report");
            if (reportFile != null) {
                Files.writeString(Path.of(reportFile), log.toString());
            }
        } finally {
            for (PipelineProcess process : running.values()) {
                process.close();
            }
        }
    }

    /** The events, sent at a steady rate until the faults are done and a last stretch after, with what they add. */
    private static final class Load {

        final Topics topics;
        final Map<String, long[]> expected = new HashMap<>();
        final List<String> eventIds = Collections.synchronizedList(new ArrayList<>());
        final List<String> unregistered = Collections.synchronizedList(new ArrayList<>());
        final List<String> expectedTransitions = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Boolean> alertOpen = new HashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final List<String> failedSends = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean faultsDone = new AtomicBoolean();

        Load(Topics topics) {
            this.topics = topics;
            ENTERPRISES.forEach(e -> expected.put(e, new long[5]));
        }

        void send() {
            Random random = new Random(SEED + 1);
            Instant start = Instant.parse("2024-03-01T00:00:00Z");
            int batch = Math.max(1, RATE / 10);
            try (KafkaProducer<String, SpecificRecord> producer = kafka.producer(Map.of(
                    // one request in flight and patience across the broker's restart: the history arrives in order
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000))) {
                long next = System.nanoTime();
                for (int i = 0; i < EVENTS || !faultsDone.get(); i++) {
                    ProducerRecord<String, SpecificRecord> record = event(i, start, random);
                    producer.send(record, (meta, error) -> {
                        if (error != null) {
                            failedSends.add(record.key() + " " + error);
                        }
                    });
                    if (i % batch == batch - 1) {
                        sent.set(i + 1);
                        next += 100_000_000L;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000);
                        }
                    }
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private ProducerRecord<String, SpecificRecord> event(int i, Instant start, Random random) {
            if (i % 25 == 24) {
                Instant from = start.plusSeconds(60L * i);
                String id = "x-" + i;
                unregistered.add(id);
                eventIds.add(id);
                return new ProducerRecord<>(topics.meterReadings(), UNREGISTERED, MeterReading.newBuilder()
                        .setEventId(id).setEnterpriseId(UNREGISTERED).setMeterId("M1")
                        .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(10).setUnit("kWh").setIntervalStart(from)
                        .setIntervalEnd(from.plusSeconds(60)).build());
            }
            String enterprise = ENTERPRISES.get(random.nextInt(ENTERPRISES.size()));
            var record = ReconciledLoad.event(topics, enterprise, "", i, start, random, expected.get(enterprise));
            if (record.value() instanceof WastewaterSample sample) {
                eventIds.add(sample.getEventId());
                judge(enterprise, sample);
            } else {
                eventIds.add(((MeterReading) record.value()).getEventId());
            }
            return record;
        }

        /**
         * The COD concentration rule as written: opens at ratio 1.0, resolves below 0.85, each transition stamped
         * with the sample's last millisecond; samples of one enterprise are judged in the order they are sent.
         */
        private void judge(String enterprise, WastewaterSample sample) {
            double ratio = sample.getCodMgPerL() / COD_LIMIT;
            boolean open = alertOpen.getOrDefault(enterprise, false);
            Instant at = sample.getIntervalEnd().minusMillis(1);
            if (!open && ratio >= 1.0) {
                expectedTransitions.add(AlertState.OPEN + " " + at);
                alertOpen.put(enterprise, true);
            } else if (open && ratio < 0.85) {
                expectedTransitions.add(AlertState.RESOLVED + " " + at);
                alertOpen.put(enterprise, false);
            }
        }
    }

    /** The run's account, printed as it goes. */
    private static final class Report {

        private final StringBuilder text = new StringBuilder();

        Report(String first) {
            append(first);
        }

        Report append(String line) {
            System.out.print(line);
            text.append(line);
            return this;
        }

        void progress(String line) {
            System.out.println(line);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static PipelineProcess start(String name, Map<String, String> shared) throws Exception {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("parkwatch.state.dir", work.resolve(name).toString());
        settings.put("parkwatch.api.port", String.valueOf(API_PORTS.computeIfAbsent(name, n -> freePort())));
        return PipelineProcess.start(settings, "chaos-" + name);
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Restarts, as a supervisor would, an instance that ended by itself; returns how many did for another reason
     * than the documented start-up refusal (exit status 3: the cluster did not answer, here while the broker was
     * down).
     */
    private static int restartExited(Map<String, PipelineProcess> running, Map<String, String> shared,
                                     Report log) throws Exception {
        int unexpected = 0;
        for (Map.Entry<String, PipelineProcess> instance : running.entrySet()) {
            if (!instance.getValue().isAlive()) {
                int status = instance.getValue().exitValue();
                log.append(String.format("instance %s exited by itself with status %d%s; restarted (log: %s)%n",
                        instance.getKey(), status, status == STARTUP_REFUSED ? " (cluster unreachable at start-up)"
                                : "", instance.getValue().log()));
                instance.setValue(start(instance.getKey(), shared));
                unexpected += status == STARTUP_REFUSED ? 0 : 1;
            }
        }
        return unexpected;
    }

    private static void publishReferenceData(Topics topics) {
        Instant factorsFrom = Instant.parse("2023-12-31T16:00:00Z"); // 2024-01-01 00:00 Shanghai
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            ReconciledLoad.factor(producer, topics, "grid.location.EAST", factorsFrom, 0.55, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "grid.market.residual", factorsFrom, 0.6096, "tCO2/MWh");
            ReconciledLoad.factor(producer, topics, "tce.electricity", factorsFrom, 0.1229, "kgce/kWh");
            for (String id : ENTERPRISES) {
                producer.send(new ProducerRecord<>(topics.enterprises(), id, Enterprise.newBuilder().setEnterpriseId(id)
                        .setParkId(PARK).setName(id).setSector("chemicals").setGridRegion(GridRegion.EAST)
                        .setOutlets(List.of(Outlet.newBuilder().setOutletId("W1").setDischargeClass("GB8978-1996/3")
                                .setCodLimitMgPerL(COD_LIMIT).build()))
                        .setPermittedLoads(new PermittedLoads(null, null, null)).build()));
            }
            producer.send(new ProducerRecord<>(topics.thresholdRules(), "cod-concentration", ThresholdRule.newBuilder()
                    .setRuleId("cod-concentration").setVersion(1).setScopeType(SubjectType.OUTLET).setScopeId("*")
                    .setMetric("cod.concentration.ratio").setWindow(WindowKind.SAMPLE).setWarningLevel(null)
                    .setLimit(1.0).setClearLevel(0.85).setUnit("ratio to outlet limit").setMinConsecutive(1)
                    .setSource("chaos rule").build()));
            producer.flush();
        }
    }

    /** The latest published year-to-date {CO2 location, CO2 market, energy, COD, entries} per enterprise. */
    private static Map<String, long[]> yearTotals(Topics topics) {
        Map<String, long[]> latest = new HashMap<>();
        kafka.readCommitted(topics.enterpriseTotals(), EmissionTotals.class).forEach(t -> {
            if (t.getWindow() == WindowKind.YEAR_TO_DATE) {
                var a = t.getTotals();
                latest.put(t.getSubjectId(), new long[] {a.getCo2Scope2LocationMg(), a.getCo2Scope2MarketMg(),
                        a.getEnergyMgce(), a.getCodMg(), a.getEntryCount()});
            }
        });
        return latest;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
