package org.parkwatch.deploy.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.parkwatch.registry.RegistrySettings;

/**
 * The Kafka principals of each party to a ParkWatch cluster, which {@code parkwatch acls} grants their least
 * privileges to. Each is a list, so several users (one per enterprise, say) can share a role.
 */
public record AclConfig(List<String> pipeline, List<String> setup, List<String> gateway, List<String> registry,
                        List<String> enterprises, List<String> agencies, List<String> platforms,
                        List<String> replay, String registryTopic) {

    public static final String PIPELINE = "parkwatch.acl.pipeline.principals";
    public static final String SETUP = "parkwatch.acl.setup.principals";
    public static final String GATEWAY = "parkwatch.acl.gateway.principals";
    public static final String REGISTRY = "parkwatch.acl.registry.principals";
    public static final String ENTERPRISES = "parkwatch.acl.enterprise.principals";
    public static final String AGENCIES = "parkwatch.acl.agency.principals";
    public static final String PLATFORMS = "parkwatch.acl.platform.principals";
    public static final String REPLAY = "parkwatch.acl.replay.principals";
    public static final String REGISTRY_TOPIC = "parkwatch.acl.registry.topic";

    public AclConfig {
        pipeline = List.copyOf(pipeline);
        setup = List.copyOf(setup);
        gateway = List.copyOf(gateway);
        registry = List.copyOf(registry);
        enterprises = List.copyOf(enterprises);
        agencies = List.copyOf(agencies);
        platforms = List.copyOf(platforms);
        replay = List.copyOf(replay);
    }

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(PIPELINE, Type.LIST, "User:parkwatch-pipeline", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of the pipeline (Kafka Streams, its dead-letter producer).")
                .define(SETUP, Type.LIST, "User:parkwatch-setup", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of the setup command (creates topics, publishes default factors and rules).")
                .define(GATEWAY, Type.LIST, "User:parkwatch-gateway", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of the HJ 212 gateway.")
                .define(REGISTRY, Type.LIST, "User:parkwatch-registry", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of the bundled schema registry (its topic _parkwatch_schemas).")
                .define(ENTERPRISES, Type.LIST, "User:parkwatch-enterprise", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of enterprises: they write meter readings, fuel consumption, wastewater "
                                + "samples and output reports, nothing else.")
                .define(AGENCIES, Type.LIST, "User:parkwatch-agency", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of environmental agencies: they write emission factors and threshold "
                                + "rules, and read them, the ledger and alerts (consumer groups named after their "
                                + "user).")
                .define(PLATFORMS, Type.LIST, "User:parkwatch-platform", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of park platforms: they read the totals and intensities (consumer groups "
                                + "named after their user) and register enterprises and devices.")
                .define(REPLAY, Type.LIST, "User:parkwatch-replay", PRINCIPALS, Importance.MEDIUM,
                        "Kafka principals of operators running replay-dead-letters and restate: they read the "
                                + "dead letters, write their records back to the activity and output-report topics "
                                + "and record each replay; they read the factors and the ledger and write ledger "
                                + "corrections with the restatement's record; each command in transactions of its "
                                + "fixed transactional id.")
                .define(REGISTRY_TOPIC, Type.STRING, RegistrySettings.DEFAULT_TOPIC, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "The topic of the bundled schema registry's log (its --topic), which its "
                                + "principals may create, read and write.");
    }

    public static AclConfig from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        return new AclConfig(list(p, PIPELINE), list(p, SETUP), list(p, GATEWAY), list(p, REGISTRY),
                list(p, ENTERPRISES), list(p, AGENCIES), list(p, PLATFORMS), list(p, REPLAY),
                (String) p.get(REGISTRY_TOPIC));
    }

    public static AclConfig defaults() {
        return from(Map.of());
    }

    @SuppressWarnings("unchecked") // Type.LIST parses to List<String>
    private static List<String> list(Map<String, Object> parsed, String key) {
        return (List<String>) parsed.get(key);
    }

    /** {@code User:<name>}, the form Kafka's authorizer gives a SASL or TLS client's principal. */
    private static final ConfigDef.Validator PRINCIPALS = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> principals = (List<String>) value;
            for (String principal : principals) {
                if (!principal.matches("User:[^\\s*]+")) {
                    throw new ConfigException(name, principal, "expected User:<name>, a Kafka principal");
                }
            }
        }

        @Override
        public String toString() {
            return "User:<name>[,User:<name>...]";
        }
    };
}
