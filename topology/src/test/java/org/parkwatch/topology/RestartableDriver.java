package org.parkwatch.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TopologyTestDriverRestarts;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.ingest.PlausibilityBounds;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;
import org.parkwatch.topology.DayOfActivity.Event;

/**
 * The whole pipeline in a TopologyTestDriver that can be restarted the way a crashed instance restarts on its own
 * machine: with its persistent state as last committed, and fresh processors (nothing kept in memory).
 *
 * <p>{@link TopologyTestDriver#close()} wipes the state directory, and a new driver restores nothing from the
 * changelogs. So a restart closes the driver's task without the wipe ({@link TopologyTestDriverRestarts}: its
 * stores are flushed to disk with their committed offsets), copies the task's state directory into a new one and
 * opens a new driver on it. Its stores open with that state before any processor is initialised, as on a real
 * restart. The driver commits after each input record and each wall-clock advance, so that state is the state as
 * last committed: what a crashed instance gets back from its changelogs. No processor of the topology does anything
 * on close, so closing the task is no kinder than a crash. The global tables are read again from their topics, as a
 * real instance does.
 */
final class RestartableDriver implements AutoCloseable {

    static final String APPLICATION_ID = "parkwatch-property";
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** Grace 2 h, dedup 7 days, publication every 200 ms, inputs idle after 5 s of wall clock. */
    static final AccountingSettings SETTINGS = new AccountingSettings(PipelineFixture.SHANGHAI, Duration.ofHours(2),
            Duration.ofDays(7), Duration.ofMillis(200), IDLE_TIMEOUT, PlausibilityBounds.defaults(),
            Duration.ofDays(400));

    private final Topics topics = Topics.defaults();
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final PipelineSerdes serdes = PipelineSerdes.using(registry, SerdeSettings.forValue());
    private final DayOfActivity day;
    private final FinalFigures figures = new FinalFigures();
    private final Path root;
    private Instant wallClock = PipelineFixture.NOW;
    private Path stateDir;
    private TopologyTestDriver driver;
    private int generation;

