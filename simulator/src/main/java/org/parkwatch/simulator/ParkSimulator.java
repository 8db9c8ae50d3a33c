package org.parkwatch.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the events of an {@link EventGenerator} to Kafka, keyed by enterpriseId and stamped with their event
 * time, following a {@link RunPlan}: real time, accelerated, bounded by duration or count, or a backfill with a
 * progress line. Every record handed to the producer is added to the run's {@link SimulatorTally}; a failed send
 * ends the run with an exception, so a run that completes has its tally acknowledged by the broker.
 */
public final class ParkSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParkSimulator.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    // A stop request is noticed within this time even while waiting for the wall clock.
    private static final Duration MAX_WAIT_SLICE = Duration.ofMillis(500);

    private final EventGenerator generator;
    private final Producer<String, SpecificRecord> producer;
    private final SimulatorTopics topics;
    private final SimulationClock clock;
    private final PrintStream progressOut;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private volatile boolean stopRequested;

    /**
     * A simulator sending through {@code producer}, which it closes on {@link #close()}; progress lines go to
     * {@code progressOut}.
     */
    public ParkSimulator(EventGenerator generator, Producer<String, SpecificRecord> producer, SimulatorTopics topics,
                         SimulationClock clock, PrintStream progressOut) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progressOut = Objects.requireNonNull(progressOut, "progressOut");
    }

    /**
     * A simulator with its own KafkaProducer built from {@code producerConfig} (bootstrap.servers at least) with
     * String keys and {@code valueSerializer}, which must be configured already; system clock, progress on stderr.
     */
    public static ParkSimulator withKafka(EventGenerator generator, SimulatorTopics topics, Properties producerConfig,
                                          Serializer<SpecificRecord> valueSerializer) {
        Properties config = new Properties();
        // Larger batches and a short linger roughly double loopback throughput (platform notes).
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "parkwatch-simulator");
        // One request in flight per broker: with five, a batch refused by a partition created a moment before (the
        // local stack and the tests create topics just before the simulator sends) was retried out of sequence, and
        // the idempotent producer looped on OutOfOrderSequenceException until the run timed out (seen in CI on a
        // busy machine; RELIABILITY.md saw the same after a broker restart). Batches of 128 KiB keep the rate.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.putAll(producerConfig);
        Producer<String, SpecificRecord> producer =
                new KafkaProducer<>(config, new StringSerializer(), valueSerializer);
        return new ParkSimulator(generator, producer, topics, SimulationClock.system(), System.err);
    }

    /** Runs the plan to its end (or until stopped) and returns what was sent. */
    public SimulationResult run(RunPlan plan) {
        Instant started = clock.now();
        SimulatorTally tally = new SimulatorTally();
        Throttle throttle = new Throttle(clock, plan.maxEventsPerSecond());
        ProgressReporter progress = plan.reportProgress()
                ? new ProgressReporter(progressOut, clock, plan, PROGRESS_EVERY) : null;
        long sent = 0;
        long intervalEvents = 0;
        Instant reached = plan.from();
        boolean interrupted = false;
        try {
            if (plan.sendEnterprises()) {
                for (SimulatedEvent event : generator.enterpriseEvents(plan.from())) {
                    send(event, tally);
                    sent++;
                }
            }
            Instant cursor = plan.from();
            boolean done = false;
            while (!done && !stopRequested && (plan.to() == null || cursor.isBefore(plan.to()))) {
                Instant stepEnd = generator.nextStepAfter(cursor);
                if (plan.to() != null && stepEnd.isAfter(plan.to())) {
                    stepEnd = plan.to();
                }
                if (plan.pacing() == Pacing.WALL_CLOCK && !waitFor(stepEnd)) {
                    break;
                }
                Iterator<SimulatedEvent> events = generator.events(cursor, stepEnd).iterator();
                while (events.hasNext()) {
                    if (plan.maxEvents() > 0 && intervalEvents >= plan.maxEvents()) {
                        done = true;
                        break;
                    }
                    SimulatedEvent event = events.next();
                    throttle.acquire();
                    send(event, tally);
                    sent++;
                    intervalEvents++;
                    reached = event.eventTime();
                }
                if (plan.maxEvents() > 0 && intervalEvents >= plan.maxEvents()) {
                    done = true;
                }
                cursor = stepEnd;
                if (progress != null) {
                    progress.update(sent, cursor);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
        }
        producer.flush();
        throwIfSendFailed();
        if (progress != null) {
            progress.finish(sent, reached);
        }
        Duration elapsed = Duration.between(started, clock.now());
        LOG.info("Sent {} events up to event time {} in {}", sent, reached, elapsed);
        return new SimulationResult(sent, reached, elapsed, stopRequested || interrupted, tally);
    }

    /** Asks a running {@link #run} to finish after the event it is sending; safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /** Closes the producer, flushing what is buffered. */
    @Override
    public void close() {
        producer.close();
    }

    private void send(SimulatedEvent event, SimulatorTally tally) {
        throwIfSendFailed();
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topics.topicFor(event.kind()), null,
                event.eventTime().toEpochMilli(), event.key(), event.value());
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                sendFailure.compareAndSet(null, exception);
            }
        });
        tally.record(event);
    }

    private void throwIfSendFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new KafkaException("Sending simulated events failed", failure);
        }
    }

    /** Waits until the wall clock reaches {@code time}; false when stopped meanwhile. */
    private boolean waitFor(Instant time) throws InterruptedException {
        while (!stopRequested && clock.now().isBefore(time)) {
            Instant slice = clock.now().plus(MAX_WAIT_SLICE);
            clock.sleepUntil(slice.isBefore(time) ? slice : time);
        }
        return !stopRequested;
    }
}
