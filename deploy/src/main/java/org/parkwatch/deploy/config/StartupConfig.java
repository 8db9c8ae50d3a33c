package org.parkwatch.deploy.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * What {@code setup} and the pipeline check before they start.
 *
 * @param connectTimeout how long each waits for the Kafka cluster, then for the Schema Registry, to answer before it
 *                       stops with an error naming the one it could not reach; Kafka's own clients would otherwise
 *                       retry silently for a minute or more
 */
public record StartupConfig(Duration connectTimeout) {

    public static final String CONNECT_TIMEOUT_MS = "parkwatch.connect.timeout.ms";

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.MEDIUM,
                        "How long setup and the pipeline wait at start-up for the Kafka cluster, then the Schema "
                                + "Registry, to answer; past it they stop (exit status 3) naming what could not be "
                                + "reached.");
    }

    public static StartupConfig from(Map<String, ?> values) {
        Map<String, Object> parsed = definition().parse(values);
        return new StartupConfig(Duration.ofMillis((Long) parsed.get(CONNECT_TIMEOUT_MS)));
    }

    public static StartupConfig defaults() {
        return from(Map.of());
    }
}
