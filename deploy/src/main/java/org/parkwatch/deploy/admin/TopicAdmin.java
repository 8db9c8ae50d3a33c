package org.parkwatch.deploy.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.TopicLayout;
import org.parkwatch.topology.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a {@link Topics} catalogue that do not exist yet, each with the partitions and settings of
 * its role ({@link TopicSpec}). Existing topics are never altered, so running it again is harmless.
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final Admin admin;
    private final TopicLayout layout;
    private final short replicationFactor;
    private final boolean ownsAdmin;

    /** Uses {@code admin} without taking it over: {@link #close()} leaves it open. */
    public TopicAdmin(Admin admin, TopicLayout layout, int replicationFactor) {
        this(admin, layout, replicationFactor, false);
    }

    private TopicAdmin(Admin admin, TopicLayout layout, int replicationFactor, boolean ownsAdmin) {
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor out of range: " + replicationFactor);
        }
        this.admin = admin;
        this.layout = layout;
        this.replicationFactor = (short) replicationFactor;
        this.ownsAdmin = ownsAdmin;
    }

    /** A topic admin with its own Kafka admin client, closed with it. */
    public static TopicAdmin connect(KafkaConnection kafka, TopicLayout layout) {
        return new TopicAdmin(Admin.create(kafka.clientProperties()), layout, kafka.replicationFactor(), true);
    }

    /**
     * Creates every topic of {@code topics} that is absent.
     *
     * @throws KafkaException when the cluster cannot be reached or refuses a topic
     */
    public TopicSummary ensureTopics(Topics topics) {
        return ensureTopics(topics.roles());
    }

    /**
     * Creates every topic of {@code topicRoles} (name and role, as {@link TopicLayout#roles()}) that is absent.
     *
     * @throws KafkaException when the cluster cannot be reached or refuses a topic
     */
    public TopicSummary ensureTopics(Map<String, Topics.TopicRole> topicRoles) {
        Map<String, Topics.TopicRole> roles = new TreeMap<>(topicRoles);
        Set<String> present = call(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
                "list topics");
        List<String> existing = new ArrayList<>();
        List<NewTopic> toCreate = new ArrayList<>();
        roles.forEach((name, role) -> {
            if (present.contains(name)) {
                existing.add(name);
            } else {
                TopicSpec spec = TopicSpec.forRole(role, layout);
                toCreate.add(new NewTopic(name, spec.partitions(), replicationFactor).configs(spec.configs()));
            }
        });
        List<String> created = new ArrayList<>();
        if (!toCreate.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(toCreate);
            result.values().forEach((name, future) -> {
                try {
                    call(future, "create topic " + name);
                    created.add(name);
                } catch (KafkaException e) {
                    // Another process may create the same topic between our listing and our request.
                    if (e.getCause() instanceof TopicExistsException) {
                        existing.add(name);
                    } else {
                        throw e;
                    }
                }
            });
        }
        created.sort(null);
        existing.sort(null);
        awaitUsable(created);
        LOG.info("Topics created: {}; already present: {}", created, existing);
        return new TopicSummary(created, existing);
    }

    /**
     * Waits until every partition of the new topics has a leader the broker we ask knows of. The controller
     * acknowledges a creation before brokers have applied it, and a client using the topic at once could
     * otherwise be told it does not exist.
     */
    private void awaitUsable(List<String> names) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!names.isEmpty()) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (described.values().stream().allMatch(TopicAdmin::hasLeaders)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new KafkaException("cannot describe topics " + names + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while waiting for topics " + names, e);
            } catch (TimeoutException e) {
                throw new KafkaException("topics " + names + " not described within " + TIMEOUT, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new KafkaException("topics " + names + " created but not usable within " + TIMEOUT);
            }
            pause();
        }
    }

    private static boolean hasLeaders(TopicDescription topic) {
        return topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for new topics", e);
        }
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close(TIMEOUT);
        }
    }

    private static <T> T call(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("cannot " + what + " within " + TIMEOUT, e);
        }
    }
}
