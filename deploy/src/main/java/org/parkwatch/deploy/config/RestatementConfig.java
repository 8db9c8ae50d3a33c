package org.parkwatch.deploy.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Whether the pipeline process restates by itself when a factor version is published for a period already accounted
 * (the restate command's work, requested by "automatic"), and after how long.
 *
 * @param automatic whether the pipeline process watches the factor topic and restates
 * @param delay     how long after a factor record arrives the restatement runs: time for the pipeline to have the
 *                  version in force and to write the entries it accounted before it, so they are restated too
 */
public record RestatementConfig(boolean automatic, Duration delay) {

    public static final String AUTOMATIC = "parkwatch.restatement.automatic";
    public static final String DELAY_MS = "parkwatch.restatement.automatic.delay.ms";

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(AUTOMATIC, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Restate automatically: the pipeline process watches the factor topic and, when a version "
                                + "is published or corrected, restates the entries of that factor priced with a "
                                + "version no longer in force, as './parkwatch restate --factor KEY' would (requested "
                                + "by 'automatic'). Off by default: restating signed figures is the agency's decision.")
                .define(DELAY_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
                        "How long after a factor record arrives the automatic restatement runs, so the pipeline has "
                                + "the version in force and has written what it accounted before it.");
    }

    public static RestatementConfig from(Map<String, ?> values) {
        Map<String, Object> parsed = definition().parse(values);
        return new RestatementConfig((Boolean) parsed.get(AUTOMATIC), Duration.ofMillis((Long) parsed.get(DELAY_MS)));
    }
}
