package org.parkwatch.deploy.acl;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.StreamsConfig;
import org.parkwatch.deploy.config.AclConfig;
import org.parkwatch.deploy.replay.DeadLetterReplayer;
import org.parkwatch.deploy.restate.LedgerRestatement;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;

/**
 * The ACLs each party needs and nothing more, from the one configuration: topic names from the topic layout, the
 * pipeline's internal topics, consumer group and transactional ids from its application id, principals from
 * {@link AclConfig}. Read implies Describe and Write implies Describe in Kafka's authorizer, so neither is granted
 * on its own; idempotent producers need no cluster ACL since Kafka 3.0 (KIP-679), Write on a topic suffices.
 */
public final class ParkWatchAcls {

    /** A party to the cluster. */
    public enum Role { PIPELINE, SETUP, GATEWAY, REGISTRY, ENTERPRISE, AGENCY, PLATFORM, REPLAY }

    /** The ACLs of one principal, in the role it was configured for. */
    public record Grant(Role role, String principal, List<AclBinding> bindings) {
        public Grant {
            bindings = List.copyOf(bindings);
        }
    }

    private ParkWatchAcls() {
    }

    /** Every principal's ACLs, in the order of {@link Role}, then of the configured principals. */
    public static List<Grant> of(ParkWatchConfig config) {
        AclConfig principals = config.acls();
        Topics t = config.topicLayout().topics();
        String applicationId = config.kafka().applicationId();
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(config.kafka().processingGuarantee());
        List<Grant> grants = new ArrayList<>();
        for (String p : principals.pipeline()) {
            Acls acls = new Acls(p);
            acls.topics(List.of(t.meterReadings(), t.fuelConsumption(), t.wastewaterSamples(), t.flueGasSamples(),
                    t.outputReports(), t.enterprises(), t.emissionFactors(), t.thresholdRules(),
                    t.ledgerCorrections(), t.dataGaps()), AclOperation.READ);
            acls.topics(List.of(t.emissionsLedger(), t.enterpriseTotals(), t.parkTotals(), t.enterpriseIntensity(),
                    t.parkIntensity(), t.alerts(), t.deadLetters()), AclOperation.WRITE);
            // Its API serves period reports, read off the ledger (and the ledger of before state version 8, where an
            // upgraded deployment has one), alerts, closed totals and restatement records.
            acls.topics(List.of(t.emissionsLedger(), t.legacyEmissionsLedger(), t.alerts(), t.parkTotals(),
                    t.enterpriseTotals(), t.restatements()), AclOperation.READ);
            // Kafka Streams names its changelog and repartition topics <application.id>-..., creates and checks
            // them, and purges consumed repartition records (DeleteRecords needs Delete).
            for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
                    AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, op);
            }
            acls.add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ);
            if (exactlyOnce) {
                // Exactly-once v2 transactional ids are <application.id>-<process id>-<thread index>.
                acls.add(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.WRITE);
            }
            grants.add(new Grant(Role.PIPELINE, p, acls.bindings));
        }
        for (String p : principals.setup()) {
            Acls acls = new Acls(p);
            // Creates whichever topic is missing, after listing and describing them (partition counts).
            for (String topic : config.topicLayout().roles().keySet().stream().sorted().toList()) {
                acls.add(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.CREATE);
                acls.add(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE);
            }
            // Publishes the default factors and rules after reading what the topics already hold.
            acls.topics(List.of(t.emissionFactors(), t.thresholdRules()), AclOperation.READ);
            acls.topics(List.of(t.emissionFactors(), t.thresholdRules()), AclOperation.WRITE);
            grants.add(new Grant(Role.SETUP, p, acls.bindings));
        }
        for (String p : principals.gateway()) {
            Acls acls = new Acls(p);
            // It reads the gaps back at start-up for those still open.
            acls.topics(List.of(t.devices(), t.dataGaps()), AclOperation.READ);
            acls.topics(List.of(t.wastewaterSamples(), t.flueGasSamples(), t.hj212Packets(), t.deadLetters(),
                    t.dataGaps()),
                    AclOperation.WRITE);
            grants.add(new Grant(Role.GATEWAY, p, acls.bindings));
        }
        for (String p : principals.registry()) {
            Acls acls = new Acls(p);
            for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE)) {
                acls.add(ResourceType.TOPIC, principals.registryTopic(), PatternType.LITERAL, op);
            }
            grants.add(new Grant(Role.REGISTRY, p, acls.bindings));
        }
        for (String p : principals.enterprises()) {
            Acls acls = new Acls(p);
            // Flue gas too: an enterprise whose CEMS data reach it by another way than HJ 212 sends them as Avro.
            acls.topics(List.of(t.meterReadings(), t.fuelConsumption(), t.wastewaterSamples(), t.flueGasSamples(),
                    t.outputReports()), AclOperation.WRITE);
            grants.add(new Grant(Role.ENTERPRISE, p, acls.bindings));
        }
        for (String p : principals.agencies()) {
            Acls acls = new Acls(p);
            acls.topics(List.of(t.emissionFactors(), t.thresholdRules()), AclOperation.WRITE);
            acls.topics(List.of(t.emissionFactors(), t.thresholdRules(), t.emissionsLedger(),
                    t.legacyEmissionsLedger(), t.alerts()), AclOperation.READ);
            acls.ownGroups();
            grants.add(new Grant(Role.AGENCY, p, acls.bindings));
        }
        for (String p : principals.platforms()) {
            Acls acls = new Acls(p);
            acls.topics(List.of(t.enterpriseTotals(), t.parkTotals(), t.enterpriseIntensity(), t.parkIntensity()),
                    AclOperation.READ);
            // It registers enterprises and devices; the device command reads what the topic holds before writing.
            acls.topics(List.of(t.enterprises(), t.devices()), AclOperation.READ);
            acls.topics(List.of(t.enterprises(), t.devices()), AclOperation.WRITE);
            acls.ownGroups();
            grants.add(new Grant(Role.PLATFORM, p, acls.bindings));
        }
        for (String p : principals.replay()) {
            Acls acls = new Acls(p);
            acls.topics(List.of(t.deadLetters()), AclOperation.READ);
            // It reads what was replayed before, then records each replay (by assignment, no consumer group).
            acls.topics(List.of(config.topicLayout().deadLetterReplays()), AclOperation.READ);
            acls.topics(List.of(config.topicLayout().deadLetterReplays(), t.meterReadings(), t.fuelConsumption(),
                    t.wastewaterSamples(), t.flueGasSamples(), t.outputReports()), AclOperation.WRITE);
            acls.add(ResourceType.TRANSACTIONAL_ID, DeadLetterReplayer.transactionalId(config.kafka()),
                    PatternType.LITERAL, AclOperation.WRITE);
            // The same operator restates: it reads the factors in force, the ledger and the corrections on their
            // way, and writes corrections with the restatement's record, in transactions.
            acls.topics(List.of(t.emissionFactors(), t.emissionsLedger(), t.legacyEmissionsLedger(),
                    t.ledgerCorrections()), AclOperation.READ);
            acls.topics(List.of(t.ledgerCorrections(), t.restatements()), AclOperation.WRITE);
            acls.add(ResourceType.TRANSACTIONAL_ID, LedgerRestatement.transactionalId(config.kafka()),
                    PatternType.LITERAL, AclOperation.WRITE);
            grants.add(new Grant(Role.REPLAY, p, acls.bindings));
        }
        return List.copyOf(grants);
    }

    /** The user name of a {@code User:<name>} principal. */
    static String userName(String principal) {
        return principal.substring(principal.indexOf(':') + 1);
    }

    /** Collects one principal's ALLOW entries, from any host. */
    private static final class Acls {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Acls(String principal) {
            this.principal = principal;
        }

        void topics(List<String> topics, AclOperation operation) {
            topics.forEach(topic -> add(ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
        }

        /** Readers outside ParkWatch choose their own consumer groups: those starting with their user name. */
        void ownGroups() {
            add(ResourceType.GROUP, userName(principal), PatternType.PREFIXED, AclOperation.READ);
        }

        void add(ResourceType type, String name, PatternType pattern, AclOperation operation) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