    RestartableDriver(DayOfActivity day) {
        this.day = day;
        try {
            root = Files.createTempDirectory(stateRoot(), "parkwatch-property-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stateDir = root.resolve("state-0");
        start();
    }

    /**
     * Where the state directories go: {@code -Dparkwatch.property.stateRoot}, else /dev/shm when there is one (the
     * driver flushes every store at each commit: on a disk, a day of activity takes several times longer), else the
     * temporary directory.
     */
    private static Path stateRoot() {
        String configured = System.getProperty("parkwatch.property.stateRoot");
        if (configured != null) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private void start() {
        var topology = ParkWatchTopology.build(topics, serdes, SETTINGS, Clock.fixed(PipelineFixture.NOW,
                ZoneOffset.UTC), new PipelineMetrics(new SimpleMeterRegistry()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props, wallClock);
        referenceData();
    }

    /** The global tables: enterprises, the test factor table, and the threshold rules. */
    private void referenceData() {
        var enterprises = driver.createInputTopic(topics.enterprises(), new StringSerializer(),
                serdes.enterprise().serializer());
        for (Enterprise e : day.enterprises) {
            enterprises.pipeInput(e.getEnterpriseId(), e, wallClock);
        }
        var factors = driver.createInputTopic(topics.emissionFactors(), new StringSerializer(),
                serdes.emissionFactor().serializer());
        Instant from = PipelineFixture.local("2022-01-01T00:00");
        for (EmissionFactor f : List.of(
                factor("grid.location.EAST", from, 0.5617, "tCO2/MWh", Map.of()),
                factor("grid.location.EAST", PipelineFixture.local("2023-01-01T00:00"), 0.55, "tCO2/MWh", Map.of()),
                factor("grid.market.residual", from, 0.6096, "tCO2/MWh", Map.of()),
                factor("tce.electricity", from, 0.1229, "kgce/kWh", Map.of()),
                factor("heat", from, 0.11, "tCO2/GJ", Map.of()),
                factor("tce.heat", from, 34.12, "kgce/GJ", Map.of()),
                factor("fuel.RAW_COAL", from, 1.9003, "tCO2/t", Map.of("ncvGjPerUnit", 20.908,
                        "carbonContentTcPerGj", 0.02637, "oxidationRate", 0.94, "kgcePerUnit", 714.3,
                        "sulfurPercentDefault", 1.0, "sulfurConversion", 0.8)),
                factor("discharge.cod.default", from, 100.0, "mg/L", Map.of()),
                factor("discharge.nh3n.default", from, 15.0, "mg/L", Map.of()))) {
            factors.pipeInput(FactorRecordKey.of(f.getFactorKey(), f.getValidFrom()), f, wallClock);
        }
        var rules = driver.createInputTopic(topics.thresholdRules(), new StringSerializer(),
                serdes.thresholdRule().serializer());
        for (ThresholdRule r : List.of(
                rule("cod-conc", SubjectType.OUTLET, "cod.concentration.ratio", WindowKind.SAMPLE, 0.9, 1.0, 0.85),
                rule("cod-quota", SubjectType.ENTERPRISE, "cod.load.ytd.ratio", WindowKind.YEAR_TO_DATE, 0.8, 1.0,
                        0.75))) {
            rules.pipeInput(r.getRuleId(), r, wallClock);
        }
    }

    private static EmissionFactor factor(String key, Instant validFrom, double value, String unit,
                                         Map<String, Double> parameters) {
        return EmissionFactor.newBuilder().setFactorKey(key).setValidFrom(validFrom).setValue(value).setUnit(unit)
                .setParameters(parameters).setSource("test factor").setPublishedAt(PipelineFixture.NOW).build();
    }

    private static ThresholdRule rule(String id, SubjectType scope, String metric, WindowKind window, double warning,
                                      double limit, double clear) {
        return ThresholdRule.newBuilder().setRuleId(id).setVersion(1).setScopeType(scope).setScopeId("*")
                .setMetric(metric).setWindow(window).setWarningLevel(warning).setLimit(limit).setClearLevel(clear)
                .setUnit("ratio").setMinDurationMs(0).setMinConsecutive(1).setEnabled(true).setSource("test rule")
                .build();
    }

    /** One input record, stamped with the wall clock, as the broker stamps inputs with their append time. */
    void deliver(Event e) {
        switch (e.input()) {
            case METER -> pipe(topics.meterReadings(), serdes.meterReading().serializer(), e);
            case FUEL -> pipe(topics.fuelConsumption(), serdes.fuelConsumption().serializer(), e);
            case WASTEWATER -> pipe(topics.wastewaterSamples(), serdes.wastewaterSample().serializer(), e);
            case FLUE_GAS -> pipe(topics.flueGasSamples(), serdes.flueGasSample().serializer(), e);
            case IAV -> pipe(topics.outputReports(), serdes.outputReport().serializer(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> void pipe(String topic, Serializer<T> serializer, Event e) {
        driver.createInputTopic(topic, new StringSerializer(), serializer)
                .pipeInput(new TestRecord<>(e.key(), (T) e.value(), wallClock));
    }

    void publish() {
        advance(SETTINGS.publishInterval());
    }

    /** The wall clock moves past the idle timeout: an input that said nothing meanwhile counts as idle. */
    void goIdle() {
        advance(IDLE_TIMEOUT.plusSeconds(1));
    }

    private void advance(Duration d) {
        wallClock = wallClock.plus(d);
        driver.advanceWallClockTime(d);
    }

    /**
     * Stops and starts again with the state as last committed. What the old driver would produce while closing is
     * dropped, as a crash would abort it.
     */
    void restart() {
        figures.collect(this);
        Path next = root.resolve("state-" + (++generation));
        TopologyTestDriverRestarts.closeTaskKeepingState(driver);
        copyTaskState(stateDir.resolve(APPLICATION_ID), next.resolve(APPLICATION_ID));
        driver.close();
        stateDir = next;
        start();
    }

    private static void copyTaskState(Path from, Path to) {
        try (Stream<Path> tasks = Files.list(from)) {
            for (Path task : tasks.filter(p -> p.getFileName().toString().matches("\\d+_\\d+")).toList()) {
                try (Stream<Path> files = Files.walk(task)) {
                    for (Path f : files.toList()) {
                        Path target = to.resolve(from.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else if (!f.getFileName().toString().equals("LOCK")
                                && !f.getFileName().toString().equals(".lock")) {
                            Files.copy(f, target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a step and what it published under one window key (slow: reads every output after each step). */
    void trace(String key, Object step) {
        FinalFigures now = new FinalFigures();
        now.collect(this);
        figures.totals.putAll(now.totals);
        figures.intensities.putAll(now.intensities);
        figures.alerts.addAll(now.alerts);
        figures.deadLetters.addAll(now.deadLetters);
        figures.ledgerEntryIds.addAll(now.ledgerEntryIds);
        System.out.println("TRACE " + step + " wall clock " + wallClock);
        if (now.totals.containsKey(key)) {
            System.out.println("TRACE   totals " + FinalFigures.figure(now.totals.get(key)));
        }
        if (now.intensities.containsKey(key)) {
            System.out.println("TRACE   intensity " + FinalFigures.intensity(now.intensities.get(key)));
        }
    }

    /** The figures published so far, in the order they were published. */
    FinalFigures finish() {
        figures.collect(this);
        return figures;
    }

    /** Every entry of every store of the task (not the global tables), as text, to check a restart keeps them. */
    @SuppressWarnings("unchecked")
    Map<String, List<String>> taskStoreContents() {
        Map<String, List<String>> contents = new java.util.TreeMap<>();
        for (Map.Entry<String, StateStore> e : driver.getAllStateStores().entrySet()) {
            if (List.of(StoreNames.ENTERPRISES, StoreNames.EMISSION_FACTORS, StoreNames.THRESHOLD_RULES)
                    .contains(e.getKey())) {
                continue;
            }
            List<String> entries = new java.util.ArrayList<>();
            if (e.getValue() instanceof WindowStore<?, ?> w) {
                try (KeyValueIterator<Windowed<Object>, Object> it = ((WindowStore<Object, Object>) w).all()) {
                    it.forEachRemaining(kv -> entries.add(kv.key + "=" + kv.value));
                }
            } else if (e.getValue() instanceof KeyValueStore<?, ?> kvs) {
                try (KeyValueIterator<Object, Object> it = ((KeyValueStore<Object, Object>) kvs).all()) {
                    it.forEachRemaining(kv -> entries.add(kv.key + "=" + kv.value));
                }
            } else {
                throw new IllegalStateException("store " + e.getKey() + " of an unexpected type " + e.getValue());
            }
            contents.put(e.getKey(), entries);
        }
        return contents;
    }

    TopologyTestDriver driver() {
        return driver;
    }

    Topics topics() {
        return topics;
    }

    PipelineSerdes serdes() {
        return serdes;
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
