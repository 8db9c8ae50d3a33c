package org.parkwatch.deploy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.topology.FactorRecordKey;
import org.parkwatch.topology.Topics;

/**
 * Random and mutated records for the pipeline's input topics (activity, output reports and the reference topics),
 * interleaved with valid ones, each with what the pipeline must make of it. The fuzzer knows what it broke; a
 * record whose body it mutated is judged here by decoding it independently (Avro's generic reader with the
 * writer's schema, every byte consumed): one that no longer decodes must be a {@code MALFORMED_BYTES} dead letter,
 * one that still decodes may be accepted or refused for any reason but a decoding one.
 */
final class InputFuzzer {

    /** How a record was made. */
    enum Kind { VALID, RANDOM_BYTES, TRUNCATED, WRONG_MAGIC, UNKNOWN_SCHEMA_ID, ABSURD, MUTATED }

    /**
     * One record and its expected fate: {@code reason} empty means accepted (no dead letter); {@code anyFate} means
     * a mutant that still decodes, which may be accepted or refused for a reason other than a decoding one.
     */
    record FuzzRecord(String topic, String key, byte[] value, Kind kind, Optional<RejectReason> reason,
                      boolean anyFate, String enterprise, long[] sums) {
    }

    /** Enterprises the valid activity is spread over; their totals are reconciled to the milligram. */
    static final List<String> ENTERPRISES = List.of("E1", "E2", "E3", "E4");
    /** The enterprise of mutated activity, kept apart so a mutant that is accepted moves no reconciled total. */
    static final String MUTANTS = "EMUT";
    /** Minutes from the start within which every event lies. */
    static final int SPAN_MINUTES = 2_000;
    /** A schema id no registry of a test hands out. */
    static final int UNKNOWN_ID = 987_654;

    private final Topics topics;
    private final Random random;
    private final Function<ProducedValue, byte[]> serializer;
    private final Function<Integer, Optional<Schema>> schemaById;
    private final Instant start;
    private int valid;
    private int made;

    /** A value and the topic it is serialized for (the subject is the topic's). */
    record ProducedValue(String topic, SpecificRecord value) {
    }

    InputFuzzer(Topics topics, long seed, Instant start, Function<ProducedValue, byte[]> serializer,
                Function<Integer, Optional<Schema>> schemaById) {
        this.topics = topics;
        this.random = new Random(seed);
        this.start = start;
        this.serializer = serializer;
        this.schemaById = schemaById;
    }

    /** The next record: one in four valid, the others broken one way or another across every input topic. */
    FuzzRecord next() {
        int n = made++;
        if (random.nextInt(4) == 0) {
            return validRecord(n);
        }
        return switch (random.nextInt(6)) {
            case 0 -> randomBytes(n);
            case 1 -> truncated(n);
            case 2 -> wrongMagic(n);
            case 3 -> unknownSchemaId(n);
            case 4 -> absurd(n);
            default -> mutated(n);
        };
    }

    private FuzzRecord validRecord(int n) {
        int kind = random.nextInt(10);
        if (kind < 7) { // activity, with the amounts it must account
            String enterprise = ENTERPRISES.get(random.nextInt(ENTERPRISES.size()));
            long[] sums = new long[5];
            // a minute each within 2 000 minutes from the start (over and over, each event its own eventId), so the
            // valid history stays between two days and fifteen hours ago however many records are made
            int v = valid++;
            var record = ReconciledLoad.event(topics, enterprise, "fz" + v / SPAN_MINUTES + "-", v % SPAN_MINUTES,
                    start, random, sums);
            return new FuzzRecord(record.topic(), record.key(), bytes(record.topic(), record.value()), Kind.VALID,
                    Optional.empty(), false, enterprise, sums);
        }
        return switch (kind) {
            case 7 -> accepted(topics.outputReports(), "E1", report("rep-" + n, "E1", 120.5));
            case 8 -> accepted(topics.emissionFactors(), FactorRecordKey.of("fuzz.valid." + n, start),
                    factor("fuzz.valid." + n, 1.5));
            default -> accepted(topics.thresholdRules(), "fuzz-rule-" + n, rule("fuzz-rule-" + n, 0.9, 1.0));
        };
    }

