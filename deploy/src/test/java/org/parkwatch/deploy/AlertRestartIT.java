package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.topology.Topics;

/**
 * An alert opened before the pipeline process is killed is still open after it restarts: the next sample below
 * the clear level resolves that same alert (same alertId) instead of being ignored or opening another. And a rule
 * deleted, disabled or changed while the pipeline was down judges its open alerts as soon as it is back.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.extension.ExtendWith(OneAtATime.class)
class AlertRestartIT {

    private static KafkaStack kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startKafkaAndRegistry() {
        kafka = KafkaStack.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /**
     * One hard restart serves both behaviours (each restart of a process costs the most of this test's time): the
     * alert of outlet W3 resolves by its next value after the restart; the alerts of W1 and W2 by the rules changed
     * while the pipeline was down.
     */
    @Test
    void shouldKeepOpenAlertsAcrossAHardRestartAndJudgeThemByTheRulesInForceWhenThePipelineComesBack()
            throws Exception {
        Map<String, String> settings = Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.application.id", "alert-restart-it",
                "parkwatch.state.dir", stateDir.resolve("streams").toString(),
                "parkwatch.topic.prefix", "alerting",
                "parkwatch.api.port", "0",
                "parkwatch.api.auth.required", "false",
                "parkwatch.topic.partitions", "2",
                // the killed process's partitions move to the next one after 6 s instead of the default 45 s
                "parkwatch.kafka.session.timeout.ms", "6000");
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        ThresholdRule codW1 = concentrationRule("cod-w1", 1, "W1", "cod.concentration.ratio", 0.9, 1.0, 0.85);
        ThresholdRule codW2 = concentrationRule("cod-w2", 1, "W2", "cod.concentration.ratio", 0.9, 1.0, 0.85);
        ThresholdRule codW3 = concentrationRule("cod-w3", 1, "W3", "cod.concentration.ratio", 0.9, 1.0, 0.85);
        ThresholdRule nh3n = concentrationRule("nh3n-any", 1, "*", "nh3n.concentration.ratio", 0.9, 1.0, 0.85);
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publishDefaultFactors(topics.emissionFactors());
            loader.publishEnterprises(topics.enterprises(), List.of(enterprise()));
            loader.publishThresholdRules(topics.thresholdRules(), List.of(codW1, codW2, codW3, nh3n));
        }

        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer()) {
            PipelineProcess first = PipelineProcess.start(settings, "alert-first");
            // outlet limits COD 500, NH3-N 45 mg/L: at W1 and W2 COD 600 and NH3-N 54 mg/L, ratio 1.2, four
            // alerts; at W3 COD 600 (ratio 1.2) with NH3-N 5 mg/L (0.11), one
            Instant start = Instant.parse("2024-05-01T00:00:00Z");
            send(producer, topics, "r-1", "W1", start, 600, 54);
            send(producer, topics, "r-2", "W2", start, 600, 54);
            send(producer, topics, "w-1", "W3", start, 600, 5);
            List<Alert> opened = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> alerts(topics), list -> list.size() >= 5);
            assertThat(opened).hasSize(5).extracting(Alert::getState).containsOnly(AlertState.OPEN);
            String w3Alert = opened.stream().filter(a -> a.getRuleId().equals("cod-w3")).findFirst().orElseThrow()
                    .getAlertId();
            first.killHard();

            // while the pipeline is down: cod-w1 is deleted, cod-w2 disabled, nh3n-any's levels doubled
            producer.send(new ProducerRecord<>(topics.thresholdRules(), "cod-w1", null)).get();
            producer.send(new ProducerRecord<>(topics.thresholdRules(), "cod-w2",
                    ThresholdRule.newBuilder(codW2).setVersion(2).setEnabled(false).build())).get();
            producer.send(new ProducerRecord<>(topics.thresholdRules(), "nh3n-any",
                    concentrationRule("nh3n-any", 2, "*", "nh3n.concentration.ratio", 1.8, 2.0, 1.5))).get();

            try (PipelineProcess second = PipelineProcess.start(settings, "alert-second")) {
                // W3's next sample, 350 mg/L: ratio 0.7, below the clear level 0.85
                send(producer, topics, "w-2", "W3", start.plusSeconds(3600), 350, 5);
                List<Alert> all = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> alerts(topics), list -> list.size() >= 10);
                assertThat(all).hasSize(10);
                // the alert open before the kill is the one its next value resolves: same alertId, no new alert
                assertThat(all).filteredOn(a -> a.getRuleId().equals("cod-w3"))
                        .extracting(Alert::getAlertId, Alert::getState, Alert::getCause)
                        .containsExactly(tuple(w3Alert, AlertState.OPEN, "VALUE"),
                                tuple(w3Alert, AlertState.RESOLVED, "VALUE"));
                // no new sample at W1 and W2: the rules alone resolve their four alerts (the alert topic has two
                // partitions, so there is no order between the alerts of different outlets)
                List<Alert> resolvedByRules = all.stream().filter(a -> a.getState() == AlertState.RESOLVED
                        && !a.getRuleId().equals("cod-w3")).toList();
                assertThat(resolvedByRules).extracting(Alert::getAlertId).containsExactlyInAnyOrderElementsOf(
                        opened.stream().filter(a -> !a.getRuleId().equals("cod-w3")).map(Alert::getAlertId).toList());
                assertThat(resolvedByRules)
                        .extracting(a -> a.getRuleId() + " v" + a.getRuleVersion() + " " + a.getCause())
                        .containsExactlyInAnyOrder("cod-w1 v1 RULE_RETIRED", "cod-w2 v2 RULE_RETIRED",
                                "nh3n-any v2 RULE_CHANGED", "nh3n-any v2 RULE_CHANGED");
                // stamped with the event time of the value re-judged: the samples' last millisecond
                assertThat(resolvedByRules).extracting(Alert::getTransitionAt)
                        .containsOnly(Instant.parse("2024-05-01T00:59:59.999Z"));
            }
        }
    }

    private static ThresholdRule concentrationRule(String ruleId, int version, String outlet, String metric,
                                                   double warning, double limit, double clear) {
        return ThresholdRule.newBuilder().setRuleId(ruleId).setVersion(version).setScopeType(SubjectType.OUTLET)
                .setScopeId(outlet).setMetric(metric).setWindow(WindowKind.SAMPLE).setWarningLevel(warning)
                .setLimit(limit).setClearLevel(clear).setUnit("ratio to outlet limit").setMinConsecutive(1)
                .setSource("test rule").build();
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, Topics topics, String id, String outlet,
                             Instant start, double cod, double nh3n) throws Exception {
        producer.send(new ProducerRecord<>(topics.wastewaterSamples(), "E1", WastewaterSample.newBuilder()
                .setEventId(id).setEnterpriseId("E1").setOutletId(outlet).setVolumeM3(20).setCodMgPerL(cod)
                .setAmmoniaNitrogenMgPerL(nh3n).setIntervalStart(start).setIntervalEnd(start.plusSeconds(3600))
                .build())).get();
    }

    private static Enterprise enterprise() {
        return Enterprise.newBuilder().setEnterpriseId("E1").setParkId("park-a").setName("E1").setSector("chemicals")
                .setGridRegion(GridRegion.EAST)
                .setOutlets(List.of(outlet("W1"), outlet("W2"), outlet("W3")))
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }

    private static Outlet outlet(String id) {
        return Outlet.newBuilder().setOutletId(id).setDischargeClass("GB8978-1996/3").setCodLimitMgPerL(500.0)
                .setAmmoniaNitrogenLimitMgPerL(45.0).build();
    }

    private static List<Alert> alerts(Topics topics) {
        return kafka.readCommitted(topics.alerts(), Alert.class);
    }

}
