package org.parkwatch.deploy;

import java.util.concurrent.Callable;

import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prepares a cluster for ParkWatch: creates the topics with their settings and publishes the default factor set.
 * Both steps are idempotent, so it is safe to run on every deployment.
 */
@Command(name = "setup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create the topics and load the default emission factors and threshold rules (idempotent).",
                "Stops at once, naming it, when the Kafka cluster or the Schema Registry does not answer within "
                        + "parkwatch.connect.timeout.ms (10 s)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:done", "1:a topic or a record was refused", "2:bad arguments or configuration",
                "3:the Kafka cluster or the Schema Registry cannot be reached"})
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration = new ConfigurationOptions();

    @Option(names = "--no-factors",
            description = "Create the topics only: no emission factors or threshold rules, no Schema Registry.")
    boolean noFactors;

    @Override
    public Integer call() {
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(configuration.file(),
                configuration.overrides());
        Topics topics = config.topicLayout().topics();
        var out = spec.commandLine().getOut();
        ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
        check.kafka(config.kafka());
        if (!noFactors) {
            check.registry(config.registry());
        }
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            var created = admin.ensureTopics(config.topicLayout().roles());
            out.printf("Topics: %d created, %d already present%n", created.created().size(), created.existing().size());
        }
        if (!noFactors) {
            try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
                var summary = loader.publishDefaultFactors(topics.emissionFactors());
                out.printf("Emission factors: %d versions written, %d already present%n",
                        summary.written().size(), summary.unchanged().size());
                var rules = loader.publishDefaultThresholdRules(topics.thresholdRules());
                out.printf("Threshold rules: %d default rules written, %d already present%n",
                        rules.written().size(), rules.unchanged().size());
            }
        }
        out.flush();
        return 0;
    }
}
