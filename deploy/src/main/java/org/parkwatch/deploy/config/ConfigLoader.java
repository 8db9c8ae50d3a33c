package org.parkwatch.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the configuration in layers, each overriding the one before: defaults, then an optional properties file,
 * then environment variables {@code PARKWATCH_*}, then explicit overrides from the command line. An environment
 * variable names its key in upper case with '_' for '.': {@code PARKWATCH_GRACE_MS} sets {@code parkwatch.grace.ms}.
 * A {@code parkwatch.*} key that is not defined is an error, so a misspelt key cannot be silently ignored; the
 * variables Kubernetes sets for the Services of a namespace are recognised and skipped
 * ({@link #isKubernetesServiceLink}).
 */
public final class ConfigLoader {

    public static final String ENVIRONMENT_PREFIX = "PARKWATCH_";
    private static final String KEY_PREFIX = "parkwatch.";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final Map<String, String> environment;

    /** A loader reading {@code PARKWATCH_*} variables from {@code environment}; tests pass their own map. */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * The configuration from all layers.
     *
     * @param file      properties file (UTF-8), if one is given; it must exist
     * @param overrides key-value pairs from the command line
     * @throws ConfigException naming the key (and where it came from, for an unknown key) when a value is invalid
     */
    public ParkWatchConfig load(Optional<Path> file, Map<String, String> overrides) {
        return ParkWatchConfig.from(layered(file, overrides));
    }

    /** The raw values of all layers merged, checked for unknown keys but not yet parsed. */
    public Map<String, String> layered(Optional<Path> file, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        file.ifPresent(path -> readFile(path).forEach((key, value) -> {
            if (!key.startsWith(KEY_PREFIX)) {
                LOG.warn("Ignoring key {} in {}: ParkWatch reads only parkwatch.* keys", key, path);
                return;
            }
            requireKnown(key, "file " + path);
            values.put(key, value);
        }));
        // Sorted so that, with several unknown variables, the error names the same one every time.
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX)) {
                if (isKubernetesServiceLink(name, value)) {
                    LOG.info("Ignoring environment variable {}: Kubernetes sets it for a Service of the namespace,"
                            + " it is no configuration key", name);
                    return;
                }
                String key = keyOf(name);
                requireKnown(key, "environment variable " + name);
                values.put(key, value);
            }
        });
        overrides.forEach((key, value) -> {
            requireKnown(Objects.requireNonNull(key, "override key"), "command-line override");
            values.put(key, Objects.requireNonNull(value, () -> "value of override " + key));
        });
        return values;
    }

    /**
     * Whether a variable is one Kubernetes gives every pod for each Service of its namespace (service links: for a
     * Service {@code parkwatch-api}, {@code PARKWATCH_API_SERVICE_HOST}, {@code PARKWATCH_API_SERVICE_PORT[_NAME]},
     * {@code PARKWATCH_API_PORT=tcp://10.0.0.7:8080}, {@code PARKWATCH_API_PORT_8080_TCP[_PROTO|_PORT|_ADDR]}).
     * They are skipped by their shape, so a Service named after ParkWatch neither stops start-up nor sets a key
     * (PARKWATCH_API_PORT would otherwise set parkwatch.api.port to a URL); a person's misspelt variable is still an
     * error. Pods can also turn them off with {@code enableServiceLinks: false}.
     */
    static boolean isKubernetesServiceLink(String name, String value) {
        return name.endsWith("_SERVICE_HOST")
                || name.matches(".*_SERVICE_PORT(_[A-Z0-9_]+)?")
                || name.matches(".*_PORT_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?")
                || name.endsWith("_PORT") && value != null && value.matches("(tcp|udp|sctp)://.+:[0-9]+");
    }

    /** The key an environment variable sets: {@code PARKWATCH_GRACE_MS} to {@code parkwatch.grace.ms}. */
    public static String keyOf(String environmentVariable) {
        return environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The environment variable that sets a key: {@code parkwatch.grace.ms} to {@code PARKWATCH_GRACE_MS}. */
    public static String environmentVariableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void requireKnown(String key, String origin) {
        if (!key.startsWith(KEY_PREFIX) || !ParkWatchConfig.isKnownKey(key)) {
            throw new ConfigException("Unknown configuration key " + key + " (from " + origin
                    + "); see the configuration reference for the defined keys");
        }
    }

    private static Map<String, String> readFile(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + path + ": " + e);
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));
        return values;
    }
}
