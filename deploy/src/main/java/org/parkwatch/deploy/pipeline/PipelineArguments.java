package org.parkwatch.deploy.pipeline;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command line of {@link PipelineMain}: {@code [--config FILE] [--set key=value]...}.
 *
 * @param configFile properties file, if given
 * @param overrides  values given with {@code --set}, in order; a later one for the same key wins
 */
public record PipelineArguments(Optional<Path> configFile, Map<String, String> overrides) {

    public static final String USAGE = "usage: PipelineMain [--config FILE] [--set key=value]...";

    public PipelineArguments {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /**
     * Reads the arguments; {@code --config=FILE} and {@code --set=key=value} are accepted too.
     *
     * @throws IllegalArgumentException naming the argument that is not understood
     */
    public static PipelineArguments parse(String... args) {
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = option.equals(arg) ? null : arg.substring(option.length() + 1);
            switch (option) {
                case "--config" -> {
                    if (config != null) {
                        throw new IllegalArgumentException("--config given twice");
                    }
                    config = Path.of(inline != null ? inline : valueAfter(args, i++, option));
                }
                case "--set" -> {
                    String pair = inline != null ? inline : valueAfter(args, i++, option);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs key=value, got '" + pair + "'");
                    }
                    overrides.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new PipelineArguments(Optional.ofNullable(config), overrides);
    }

    private static String valueAfter(String[] args, int index, String option) {
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index + 1];
    }
}
