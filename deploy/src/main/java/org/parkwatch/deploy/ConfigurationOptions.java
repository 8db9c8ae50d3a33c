package org.parkwatch.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * The options by which every command that talks to a cluster is configured, as README's production commands
 * write them: a properties file, and keys set one by one (a {@code --set} wins over the file and the environment).
 */
final class ConfigurationOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of parkwatch.* keys (README, Configuration).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A configuration key=value, repeatable; overrides file and environment.")
    Map<String, String> overrides = new LinkedHashMap<>();

    Optional<Path> file() {
        return Optional.ofNullable(configFile);
    }

    Map<String, String> overrides() {
        return overrides;
    }
}
