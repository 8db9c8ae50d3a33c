package org.parkwatch.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prepares a cluster for ParkWatch: creates the topics with their settings and publishes the default factor set.
 * Both steps are idempotent, so it is safe to run on every deployment.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Create the topics and load the default emission factors (idempotent).")
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--config", description = "A properties file (see parkwatch.example.properties).")
    Path configFile;

    @Option(names = "--set", description = "A configuration key=value, repeatable; overrides file and environment.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--no-factors", description = "Create the topics only.")
    boolean noFactors;

    @Override
    public Integer call() {
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(Optional.ofNullable(configFile), overrides);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            var created = admin.ensureTopics(topics);
            System.out.printf("Topics: %d created, %d already present%n", created.created().size(), created.existing().size());
        }
        if (!noFactors) {
            try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
                var summary = loader.publishDefaultFactors(topics.emissionFactors());
                System.out.printf("Emission factors: %d versions written, %d already present%n",
                        summary.written().size(), summary.unchanged().size());
                var rules = loader.publishDefaultThresholdRules(topics.thresholdRules());
                System.out.printf("Threshold rules: %d default rules written, %d already present%n",
                        rules.written().size(), rules.unchanged().size());
            }
        }
        return 0;
    }
}
