package org.parkwatch.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.topology.Topics;

/**
 * The real local broker (KRaft, its log on disk under the work directory) and schema registry the benchmark runs
 * against, with one park's topics and reference data (default factors, the park's enterprises, default rules)
 * published the way {@code parkwatch setup} publishes them.
 */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final Path workDir;

    private BenchCluster(EmbeddedKafkaBroker broker, SchemaRegistryServer registry, Path workDir) {
        this.broker = broker;
        this.registry = registry;
        this.workDir = workDir;
    }

    static BenchCluster start(Path workDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                BrokerSettings.persistent(0, 0, workDir.resolve("kafka")));
        try {
            return new BenchCluster(broker, SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0)),
                    workDir);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    Path workDir() {
        return workDir;
    }

    /** The pipeline settings for a park whose topics start with {@code prefix}: defaults but for the addresses. */
    Map<String, String> pipelineSettings(String prefix, String applicationId, Path stateDir, int partitions) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parkwatch.bootstrap.servers", bootstrapServers());
        settings.put("parkwatch.schema.registry.url", registryUrl());
        settings.put("parkwatch.application.id", applicationId);
        settings.put("parkwatch.state.dir", stateDir.toString());
        settings.put("parkwatch.topic.prefix", prefix);
        settings.put("parkwatch.topic.partitions", String.valueOf(partitions));
        settings.put("parkwatch.api.port", "0");
        settings.put("parkwatch.api.host", "127.0.0.1");
        settings.put("parkwatch.api.auth.required", "false");
        return settings;
    }

    /** Creates the park's topics and publishes its reference data; returns the configuration used. */
    ParkWatchConfig preparePark(String prefix, ParkModel park, int partitions) {
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(),
                pipelineSettings(prefix, prefix + "-setup", workDir.resolve("unused"), partitions));
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishDefaultFactors(topics.emissionFactors());
            loader.publishEnterprises(topics.enterprises(), park.enterpriseRecords());
            loader.publishDefaultThresholdRules(topics.thresholdRules());
        }
        return config;
    }

    /** Plain topics for the baselines' output. */
    void createTopics(List<String> names, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty())).toList())
                    .all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create " + names, e);
        }
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
