package org.parkwatch.registry.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.registry.state.CompatibilityLevel;
import org.parkwatch.registry.state.ErrorCode;
import org.parkwatch.registry.state.RegistryCommand;
import org.parkwatch.registry.state.RegistryException;
import org.parkwatch.registry.state.RegistryState;
import org.parkwatch.registry.state.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state replicated through a single-partition Kafka topic: a reader thread applies every record
 * in offset order to a {@link RegistryState}, and writers append commands and wait for their own record to be
 * applied, so the log alone decides ids, versions and compatibility, and every instance agrees.
 */
public final class KafkaSchemaLog implements RegistryStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE = Duration.ofSeconds(2);

    private final TopicPartition partition;
    private final Duration timeout;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final RegistryState state;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Map<String, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;
    private long appliedPosition;

    private KafkaSchemaLog(String bootstrapServers, Map<String, String> clientSettings, String topic,
                           CompatibilityLevel defaultLevel, Duration timeout) {
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
        this.state = new RegistryState(defaultLevel);
        this.admin = Admin.create(withSettings(clientSettings, adminConfig(bootstrapServers, timeout)));
        this.producer = new KafkaProducer<>(withSettings(clientSettings, producerConfig(bootstrapServers, timeout)),
                new StringSerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(withSettings(clientSettings, consumerConfig(bootstrapServers)),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::readLoop, "schema-log-reader-" + topic);
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic if absent, replays it and returns once the state has caught up with its end.
     *
     * @param defaultLevel the global compatibility until the log sets one; every instance must use the same
     */
    public static KafkaSchemaLog open(String bootstrapServers, String topic, short replicationFactor,
                                      CompatibilityLevel defaultLevel, Duration timeout) {
        return open(bootstrapServers, Map.of(), topic, replicationFactor, defaultLevel, timeout);
    }

    /**
     * As {@link #open(String, String, short, CompatibilityLevel, Duration)}, the Kafka clients also configured with
     * {@code clientSettings} (security settings of a secured cluster, for instance); the log's own settings win.
     */
    public static KafkaSchemaLog open(String bootstrapServers, Map<String, String> clientSettings, String topic,
                                      short replicationFactor, CompatibilityLevel defaultLevel, Duration timeout) {
        KafkaSchemaLog log = new KafkaSchemaLog(bootstrapServers, clientSettings, topic, defaultLevel, timeout);
        try {
            SchemaTopic.ensure(log.admin, topic, replicationFactor, timeout);
            log.consumer.assign(List.of(log.partition));
            log.consumer.seekToBeginning(List.of(log.partition));
            log.reader.start();
            log.catchUp();
            return log;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.close();
            throw new IllegalStateException("Interrupted while opening schema topic " + topic, e);
        } catch (TimeoutException | RuntimeException e) {
            log.close();
            throw new IllegalStateException("Cannot open schema topic " + topic, e);
        }
    }

    /** Answers a query from the local state, which reflects the log up to the last record read. */
    @Override
    public <T> T read(Function<RegistryState, T> query) {
        lock.lock();
        try {
            return query.apply(state);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Carries out a change: after catching up, answers from local state when nothing needs writing, otherwise
     * appends the command and answers with the outcome of applying that very record.
     *
     * @throws RegistryException the refusal, or {@link ErrorCode#STORE_ERROR} when Kafka fails or times out
     */
    @Override
    public <R> R submit(RegistryCommand<R> command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A unique key per record: compaction then never drops or reorders any part of the history.
        String key = command.kind() + "/" + command.subject() + "/" + UUID.randomUUID();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        try {
            catchUp();
            Optional<R> answer = read(command::precheck);
            if (answer.isPresent()) {
                return answer.get();
            }
            pending.put(key, outcome);
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key,
                    LogEntryCodec.encode(command))).get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            @SuppressWarnings("unchecked") // the reader completes the future with this command's own answer
            R result = (R) outcome.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            return result;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RegistryException refusal) {
                throw refusal;
            }
            throw storeError("Error while writing to the schema topic: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw storeError("Timed out waiting for the schema topic", e);
        } catch (KafkaException e) {
            throw storeError("Error while writing to the schema topic: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError("Interrupted while waiting for the schema topic", e);
        } finally {
            pending.remove(key);
        }
    }

    /** Waits until every record present in the topic now has been applied locally. */
    private void catchUp() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long end;
        try {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException e) {
            throw storeError("Cannot read the end of the schema topic: " + e.getCause(), e.getCause());
        }
        lock.lock();
        try {
            while (appliedPosition < end) {
                if (!advanced.await(remainingMillis(deadline), TimeUnit.MILLISECONDS) && appliedPosition < end) {
                    throw new TimeoutException("Schema topic applied up to " + appliedPosition + " of " + end);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void readLoop() {
        while (running) {
            try {
                var records = consumer.poll(POLL);
                lock.lock();
                try {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        applyRecord(record);
                    }
                    // The position, not the last offset + 1, also steps over compacted gaps and control records.
                    appliedPosition = consumer.position(partition);
                    advanced.signalAll();
                } finally {
                    lock.unlock();
                }
            } catch (WakeupException e) {
                if (running) {
                    LOG.warn("Unexpected wake-up of the schema log reader", e);
                }
            } catch (RuntimeException e) {
                LOG.error("Schema log reader failed; retrying", e);
                pause();
            }
        }
        consumer.close(CloseOptions.timeout(CLOSE));
    }

    private void applyRecord(ConsumerRecord<String, byte[]> record) {
        CompletableFuture<Object> waiter = record.key() == null ? null : pending.get(record.key());
        Optional<RegistryCommand<?>> command = LogEntryCodec.decode(record.value());
        if (command.isEmpty()) {
            LOG.warn("Skipping unreadable record at offset {} of {}", record.offset(), partition);
            if (waiter != null) {
                waiter.completeExceptionally(storeError("Unreadable record in the schema topic", null));
            }
            return;
        }
        try {
            Object result = state.apply(command.get());
            if (waiter != null) {
                waiter.complete(result);
            }
        } catch (RegistryException refusal) {
            LOG.debug("Record at offset {} refused: {}", record.offset(), refusal.getMessage());
            if (waiter != null) {
                waiter.completeExceptionally(refusal);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (reader.isAlive()) {
            consumer.wakeup();
            try {
                reader.join(CLOSE.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(CloseOptions.timeout(CLOSE));
        }
        pending.values().forEach(f -> f.completeExceptionally(storeError("The registry is shutting down", null)));
        producer.close(CLOSE);
        admin.close(CLOSE);
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static RegistryException storeError(String message, Throwable cause) {
        return new RegistryException(ErrorCode.STORE_ERROR, message, cause);
    }

    private static Properties withSettings(Map<String, String> clientSettings, Properties own) {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.putAll(own);
        return props;
    }

    private static Properties adminConfig(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return props;
    }

    private static Properties producerConfig(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms, hence the same value for both.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        return props;
    }

    private static Properties consumerConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