    private FuzzRecord randomBytes(int n) {
        String topic = anyTopic();
        byte[] value = new byte[1 + random.nextInt(200)]; // never empty: an empty value is a tombstone
        random.nextBytes(value);
        if (random.nextBoolean()) {
            value[0] = 0; // framed like Avro, so the id and the body are what fails
        }
        return judged(topic, "fuzz-" + n, value, Kind.RANDOM_BYTES);
    }

    private FuzzRecord truncated(int n) {
        Base base = base(n);
        byte[] whole = bytes(base.topic(), base.value());
        // A prefix of an encoding that consumed every byte always runs out before the record ends.
        byte[] value = Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
        return refused(base.topic(), base.key(), value, Kind.TRUNCATED, RejectReason.MALFORMED_BYTES);
    }

    private FuzzRecord wrongMagic(int n) {
        Base base = base(n);
        byte[] value = bytes(base.topic(), base.value());
        value[0] = (byte) (1 + random.nextInt(255));
        return refused(base.topic(), base.key(), value, Kind.WRONG_MAGIC, RejectReason.MALFORMED_BYTES);
    }

    private FuzzRecord unknownSchemaId(int n) {
        Base base = base(n);
        byte[] value = bytes(base.topic(), base.value());
        int id = UNKNOWN_ID + random.nextInt(1_000);
        value[1] = (byte) (id >>> 24);
        value[2] = (byte) (id >>> 16);
        value[3] = (byte) (id >>> 8);
        value[4] = (byte) id;
        return refused(base.topic(), base.key(), value, Kind.UNKNOWN_SCHEMA_ID, RejectReason.UNKNOWN_SCHEMA_ID);
    }

    /** Valid Avro with a value no pipeline may account: each record has one fault, whose reason is known. */
    private FuzzRecord absurd(int n) {
        String id = "abs-" + n;
        Instant from = start.plusSeconds(60L * random.nextInt(SPAN_MINUTES));
        return switch (random.nextInt(12)) {
            case 0 -> absurdMeter(id, "E1", -1 - random.nextInt(1_000), "kWh", from, RejectReason.NEGATIVE_QUANTITY);
            case 1 -> absurdMeter(id, "E2", Double.NaN, "kWh", from, RejectReason.NON_FINITE_QUANTITY);
            case 2 -> absurdMeter(id, "E3", Double.POSITIVE_INFINITY, "MWh", from, RejectReason.NON_FINITE_QUANTITY);
            case 3 -> absurdMeter(id, "E4", 1e15, "kWh", from, RejectReason.IMPLAUSIBLE_QUANTITY);
            case 4 -> absurdMeter(id, "E1", 10, "furlongs", from, RejectReason.UNKNOWN_UNIT);
            case 5 -> absurdMeter(id, "NOBODY-" + n, 10, "kWh", from, RejectReason.UNKNOWN_ENTERPRISE);
            case 6 -> refused(topics.wastewaterSamples(), "E2", bytes(topics.wastewaterSamples(),
                    sample(id, "E2", -3, from)), Kind.ABSURD, RejectReason.NEGATIVE_QUANTITY);
            case 7 -> refused(topics.fuelConsumption(), "E3", bytes(topics.fuelConsumption(),
                    fuel(id, "E3", Double.NaN, from)), Kind.ABSURD, RejectReason.NON_FINITE_QUANTITY);
            case 8 -> refused(topics.outputReports(), "E4", bytes(topics.outputReports(), report(id, "E4", -50)),
                    Kind.ABSURD, RejectReason.NEGATIVE_QUANTITY);
            case 9 -> refused(topics.emissionFactors(), FactorRecordKey.of("fuzz.bad." + n, start),
                    bytes(topics.emissionFactors(), factor("fuzz.bad." + n, random.nextBoolean() ? -0.5 : Double.NaN)),
                    Kind.ABSURD, RejectReason.INVALID_FACTOR);
            case 10 -> refused(topics.thresholdRules(), "fuzz-bad-" + n, bytes(topics.thresholdRules(),
                    rule("fuzz-bad-" + n, 2.0, 1.0)), Kind.ABSURD, RejectReason.INVALID_RULE);
            default -> refused(topics.enterprises(), "FZA-" + n, bytes(topics.enterprises(),
                    enterprise("FZA-" + n, "")), Kind.ABSURD, RejectReason.MISSING_FIELD);
        };
    }

