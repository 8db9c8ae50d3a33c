package org.parkwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** The size of a pipeline's state: its local state directory on disk, and its changelog topics on the broker. */
final class RestoreStorage {

    /** Changelog topics of an application and the sum of their end offsets (records plus transaction markers). */
    record Changelogs(int topics, int partitions, long endOffsets) {
    }

    private RestoreStorage() {
    }

    /** Bytes of every file under {@code dir}; 0 when it does not exist. */
    static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    // RocksDB removed the file between listing and sizing it.
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot size " + dir, e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    /** The topics named {@code <applicationId>-*-changelog}, with their end offsets summed. */
    static Changelogs changelogs(String bootstrap, String applicationId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS).stream()
                    .filter(n -> n.startsWith(applicationId + "-") && n.endsWith("-changelog")).sorted().toList();
            if (names.isEmpty()) {
                return new Changelogs(0, 0, 0);
            }
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            long sum = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
            return new Changelogs(names.size(), latest.size(), sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the changelogs of " + applicationId, e);
        }
    }
}
