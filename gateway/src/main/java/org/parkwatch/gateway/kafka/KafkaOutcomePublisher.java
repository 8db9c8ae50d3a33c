package org.parkwatch.gateway.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.GatewayTopics;
import org.parkwatch.gateway.intake.Outcome;
import org.parkwatch.gateway.intake.OutcomePublisher;

/**
 * Writes a packet's records with one idempotent producer that waits for every in-sync replica (acks=all): the raw
 * packet (key MN), its samples on the wastewater or flue-gas input (key enterpriseId, Confluent wire format), and for
 * a refused packet its dead letter, written once the raw record's position is known so the letter can point at it.
 * The future completes only when all are acknowledged; only then does the device get its answer, so a device that
 * hears nothing sends again, and the pipeline drops the resend by its eventId.
 */
public final class KafkaOutcomePublisher implements OutcomePublisher, AutoCloseable {

    static final String PEER_HEADER = "parkwatch.hj212.peer";

    private final Producer<String, byte[]> producer;
    private final Serializer<SpecificRecord> values;
    private final GatewayTopics topics;
    private final Clock clock;
    /**
     * Sends dead letters once their raw record is acknowledged. Not from the acknowledgement callback itself: that
     * runs on the producer's network thread, and a send that needs metadata there waits for the very thread that
     * would fetch it, until max.block.ms.
     */
    private final ExecutorService deadLetterSender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parkwatch-gateway-dead-letters");
        thread.setDaemon(true);
        return thread;
    });

    public KafkaOutcomePublisher(Producer<String, byte[]> producer, Serializer<SpecificRecord> values,
                                 GatewayTopics topics, Clock clock) {
        this.producer = producer;
        this.values = values;
        this.topics = topics;
        this.clock = clock;
    }

    /** A publisher with its own producer, built from the client settings given, closed with it. */
    public static KafkaOutcomePublisher create(Map<String, Object> clientProperties, Serializer<SpecificRecord> values,
                                               GatewayTopics topics) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // An answer waits for the write: keep batching short, the device is waiting.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "parkwatch-gateway");
        return new KafkaOutcomePublisher(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()),
                values, topics, Clock.systemUTC());
    }

    @Override
    public CompletableFuture<Void> publish(Outcome outcome, String peer) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        ProducerRecord<String, byte[]> raw = new ProducerRecord<>(topics.rawPackets(), outcome.rawKey(),
                outcome.rawBytes());
        raw.headers().add(PEER_HEADER, peer.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<RecordMetadata> rawWritten = send(raw);
        writes.add(rawWritten);
        for (WastewaterSample sample : outcome.samples()) {
            writes.add(send(topics.wastewaterSamples(), sample.getEnterpriseId(), sample));
        }
        for (FlueGasSample sample : outcome.flueGasSamples()) {
            writes.add(send(topics.flueGasSamples(), sample.getEnterpriseId(), sample));
        }
        outcome.rejection().ifPresent(rejection -> writes.add(rawWritten.thenComposeAsync(position ->
                send(topics.deadLetters(), outcome.enterpriseId().orElse(outcome.rawKey()),
                        GatewayDeadLetters.of(outcome, rejection, position, peer, clock.instant())),
                deadLetterSender)));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<RecordMetadata> send(String topic, String key, SpecificRecord value) {
        byte[] bytes;
        try {
            bytes = values.serialize(topic, value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(new ProducerRecord<>(topic, key, bytes));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    @Override
    public void close() throws InterruptedException {
        deadLetterSender.shutdown();
        deadLetterSender.awaitTermination(30, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(30));
    }
}
