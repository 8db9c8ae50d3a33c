package org.parkwatch.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde keys, spelled as Confluent's Avro serdes spell them. The registry connection keys
 * ({@code schema.registry.url} and friends) are read by {@link org.parkwatch.serde.registry.RegistryClientConfig}.
 * Subject strategies accept our class names, Confluent's {@code io.confluent.kafka.serializers.subject.*} names of the
 * same two strategies, or any class implementing {@link SubjectNameStrategy}.
 */
public final class SerdeConfig extends AbstractConfig {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** Accepted for compatibility and ignored: these serdes always read into generated classes. */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private static final String CONFLUENT_TOPIC_NAME_STRATEGY =
            "io.confluent.kafka.serializers.subject.TopicNameStrategy";
    private static final String CONFLUENT_RECORD_NAME_STRATEGY =
            "io.confluent.kafka.serializers.subject.RecordNameStrategy";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether the serializer registers the record's schema under its subject.")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Without auto-registration: write with the id of the subject's latest version, which must "
                            + "encode records exactly as the record's own schema does.")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TopicNameStrategy.class.getName(), Importance.LOW,
                    "Subject naming for keys: TopicNameStrategy or RecordNameStrategy (ours or Confluent's name).")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TopicNameStrategy.class.getName(), Importance.LOW,
                    "Subject naming for values: TopicNameStrategy or RecordNameStrategy (ours or Confluent's name).")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, true, Importance.LOW,
                    "Ignored: records are always read into their generated SpecificRecord classes.");

    public SerdeConfig(Map<String, ?> originals) {
        super(DEFINITION, classesAsNames(originals), false);
    }

    /** The documented keys, for generated configuration docs. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /** The settings of a key or value serde. */
    public SerdeSettings settings(boolean isKey) {
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        return new SerdeSettings(isKey, strategy(strategyKey, getString(strategyKey)),
                getBoolean(AUTO_REGISTER_SCHEMAS), getBoolean(USE_LATEST_VERSION));
    }

    private static SubjectNameStrategy strategy(String key, String className) {
        String name = className.strip();
        if (name.equals(CONFLUENT_TOPIC_NAME_STRATEGY) || name.equals(TopicNameStrategy.class.getName())
                || name.equals("TopicNameStrategy")) {
            return new TopicNameStrategy();
        }
        if (name.equals(CONFLUENT_RECORD_NAME_STRATEGY) || name.equals(RecordNameStrategy.class.getName())
                || name.equals("RecordNameStrategy")) {
            return new RecordNameStrategy();
        }
        try {
            Class<?> type = Class.forName(name, true, SerdeConfig.class.getClassLoader());
            if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
                throw new ConfigException(key, name, "not a " + SubjectNameStrategy.class.getName());
            }
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(key, name, "unknown subject name strategy (" + e + ")");
        }
    }

    private static Map<String, Object> classesAsNames(Map<String, ?> originals) {
        // Kafka lets class-valued keys hold Class objects; the strategy keys are strings here so that Confluent's
        // class names, absent from our classpath, are accepted.
        Map<String, Object> copy = new HashMap<>(originals);
        for (String key : new String[] {KEY_SUBJECT_NAME_STRATEGY, VALUE_SUBJECT_NAME_STRATEGY}) {
            if (copy.get(key) instanceof Class<?> type) {
                copy.put(key, type.getName());
            }
        }
        return copy;
    }
}