    /** A fresh valid record (never sent as it is) with one to three bytes of its Avro body changed. */
    private FuzzRecord mutated(int n) {
        Base base = base(n);
        byte[] value = bytes(base.topic(), base.value());
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = 5 + random.nextInt(value.length - 5);
            value[at] = (byte) (value[at] ^ (1 + random.nextInt(255)));
        }
        return judged(base.topic(), base.key(), value, Kind.MUTATED);
    }

    /** What the pipeline must make of bytes the fuzzer did not build field by field, judged independently. */
    private FuzzRecord judged(String topic, String key, byte[] value, Kind kind) {
        if (value.length < 5 || value[0] != 0) {
            return refused(topic, key, value, kind, RejectReason.MALFORMED_BYTES);
        }
        int id = ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
        Optional<Schema> writer = schemaById.apply(id);
        if (writer.isEmpty()) {
            return refused(topic, key, value, kind, RejectReason.UNKNOWN_SCHEMA_ID);
        }
        // a schema of another record (an id that random bytes happened to name) cannot be read as this topic's
        if (!writer.get().getFullName().equals(recordNameOf(topic)) || !decodes(writer.get(), value)) {
            return refused(topic, key, value, kind, RejectReason.MALFORMED_BYTES);
        }
        return new FuzzRecord(topic, key, value, kind, Optional.empty(), true, null, null);
    }

    private String recordNameOf(String topic) {
        Map<String, Class<?>> types = Map.of(topics.meterReadings(), MeterReading.class, topics.fuelConsumption(),
                FuelConsumption.class, topics.wastewaterSamples(), WastewaterSample.class, topics.outputReports(),
                OutputReport.class, topics.enterprises(), Enterprise.class, topics.emissionFactors(),
                EmissionFactor.class, topics.thresholdRules(), ThresholdRule.class);
        return types.get(topic).getName();
    }

    /** Whether the Avro body decodes with the writer's schema and nothing is left over. */
    static boolean decodes(Schema writer, byte[] framed) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
        try {
            new GenericDatumReader<Object>(writer).read(null, decoder);
            return decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A valid record of a random topic, with ids of its own that nothing reconciled depends on. */
    private record Base(String topic, String key, SpecificRecord value) {
    }

    private Base base(int n) {
        String id = "mut-" + n;
        Instant from = start.plusSeconds(60L * random.nextInt(SPAN_MINUTES));
        return switch (random.nextInt(8)) {
            case 0 -> new Base(topics.meterReadings(), MUTANTS, meter(id, MUTANTS, 1 + random.nextInt(5_000), "kWh",
                    from));
            case 1 -> new Base(topics.wastewaterSamples(), MUTANTS, sample(id, MUTANTS, 1 + random.nextInt(100), from));
            case 2 -> new Base(topics.fuelConsumption(), MUTANTS, fuel(id, MUTANTS, -1, from));
            case 3 -> new Base(topics.outputReports(), MUTANTS, report(id, MUTANTS, 80));
            case 4 -> new Base(topics.enterprises(), "FZM-" + n, enterprise("FZM-" + n, "park-fuzz"));
            case 5 -> new Base(topics.emissionFactors(), FactorRecordKey.of("fuzz.mut." + n, start),
                    factor("fuzz.mut." + n, 2.5));
            case 6 -> new Base(topics.thresholdRules(), "fuzz-mut-" + n, rule("fuzz-mut-" + n, 0.9, 1.0));
            default -> new Base(topics.meterReadings(), MUTANTS, meter(id, MUTANTS, 7, "MWh", from));
        };
    }

    private String anyTopic() {
        List<String> all = new ArrayList<>(topics.activityInputs());
        all.addAll(List.of(topics.outputReports(), topics.enterprises(), topics.emissionFactors(),
                topics.thresholdRules()));
        return all.get(random.nextInt(all.size()));
    }

    private FuzzRecord absurdMeter(String id, String enterprise, double quantity, String unit, Instant from,
                                   RejectReason reason) {
        return refused(topics.meterReadings(), enterprise, bytes(topics.meterReadings(),
                meter(id, enterprise, quantity, unit, from)), Kind.ABSURD, reason);
    }

    private FuzzRecord accepted(String topic, String key, SpecificRecord value) {
        return new FuzzRecord(topic, key, bytes(topic, value), Kind.VALID, Optional.empty(), false, null, null);
    }

    private static FuzzRecord refused(String topic, String key, byte[] value, Kind kind, RejectReason reason) {
        return new FuzzRecord(topic, key, value, kind, Optional.of(reason), false, null, null);
    }

    private byte[] bytes(String topic, SpecificRecord value) {
        return serializer.apply(new ProducedValue(topic, value));
    }

    private static MeterReading meter(String id, String enterprise, double quantity, String unit, Instant from) {
        return MeterReading.newBuilder().setEventId(id).setEnterpriseId(enterprise).setMeterId("M1")
                .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(quantity).setUnit(unit).setIntervalStart(from)
                .setIntervalEnd(from.plusSeconds(60)).build();
    }

    private static WastewaterSample sample(String id, String enterprise, double m3, Instant from) {
        return WastewaterSample.newBuilder().setEventId(id).setEnterpriseId(enterprise).setOutletId("W1")
                .setVolumeM3(m3).setCodMgPerL(80.0).setAmmoniaNitrogenMgPerL(5.0).setIntervalStart(from)
                .setIntervalEnd(from.plusSeconds(60)).build();
    }

    /** Fuel is never accounted here (no fuel factor is published): a base quantity is negative or not a number. */
    private static FuelConsumption fuel(String id, String enterprise, double tonnes, Instant from) {
        return FuelConsumption.newBuilder().setEventId(id).setEnterpriseId(enterprise).setUnitId("B1")
                .setFuel(FuelType.RAW_COAL).setQuantity(tonnes).setUnit("t").setFlag(DataFlag.N)
                .setIntervalStart(from).setIntervalEnd(from.plusSeconds(3600)).build();
    }

    private OutputReport report(String id, String enterprise, double addedValue) {
        return OutputReport.newBuilder().setEventId(id).setEnterpriseId(enterprise).setPeriodStart(start)
                .setPeriodEnd(start.plus(Duration.ofDays(1))).setAddedValue(addedValue).setReportedAt(start).build();
    }

    private EmissionFactor factor(String key, double value) {
        return EmissionFactor.newBuilder().setFactorKey(key).setValidFrom(start).setValue(value).setUnit("tCO2/t")
                .setParameters(Map.of()).setSource("fuzz").setPublishedAt(start).build();
    }

    /** A rule of an enterprise that does not exist: it can never judge anything reconciled. */
    private static ThresholdRule rule(String ruleId, double warning, double limit) {
        return ThresholdRule.newBuilder().setRuleId(ruleId).setVersion(1).setScopeType(SubjectType.ENTERPRISE)
                .setScopeId("NOBODY").setMetric("co2.total.intensity").setWindow(WindowKind.DAY)
                .setWarningLevel(warning).setLimit(limit).setClearLevel(0.5).setUnit("t/10^4 RMB")
                .setMinConsecutive(1).setSource("fuzz").build();
    }

    static Enterprise enterprise(String id, String park) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId(park).setName(id).setSector("chemicals")
                .setGridRegion(GridRegion.EAST).setOutlets(List.of())
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }
}
