package org.parkwatch.deploy.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.deploy.admin.LatestValues;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.admin.TopicReadThrough;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.serde.SchemaRegistryUnavailableException;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.WireFormatException;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the dead-letter topic from its beginning to its current end and re-produces the letters a
 * {@link ReplaySelection} picks to their source topic and partition, with the replay mark; each replay and its
 * record on the replays topic (key: the letter's coordinates) are written in one Kafka transaction, so a crash
 * between the two cannot leave a replay unrecorded or a record without its replay.
 *
 * <p>The transactional id is fixed per application id: a run that starts fences any run still going (whose open
 * transaction is aborted) before it reads the replays topic, so two runs at once cannot both replay a letter.
 */
public final class DeadLetterReplayer {

    /**
     * The header the pipeline reads (topology's {@code DeadLetterReplay}): value
     * {@code <reason> <sourceTopic>/<sourcePartition>@<sourceOffset>}.
     */
    public static final String REPLAY_HEADER = "parkwatch.replay-of";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    /** Replays per transaction: few enough that a transaction stays far from its timeout (60 s). */
    private static final int BATCH = 200;

    private final KafkaConnection kafka;
    private final SpecificAvroDeserializer<DeadLetter> letters;
    private final Topics topics;
    private final String replaysTopic;
    private final Duration timeout;

    /**
     * @param replaysTopic the compacted topic recording every letter replayed
     * @param timeout      how long the cluster may take to answer one request, or the topic to make progress
     */
    public DeadLetterReplayer(KafkaConnection kafka, SchemaRegistryClient registry, Topics topics, String replaysTopic,
                              Duration timeout) {
        this.kafka = kafka;
        this.letters = new SpecificAvroDeserializer<>(registry, DeadLetter.class);
        this.topics = topics;
        this.replaysTopic = replaysTopic;
        this.timeout = timeout;
    }

    /** The transactional id of the replays of an application, also the one ACLs must grant. */
    public static String transactionalId(KafkaConnection kafka) {
        return kafka.applicationId() + "-dead-letter-replay";
    }

    /** The header value that marks the replay of {@code letter}. */
    public static String replayMark(DeadLetter letter) {
        return letter.getReason() + " " + letter.getSourceTopic() + "/" + letter.getSourcePartition() + "@"
                + letter.getSourceOffset();
    }

    /**
     * Replays what {@code request} selects, or with {@code dryRun} only says what it would replay.
     *
     * @param report receives one line per letter replayed (or to be replayed) and per letter not replayable
     * @throws StartupRefusedException when the dead-letter or replays topic does not exist
     * @throws KafkaException          when a write is refused, or another run took over (the current batch is then
     *                                 undone, earlier batches stay)
     */
    public ReplayTally run(ReplayRequest request, boolean dryRun, Consumer<String> report) {
        ReplayTally tally = new ReplayTally(dryRun);
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : transactionalProducer();
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (producer != null) {
                // Before reading what was replayed: a run still going is fenced first, its open batch aborted.
                producer.initTransactions();
            }
            Set<String> replayed = alreadyReplayed();
            ReplayTargets targets = ReplayTargets.of(topics, topic -> consumer.partitionsFor(topic, timeout).size());
            ReplaySelection selection = new ReplaySelection(request, targets, replayed);
            Batch batch = new Batch(producer, report);
            try {
                readToEnd(consumer, record -> consider(record, selection, batch, tally, dryRun, report));
                batch.commit();
            } catch (RuntimeException e) {
                batch.abort();
                throw e;
            }
        }
        return tally;
    }

    private void consider(ConsumerRecord<byte[], byte[]> record, ReplaySelection selection, Batch batch,
                          ReplayTally tally, boolean dryRun, Consumer<String> report) {
        String coordinates = ReplaySelection.coordinates(record.topic(), record.partition(), record.offset());
        DeadLetter letter;
        try {
            letter = letters.deserialize(record.topic(), record.value());
        } catch (SchemaRegistryUnavailableException e) {
            // Not the letter's fault: stop rather than pass over letters that are readable.
            throw new StartupRefusedException("Cannot reach the Schema Registry to read the dead letter at "
                    + coordinates + ": " + e.getMessage() + "; the replays committed so far stay recorded, run "
                    + "again once it answers", e);
        } catch (WireFormatException e) {
            tally.unreadable();
            report.accept("cannot read the dead letter at " + coordinates + ": " + e.getMessage());
            return;
        }
        if (letter == null) {
            return;
        }
        selection.decide(coordinates, letter).ifPresent(decision -> {
            tally.add(letter.getReason(), letter.getSourceTopic(), decision);
            if (decision instanceof ReplayDecision.Replay) {
                if (dryRun) {
                    report.accept("would replay " + coordinates + " (" + replayMark(letter) + ")");
                } else {
                    batch.replay(coordinates, letter);
                }
            } else if (decision instanceof ReplayDecision.NotReplayable n) {
                report.accept("not replayable: " + coordinates + " (" + replayMark(letter) + "): " + n.why());
            }
        });
    }

    private Set<String> alreadyReplayed() {
        try {
            return LatestValues.read(kafka.clientProperties(), replaysTopic, timeout).keySet();
        } catch (IllegalStateException e) {
            throw new StartupRefusedException("The topic " + replaysTopic + " does not exist: run ./parkwatch setup "
                    + "first (it records which dead letters were replayed)", e);
        }
    }

    private void readToEnd(KafkaConsumer<byte[], byte[]> consumer,
                           Consumer<ConsumerRecord<byte[], byte[]>> each) {
        TopicReadThrough.read(consumer, topics.deadLetters(), timeout, each);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        // A dead letter may carry a whole input record, up to 4 MiB.
        return TopicReadThrough.consumer(kafka.clientProperties(),
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.DEAD_LETTER_MAX_BYTES));
    }

    private KafkaProducer<byte[], byte[]> transactionalProducer() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(kafka));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.DEAD_LETTER_MAX_BYTES);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The replays of the open transaction; none is written on a dry run (no producer). Each is reported once its
     * transaction is committed, so what the operator reads as replayed was.
     */
    private final class Batch {

        private final KafkaProducer<byte[], byte[]> producer;
        private final Consumer<String> report;
        private final List<String> pending = new ArrayList<>();

        Batch(KafkaProducer<byte[], byte[]> producer, Consumer<String> report) {
            this.producer = producer;
            this.report = report;
        }

        void replay(String coordinates, DeadLetter letter) {
            if (producer == null) {
                return;
            }
            if (pending.isEmpty()) {
                producer.beginTransaction();
            }
            byte[] mark = replayMark(letter).getBytes(StandardCharsets.UTF_8);
            var replay = new ProducerRecord<>(letter.getSourceTopic(), letter.getSourcePartition(), null,
                    bytes(letter.getOriginalKey()), bytes(letter.getOriginalValue()),
                    List.of(new RecordHeader(REPLAY_HEADER, mark)));
            producer.send(replay);
            producer.send(new ProducerRecord<>(replaysTopic, coordinates.getBytes(StandardCharsets.UTF_8), mark));
            pending.add("replayed " + coordinates + " (" + replayMark(letter) + ")");
            if (pending.size() >= BATCH) {
                commit();
            }
        }

        /** Undoes the open transaction, if any, so its replays and their records are both dropped at once. */
        void abort() {
            if (producer == null || pending.isEmpty()) {
                return;
            }
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                // Fenced or failed: the next run's initTransactions aborts it (or the broker's transaction timeout).
                LOG.warn("Could not abort the open batch of {} replays: {}", pending.size(), e.getMessage());
            }
            pending.clear();
        }

        void commit() {
            if (producer == null || pending.isEmpty()) {
                return;
            }
            // A failed send fails the commit: neither the replays nor their records are kept.
            producer.commitTransaction();
            pending.forEach(report);
            pending.clear();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
