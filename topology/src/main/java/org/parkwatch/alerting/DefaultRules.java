package org.parkwatch.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

/**
 * The threshold rules ParkWatch ships, read from the JSON resource {@value #RESOURCE}; every rule cites its
 * source. Publishing a rule of the same ruleId (or a more specific one) on the rule topic replaces a default.
 */
public final class DefaultRules {

    /** Classpath location of the default rules. */
    public static final String RESOURCE = "/org/parkwatch/alerting/default-rules.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DefaultRules() {
    }

    /** Loads the default rules from the classpath. */
    public static List<AlertRule> load() {
        try (InputStream in = DefaultRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default rules " + RESOURCE + " are not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads rules in the format of the default resource: a {@code rules} array of objects with the fields of
     * {@code ThresholdRule} ({@code warningLevel} may be absent or null; {@code minDurationMs} defaults to 0,
     * {@code minConsecutive} to 1, {@code enabled} to true). The stream is not closed.
     *
     * @throws IllegalArgumentException when a rule lacks a field, has an unreadable one, repeats a ruleId or has
     *         no source
     */
    public static List<AlertRule> load(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the rule set", e);
        }
        if (root == null || !root.path("rules").isArray()) {
            throw new IllegalArgumentException("rule set has no 'rules' array");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root.path("rules")) {
            AlertRule rule = rule(entry, index++);
            if (!ids.add(rule.ruleId())) {
                throw new IllegalArgumentException("rule " + rule.ruleId() + " appears twice");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    private static AlertRule rule(JsonNode e, int index) {
        String where = "rule #" + index;
        try {
            String ruleId = text(e, "ruleId");
            where += " (" + ruleId + ")";
            JsonNode warning = e.path("warningLevel");
            OptionalDouble warningLevel;
            if (warning.isMissingNode() || warning.isNull()) {
                warningLevel = OptionalDouble.empty();
            } else if (warning.isNumber()) {
                warningLevel = OptionalDouble.of(warning.doubleValue());
            } else {
                throw new IllegalArgumentException("warningLevel is not a number");
            }
            return new AlertRule(ruleId, (int) number(e, "version"),
                    SubjectType.valueOf(text(e, "scopeType")), text(e, "scopeId"), text(e, "metric"),
                    WindowKind.valueOf(text(e, "window")), warningLevel, number(e, "limit"),
                    number(e, "clearLevel"), text(e, "unit"),
                    Duration.ofMillis(e.path("minDurationMs").asLong(0)), e.path("minConsecutive").asInt(1),
                    e.path("enabled").asBoolean(true), text(e, "source"));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing or blank");
        }
        return node.asText();
    }

    private static double number(JsonNode entry, String field) {
        JsonNode node = entry.path(field);
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " is missing or not a number");
        }
        return node.doubleValue();
    }
}
