package org.parkwatch.deploy;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.kafka.common.acl.AclBinding;
import org.parkwatch.deploy.acl.AclAdmin;
import org.parkwatch.deploy.acl.ParkWatchAcls;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the least-privilege Kafka ACLs of every ParkWatch principal, and with {@code --apply} creates them on the
 * configured cluster, as a user allowed to alter ACLs (a super user).
 */
@Command(name = "acls", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the Kafka ACLs each principal needs (pipeline, setup, gateway, registry, enterprises, "
                + "agencies, park platforms), from the configured topic names, application id and principals "
                + "(parkwatch.acl.*.principals).",
                "With --apply, create those the cluster lacks (idempotent), connecting with the parkwatch.kafka.* "
                        + "settings of a user allowed to alter ACLs."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:printed, or applied", "2:bad arguments or configuration",
                "3:the Kafka cluster cannot be reached or refused the ACLs"})
final class AclsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration = new ConfigurationOptions();

    @Option(names = "--apply", description = "Create the ACLs on the cluster (parkwatch.bootstrap.servers).")
    boolean apply;

    @Override
    public Integer call() {
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(configuration.file(),
                configuration.overrides());
        List<ParkWatchAcls.Grant> grants = ParkWatchAcls.of(config);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-10s %-28s %-16s %-16s %-8s %s%n", "ROLE", "PRINCIPAL", "OPERATION", "RESOURCE",
                "PATTERN", "NAME");
        for (ParkWatchAcls.Grant grant : grants) {
            for (AclBinding b : grant.bindings()) {
                out.printf(Locale.ROOT, "%-10s %-28s %-16s %-16s %-8s %s%n", grant.role().name().toLowerCase(Locale.ROOT),
                        grant.principal(), b.entry().operation(), b.pattern().resourceType(),
                        b.pattern().patternType(), b.pattern().name());
            }
        }
        if (apply) {
            new ConnectionCheck(config.startup().connectTimeout()).kafka(config.kafka());
            try (AclAdmin admin = AclAdmin.connect(config.kafka(), config.startup().connectTimeout())) {
                var applied = admin.apply(grants.stream().flatMap(g -> g.bindings().stream()).toList());
                out.printf(Locale.ROOT, "ACLs on %s: %d created, %d already present%n",
                        config.kafka().bootstrapServers(), applied.created().size(), applied.present().size());
            }
        }
        out.flush();
        return 0;
    }
}
