package org.parkwatch.deploy.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators the concern classes share, beyond those ConfigDef ships with. */
final class Validators {

    private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern HOST_NAME = Pattern.compile("[a-zA-Z0-9._-]*");

    private Validators() {
    }

    /** A number strictly above zero; {@code ConfigDef.Range} only offers inclusive bounds. */
    static ConfigDef.Validator positive() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || ((Number) value).doubleValue() <= 0) {
                throw new ConfigException(name, value, "must be greater than zero");
            }
        }, () -> "> 0");
    }

    static ConfigDef.Validator zoneId() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                ZoneId.of((String) value);
            } catch (DateTimeException | NullPointerException e) {
                throw new ConfigException(name, value, "not a time zone id (e.g. Asia/Shanghai)");
            }
        }, () -> "a time zone id");
    }

    /** Characters Kafka allows in topic names; the prefix becomes the start of every topic name. */
    static ConfigDef.Validator topicPrefix() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !TOPIC_PREFIX.matcher((String) value).matches()) {
                throw new ConfigException(name, value, "must be non-empty and use only a-z A-Z 0-9 . _ -");
            }
        }, () -> "[a-zA-Z0-9._-]+");
    }

    /** Empty, or a DNS host name or IPv4 address without a port. */
    static ConfigDef.Validator hostName() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !HOST_NAME.matcher((String) value).matches()) {
                throw new ConfigException(name, value, "must be a host name or IPv4 address without a port (the "
                        + "port is parkwatch.api.port); for an IPv6 address use a host name that resolves to it");
            }
        }, () -> "a host name or IPv4 address, or empty");
    }
}
