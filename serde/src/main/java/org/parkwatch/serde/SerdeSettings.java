package org.parkwatch.serde;

import java.util.Map;
import java.util.Objects;

/**
 * How a serde names subjects and obtains schema ids: whether it handles keys, the subject naming, whether the
 * serializer registers schemas itself ({@code autoRegister}, default true) and, when it does not, whether it writes
 * with the subject's latest version ({@code useLatestVersion}, default false) instead of looking up the record's own
 * schema.
 */
public record SerdeSettings(boolean isKey, SubjectNameStrategy subjectNameStrategy, boolean autoRegister,
        boolean useLatestVersion) {

    public SerdeSettings {
        Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    }

    /** Value serde: topic-name subjects, auto-registration on, latest version off. */
    public static SerdeSettings forValue() {
        return new SerdeSettings(false, new TopicNameStrategy(), true, false);
    }

    /** Key serde: topic-name subjects, auto-registration on, latest version off. */
    public static SerdeSettings forKey() {
        return new SerdeSettings(true, new TopicNameStrategy(), true, false);
    }

    /** Reads the Confluent serde keys described in {@link SerdeConfig}. */
    public static SerdeSettings fromConfig(Map<String, ?> configs, boolean isKey) {
        return new SerdeConfig(configs).settings(isKey);
    }

    public SerdeSettings withSubjectNameStrategy(SubjectNameStrategy strategy) {
        return new SerdeSettings(isKey, strategy, autoRegister, useLatestVersion);
    }

    public SerdeSettings withAutoRegister(boolean enabled) {
        return new SerdeSettings(isKey, subjectNameStrategy, enabled, useLatestVersion);
    }

    public SerdeSettings withUseLatestVersion(boolean enabled) {
        return new SerdeSettings(isKey, subjectNameStrategy, autoRegister, enabled);
    }
}
