package org.parkwatch.deploy.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;

class ParkWatchAclsTest {

    private static ParkWatchConfig config(Map<String, String> settings) {
        return new ConfigLoader(Map.of()).load(Optional.empty(), settings);
    }

    /** One line per ACL of {@code principal}: type, pattern, name, operation. */
    private static List<String> aclsOf(ParkWatchConfig config, String principal) {
        return ParkWatchAcls.of(config).stream().filter(g -> g.principal().equals(principal))
                .flatMap(g -> g.bindings().stream())
                .map(b -> b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name()
                        + " " + b.entry().operation() + " " + b.entry().permissionType() + " " + b.entry().host())
                .toList();
    }

    @Test
    void shouldLetAnEnterpriseWriteItsFiveInputTopicsAndNothingElse() {
        assertThat(aclsOf(config(Map.of()), "User:parkwatch-enterprise")).containsExactly(
                "TOPIC LITERAL park.meter-readings WRITE ALLOW *",
                "TOPIC LITERAL park.fuel-consumption WRITE ALLOW *",
                "TOPIC LITERAL park.wastewater-samples WRITE ALLOW *",
                "TOPIC LITERAL park.flue-gas-samples WRITE ALLOW *",
                "TOPIC LITERAL park.output-reports WRITE ALLOW *");
    }

    @Test
    void shouldLetTheGatewayWriteBothSampleInputsAndThePipelineReadThem() {
        assertThat(aclsOf(config(Map.of()), "User:parkwatch-gateway")).containsExactly(
                "TOPIC LITERAL park.devices READ ALLOW *",
                "TOPIC LITERAL park.data-gaps READ ALLOW *",
                "TOPIC LITERAL park.wastewater-samples WRITE ALLOW *",
                "TOPIC LITERAL park.flue-gas-samples WRITE ALLOW *",
                "TOPIC LITERAL park.hj212-packets WRITE ALLOW *",
                "TOPIC LITERAL park.dead-letters WRITE ALLOW *",
                "TOPIC LITERAL park.data-gaps WRITE ALLOW *");
        assertThat(aclsOf(config(Map.of()), "User:parkwatch-pipeline"))
                .contains("TOPIC LITERAL park.flue-gas-samples READ ALLOW *")
                .doesNotContain("TOPIC LITERAL park.flue-gas-samples WRITE ALLOW *");
    }

    @Test
    void shouldNameThePipelinesInternalTopicsGroupAndTransactionsAfterItsApplicationId() {
        List<String> acls = aclsOf(config(Map.of("parkwatch.application.id", "pw-east",
                "parkwatch.topic.prefix", "east")), "User:parkwatch-pipeline");

        assertThat(acls).contains("TOPIC LITERAL east.meter-readings READ ALLOW *",
                "TOPIC LITERAL east.ledger-corrections READ ALLOW *",
                "TOPIC LITERAL east.emissions-ledger-v2 WRITE ALLOW *",
                "TOPIC PREFIXED pw-east- CREATE ALLOW *", "TOPIC PREFIXED pw-east- DELETE ALLOW *",
                "GROUP LITERAL pw-east READ ALLOW *", "TRANSACTIONAL_ID PREFIXED pw-east- WRITE ALLOW *");
        // it writes no input; of its outputs it reads only what its API's reports need
        assertThat(acls).doesNotContain("TOPIC LITERAL east.meter-readings WRITE ALLOW *",
                "TOPIC LITERAL east.enterprise-intensity READ ALLOW *");
        assertThat(acls).contains("TOPIC LITERAL east.enterprise-totals READ ALLOW *",
                "TOPIC LITERAL east.restatements READ ALLOW *");
        // reports read the ledger of before state version 8 too, but nothing writes it any more
        assertThat(acls).contains("TOPIC LITERAL east.emissions-ledger-v2 READ ALLOW *",
                "TOPIC LITERAL east.emissions-ledger READ ALLOW *")
                .doesNotContain("TOPIC LITERAL east.emissions-ledger WRITE ALLOW *");
        // and the gateway's data gaps, for DATA_GAP alerts
        assertThat(acls).contains("TOPIC LITERAL east.data-gaps READ ALLOW *");
        assertThat(acls).hasSize(9 + 1 + 7 + 6 + 5 + 1 + 1);
    }

    @Test
    void shouldGrantNoTransactionalIdsToAnAtLeastOncePipeline() {
        assertThat(aclsOf(config(Map.of("parkwatch.processing.guarantee", "at_least_once")),
                "User:parkwatch-pipeline")).noneMatch(acl -> acl.startsWith("TRANSACTIONAL_ID"));
    }

    @Test
    void shouldLetAgenciesPublishFactorsAndRulesAndPlatformsReadOutputsInTheirOwnGroups() {
        ParkWatchConfig config = config(Map.of("parkwatch.acl.agency.principals", "User:mee,User:provincial-eeb",
                "parkwatch.acl.platform.principals", "User:park-one"));

        assertThat(aclsOf(config, "User:provincial-eeb")).contains(
                "TOPIC LITERAL park.emission-factors WRITE ALLOW *", "TOPIC LITERAL park.threshold-rules WRITE ALLOW *",
                "TOPIC LITERAL park.alerts READ ALLOW *", "GROUP PREFIXED provincial-eeb READ ALLOW *")
                .noneMatch(acl -> acl.contains("meter-readings"));
        assertThat(aclsOf(config, "User:mee")).hasSameElementsAs(aclsOf(config, "User:provincial-eeb").stream()
                .map(acl -> acl.replace("provincial-eeb", "mee")).toList());
        assertThat(aclsOf(config, "User:park-one")).contains("TOPIC LITERAL park.enterprise-totals READ ALLOW *",
                "TOPIC LITERAL park.park-intensity READ ALLOW *", "GROUP PREFIXED park-one READ ALLOW *")
                .noneMatch(acl -> acl.contains("emission-factors"));
        assertThat(aclsOf(config, "User:parkwatch-agency")).isEmpty();
    }

    @Test
    void shouldLetTheRegistryKeepItsLogOnTheTopicItIsStartedWith() {
        assertThat(aclsOf(config(Map.of("parkwatch.acl.registry.topic", "_schemas_east")), "User:parkwatch-registry"))
                .containsExactly("TOPIC LITERAL _schemas_east CREATE ALLOW *", "TOPIC LITERAL _schemas_east READ ALLOW *",
                        "TOPIC LITERAL _schemas_east WRITE ALLOW *");
    }

    @Test
    void shouldRefuseAPrincipalThatIsNoUser() {
        assertThatThrownBy(() -> config(Map.of("parkwatch.acl.enterprise.principals", "parkwatch-enterprise")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("parkwatch.acl.enterprise.principals")
                .hasMessageContaining("User:<name>");
    }
}
