package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.topology.PipelineFixture.electricity;
import static org.parkwatch.topology.PipelineFixture.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WindowKind;

/**
 * Reference data is judged like input: a malformed or invalid enterprise, factor version or rule becomes a dead
 * letter with its reason and bytes, is counted, and leaves the version in force in force.
 */
class ReferenceDataTopologyTest {

    private PipelineFixture p;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.standardFactors();
        p.enterprise("E1", "park-1", GridRegion.EAST);
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    private double rejected(String input, RejectReason reason) {
        var counter = p.metrics.find("parkwatch.input.rejected").tag("input", input).tag("reason", reason.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private EmissionFactor factorInForce(String key) {
        ValueAndTimestamp<EmissionFactor> v = p.driver.<String, EmissionFactor>getTimestampedKeyValueStore(
                StoreNames.EMISSION_FACTORS).get(key);
        return v == null ? null : v.value();
    }

    private byte[] bytesOf(Serializer<EmissionFactor> serializer, EmissionFactor factor) {
        return serializer.serialize(p.topics.emissionFactors(), factor);
    }

    private static EmissionFactor grid2023(double value, String unit) {
        return EmissionFactor.newBuilder().setFactorKey("grid.location.EAST").setValidFrom(local("2023-01-01T00:00"))
                .setValue(value).setUnit(unit).setParameters(Map.of()).setSource("agency correction")
                .setPublishedAt(PipelineFixture.NOW).build();
    }

    private long locationMgOf(String eventId) {
        return p.ledger.readValuesToList().stream()
                .filter(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION && e.getEventId().equals(eventId))
                .mapToLong(EmissionEntry::getAmountMg).sum();
    }

    @Test
    void shouldRefuseANegativeFactorAndKeepPricingWithTheVersionInForce() {
        String key = FactorRecordKey.of("grid.location.EAST", local("2023-01-01T00:00"));
        byte[] broken = bytesOf(p.serdes.emissionFactor().serializer(), grid2023(-0.55, "tCO2/MWh"));
        p.raw(p.topics.emissionFactors()).pipeInput(key.getBytes(StandardCharsets.UTF_8), broken);

        assertThat(p.referenceDeadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(RejectReason.INVALID_FACTOR);
            assertThat(letter.getDetail()).contains("-0.55");
            assertThat(letter.getSourceTopic()).isEqualTo(p.topics.emissionFactors());
            assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)));
            assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(broken));
        });
        assertThat(rejected("emission-factors", RejectReason.INVALID_FACTOR)).isEqualTo(1.0);
        assertThat(factorInForce(key).getValue()).isEqualTo(0.5500);
        // 1 MWh x 0.5500 tCO2/MWh (the 2023 version still in force) = 0.55 t = 550 000 000 mg
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1, "MWh").build());
        assertThat(locationMgOf("m-1")).isEqualTo(550_000_000L);
        assertThat(p.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseNonFiniteFactorValuesAndParameters() {
        p.factors.pipeInput(FactorRecordKey.of("grid.location.EAST", local("2023-01-01T00:00")),
                grid2023(Double.NaN, "tCO2/MWh"));
        EmissionFactor infiniteNcv = EmissionFactor.newBuilder(grid2023(1.9, "tCO2/t")).setFactorKey("fuel.RAW_COAL")
                .setParameters(Map.of("ncvGjPerUnit", Double.POSITIVE_INFINITY)).build();
        p.factors.pipeInput(FactorRecordKey.of("fuel.RAW_COAL", local("2023-01-01T00:00")), infiniteNcv);

        assertThat(p.referenceDeadLetters).extracting(DeadLetter::getReason)
                .containsExactly(RejectReason.INVALID_FACTOR, RejectReason.INVALID_FACTOR);
        assertThat(rejected("emission-factors", RejectReason.INVALID_FACTOR)).isEqualTo(2.0);
        assertThat(factorInForce(FactorRecordKey.of("fuel.RAW_COAL", local("2023-01-01T00:00")))).isNull();
    }

    @Test
    void shouldRefuseAFactorVersionThatChangesTheUnitOfItsKey() {
        // 0.55 kgCO2/kWh is the same factor as 0.55 tCO2/MWh written in other units, but priced as tCO2/MWh it
        // would be read as such: a unit change within a key is refused rather than converted.
        String key2024 = FactorRecordKey.of("grid.location.EAST", local("2024-01-01T00:00"));
        p.factors.pipeInput(key2024, EmissionFactor.newBuilder(grid2023(0.55, "kgCO2/kWh"))
                .setValidFrom(local("2024-01-01T00:00")).build());

        assertThat(p.referenceDeadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(RejectReason.FACTOR_UNIT_CHANGED);
            assertThat(letter.getDetail()).contains("kgCO2/kWh").contains("tCO2/MWh");
        });
        assertThat(factorInForce(key2024)).isNull();
        // a correction of a version in the same unit is put in force
        p.factors.pipeInput(key2024, EmissionFactor.newBuilder(grid2023(0.53, "tCO2/MWh"))
                .setValidFrom(local("2024-01-01T00:00")).build());
        assertThat(factorInForce(key2024).getValue()).isEqualTo(0.53);
        assertThat(p.referenceDeadLetters).hasSize(1);
    }

    @Test
    void shouldRefuseAFactorKeyedOtherwiseThanItsKeyAndValidFrom() {
        p.factors.pipeInput("grid.location.EAST", grid2023(0.60, "tCO2/MWh"));

        assertThat(p.referenceDeadLetters).extracting(DeadLetter::getReason).containsExactly(RejectReason.KEY_MISMATCH);
        assertThat(factorInForce("grid.location.EAST")).isNull();
    }

    @Test
    void shouldRefuseMalformedBytesAndUnknownSchemaIdsOnEveryReferenceTopic() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = {0, 0, 0, 0x12, 0x67, 2}; // magic byte 0, schema id 4711 (never registered)
        p.raw(p.topics.enterprises()).pipeInput("E1".getBytes(StandardCharsets.UTF_8), garbage);
        p.raw(p.topics.emissionFactors()).pipeInput(
                FactorRecordKey.of("heat", local("2022-01-01T00:00")).getBytes(StandardCharsets.UTF_8), unknownId);
        p.raw(p.topics.thresholdRules()).pipeInput("r1".getBytes(StandardCharsets.UTF_8), garbage);

        assertThat(p.referenceDeadLetters).extracting(DeadLetter::getSourceTopic, DeadLetter::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(p.topics.enterprises(), RejectReason.MALFORMED_BYTES),
                        org.assertj.core.groups.Tuple.tuple(p.topics.emissionFactors(), RejectReason.UNKNOWN_SCHEMA_ID),
                        org.assertj.core.groups.Tuple.tuple(p.topics.thresholdRules(), RejectReason.MALFORMED_BYTES));
        assertThat(p.referenceDeadLetters.get(0).getEnterpriseId()).isEqualTo("E1");
        assertThat(p.referenceDeadLetters.get(0).getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(rejected("enterprises", RejectReason.MALFORMED_BYTES)).isEqualTo(1.0);
        assertThat(rejected("emission-factors", RejectReason.UNKNOWN_SCHEMA_ID)).isEqualTo(1.0);
        assertThat(rejected("threshold-rules", RejectReason.MALFORMED_BYTES)).isEqualTo(1.0);
        // E1 and the heat factor are still in force: garbage under their keys replaced nothing
        assertThat(p.driver.<String, Enterprise>getTimestampedKeyValueStore(StoreNames.ENTERPRISES).get("E1")
                .value().getParkId()).isEqualTo("park-1");
        assertThat(factorInForce(FactorRecordKey.of("heat", local("2022-01-01T00:00"))).getValue()).isEqualTo(0.11);
    }

    @Test
    void shouldRefuseAnEnterpriseWithoutAParkAndKeepTheOneInForce() {
        p.enterprises.pipeInput("E1", Enterprise.newBuilder().setEnterpriseId("E1").setParkId(" ").setName("E1")
                .setSector("chemicals").setGridRegion(GridRegion.NORTH).setOutlets(List.of())
                .setPermittedLoads(new PermittedLoads(null, null, null)).build());

        assertThat(p.referenceDeadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
            assertThat(letter.getEnterpriseId()).isEqualTo("E1");
        });
        assertThat(rejected("enterprises", RejectReason.MISSING_FIELD)).isEqualTo(1.0);
        // still priced as E1 of park-1 in the EAST grid: 1 MWh x 0.5500 = 550 000 000 mg
        p.meter("E1", electricity("m-1", "E1", "2023-03-01T10:00", "2023-03-01T11:00", 1, "MWh").build());
        assertThat(p.ledger.readValuesToList()).filteredOn(e -> e.getScope() == EmissionScope.SCOPE2_LOCATION)
                .singleElement().satisfies(e -> {
                    assertThat(e.getParkId()).isEqualTo("park-1");
                    assertThat(e.getAmountMg()).isEqualTo(550_000_000L);
                });
    }

    private static ThresholdRule.Builder codRule(Double warning, double limit, double clear) {
        return ThresholdRule.newBuilder().setRuleId("cod-conc").setVersion(1).setScopeType(SubjectType.OUTLET)
                .setScopeId("*").setMetric("cod.concentration.ratio").setWindow(WindowKind.SAMPLE)
                .setWarningLevel(warning).setLimit(limit).setClearLevel(clear).setUnit("ratio")
                .setMinConsecutive(1).setSource("test");
    }

    @Test
    void shouldRefuseARuleWhoseWarningIsAboveItsLimitAndKeepTheRuleInForce() {
        p.rule(codRule(0.9, 1.0, 0.85).build());
        p.rule(codRule(1.2, 1.0, 0.85).setVersion(2).build());
        p.rule(codRule(0.9, Double.POSITIVE_INFINITY, 0.85).setVersion(3).build());

        assertThat(p.referenceDeadLetters).extracting(DeadLetter::getReason)
                .containsExactly(RejectReason.INVALID_RULE, RejectReason.INVALID_RULE);
        assertThat(p.referenceDeadLetters.get(0).getDetail()).contains("1.2").contains("above its limit 1.0");
        assertThat(rejected("threshold-rules", RejectReason.INVALID_RULE)).isEqualTo(2.0);
        assertThat(p.driver.<String, ThresholdRule>getTimestampedKeyValueStore(StoreNames.THRESHOLD_RULES)
                .get("cod-conc").value().getVersion()).isEqualTo(1);
    }

    @Test
    void shouldRefuseARuleThatClearsAboveItsWarningLevelAndKeepTheRuleInForce() {
        // found by input fuzzing: clear 0.95 is below the limit 1.0 but above the warning 0.9, so the alerting
        // step could not judge the rule and ignored it with a log line only
        p.rule(codRule(0.9, 1.0, 0.85).build());
        p.rule(codRule(0.9, 1.0, 0.95).setVersion(2).build());

        assertThat(p.referenceDeadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(RejectReason.INVALID_RULE);
            assertThat(letter.getDetail()).contains("clears at 0.95, above its warning level 0.9");
        });
        assertThat(rejected("threshold-rules", RejectReason.INVALID_RULE)).isEqualTo(1.0);
        assertThat(p.driver.<String, ThresholdRule>getTimestampedKeyValueStore(StoreNames.THRESHOLD_RULES)
                .get("cod-conc").value().getVersion()).isEqualTo(1);
    }

    @Test
    void shouldRetireARuleOnATombstone() {
        p.rule(codRule(0.9, 1.0, 0.85).build());
        p.rules.pipeInput("cod-conc", null);

        assertThat(p.driver.<String, ThresholdRule>getTimestampedKeyValueStore(StoreNames.THRESHOLD_RULES)
                .get("cod-conc")).isNull();
        assertThat(p.referenceDeadLetters).isEmpty();
    }

    @Test
    void shouldAcceptEveryShippedDefaultFactorAndRule() {
        // The defaults are published by setup and the local stack: none of them may be refused.
        try (PipelineFixture fresh = new PipelineFixture()) {
            for (var f : org.parkwatch.pricing.DefaultFactors.load()) {
                Instant validFrom = f.validFrom().truncatedTo(ChronoUnit.MILLIS);
                fresh.factors.pipeInput(FactorRecordKey.of(f.factorKey(), validFrom), EmissionFactor.newBuilder()
                        .setFactorKey(f.factorKey()).setValidFrom(validFrom).setValue(f.value()).setUnit(f.unit())
                        .setParameters(new java.util.HashMap<>(f.parameters())).setSource(f.source())
                        .setPublishedAt(PipelineFixture.NOW).build());
            }
            for (var rule : org.parkwatch.alerting.DefaultRules.load()) {
                fresh.rule(rule.toAvro());
            }
            assertThat(fresh.referenceDeadLetters).isEmpty();
        }
    }
}
