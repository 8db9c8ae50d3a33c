package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    private static final String EXAMPLE = "/parkwatch.example.properties";

    @Test
    void shouldListEveryDefinedKeyInTheTable() {
        String table = ConfigDocs.markdownTable();

        for (String key : definedKeys()) {
            assertThat(table).contains("| `" + key + "` | `" + ConfigLoader.environmentVariableOf(key) + "` |");
        }
        // Header, separator, one row per key and one for the Kafka client pass-through.
        assertThat(table.lines().count()).isEqualTo(2 + definedKeys().size() + 1);
    }

    @Test
    void shouldShowTypeAndDefaultOfAKey() {
        assertThat(ConfigDocs.markdownTable())
                .contains("| `parkwatch.grace.ms` | `PARKWATCH_GRACE_MS` | long | 7200000 |")
                .contains("| `parkwatch.calendar.zone` | `PARKWATCH_CALENDAR_ZONE` | string | Asia/Shanghai |");
    }

    @Test
    void shouldShipTheExamplePropertiesRenderedFromTheDefinitions() throws IOException {
        // When a key changes, regenerate src/main/resources/parkwatch.example.properties from
        // ConfigDocs.exampleProperties().
        assertThat(resource(EXAMPLE)).isEqualTo(ConfigDocs.exampleProperties());
    }

    @Test
    void shouldDocumentEveryKeyInTheExampleProperties() {
        String example = ConfigDocs.exampleProperties();

        for (String key : definedKeys()) {
            assertThat(example).contains("\n#" + key + "=");
        }
    }

    @Test
    void shouldLoadTheExampleUncommentedToTheDefaults() throws IOException {
        StringBuilder uncommented = new StringBuilder();
        ConfigDocs.exampleProperties().lines()
                .filter(line -> line.startsWith("#parkwatch.") && !line.startsWith("#parkwatch.kafka."))
                .forEach(line -> uncommented.append(line.substring(1)).append('\n'));
        Properties props = new Properties();
        props.load(new StringReader(uncommented.toString()));
        Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));

        ParkWatchConfig fromExample = new ConfigLoader(Map.of()).load(Optional.empty(), values);
        ParkWatchConfig defaults = ParkWatchConfig.defaults();

        assertThat(values).hasSize(definedKeys().size());
        assertThat(fromExample.kafka()).isEqualTo(defaults.kafka());
        assertThat(fromExample.registry().clientSettings().toString())
                .isEqualTo(defaults.registry().clientSettings().toString());
        assertThat(fromExample.topicLayout()).isEqualTo(defaults.topicLayout());
        assertThat(fromExample.accounting()).isEqualTo(defaults.accounting());
        assertThat(fromExample.storage()).isEqualTo(defaults.storage());
        assertThat(fromExample.api()).isEqualTo(defaults.api());
    }

    private static List<String> definedKeys() {
        List<String> keys = new ArrayList<>();
        for (ParkWatchConfig.Section section : ParkWatchConfig.sections()) {
            for (ConfigKey key : section.definition().configKeys().values()) {
                keys.add(key.name);
            }
        }
        return keys;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigDocsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
