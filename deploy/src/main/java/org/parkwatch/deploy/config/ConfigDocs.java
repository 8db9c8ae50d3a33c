package org.parkwatch.deploy.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/** Renders every configuration key, from its definition, as a Markdown table and as an example properties file. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /** One table of every key: name, environment variable, type, default and description, in order of concern. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Environment variable | Type | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (ParkWatchConfig.Section section : ParkWatchConfig.sections()) {
            for (ConfigKey key : section.definition().configKeys().values()) {
                out.append("| `").append(key.name).append("` | `")
                        .append(ConfigLoader.environmentVariableOf(key.name)).append("` | ")
                        .append(typeName(key)).append(" | ")
                        .append(cell(defaultText(key))).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        }
        out.append("| `").append(KafkaConnection.CLIENT_PREFIX).append("*` | `")
                .append(ConfigLoader.environmentVariableOf(KafkaConnection.CLIENT_PREFIX)).append("*` | string | | ")
                .append(cell("Any Kafka client setting, passed to every client with the prefix removed, "
                        + "e.g. parkwatch.kafka.security.protocol=SSL."))
                .append(" |\n");
        return out.toString();
    }

    /** A properties file listing every key, commented out at its default, with its description. */
    public static String exampleProperties() {
        StringBuilder out = new StringBuilder();
        out.append("# ParkWatch configuration. Every key is shown commented out at its default value.\n");
        out.append("# Layers, each overriding the one before: defaults, this file (--config), environment\n");
        out.append("# variables (parkwatch.grace.ms is PARKWATCH_GRACE_MS), command-line --set key=value.\n");
        for (ParkWatchConfig.Section section : ParkWatchConfig.sections()) {
            out.append("\n# ---- ").append(section.title()).append(" ----\n");
            for (ConfigKey key : section.definition().configKeys().values()) {
                out.append('\n');
                wrapComment(out, key.documentation);
                out.append("# Type: ").append(typeName(key)).append('\n');
                out.append('#').append(key.name).append('=').append(defaultText(key)).append('\n');
            }
        }
        out.append("\n# ---- Kafka clients ----\n\n");
        out.append("# Any Kafka client setting, passed to every client with the prefix removed.\n");
        out.append("#parkwatch.kafka.security.protocol=SSL\n");
        return out.toString();
    }

    private static String typeName(ConfigKey key) {
        return key.type.name().toLowerCase(Locale.ROOT);
    }

    private static String defaultText(ConfigKey key) {
        if (!key.hasDefault() || key.defaultValue == null) {
            return "";
        }
        if (key.defaultValue instanceof Password password) {
            // Passwords have empty defaults; printing one through ConfigDef would show "[hidden]".
            return password.value();
        }
        if (key.defaultValue instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return ConfigDef.convertToString(key.defaultValue, key.type);
    }

    private static String cell(String text) {
        // Markdown would take <prefix> for an HTML tag and | for a column break.
        return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("\n", " ");
    }

    private static void wrapComment(StringBuilder out, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 110 && line.length() > 1) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }
}
