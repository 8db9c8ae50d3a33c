package org.parkwatch.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ParkWatch's default China factor set (grid, heat, fuels, coal equivalents, discharge factors), read from the
 * JSON resource {@value #RESOURCE}. Every version carries the citation and confidence tag of its value.
 */
public final class DefaultFactors {

    /** Classpath location of the default set. */
    public static final String RESOURCE = "/org/parkwatch/pricing/china-default-factors.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DefaultFactors() {
    }

    /** Loads the default set from the classpath. */
    public static List<FactorVersion> load() {
        try (InputStream in = DefaultFactors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default factor set " + RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The default set as a {@link FactorHistory}. */
    public static FactorHistory history() {
        return FactorHistory.of(load());
    }

    /**
     * Reads a factor set in the format of the default resource: {@code timeZone} and a {@code factors} array of
     * {@code factorKey}, {@code validFrom} (a local date in timeZone), {@code value}, {@code unit},
     * {@code parameters} and {@code source}. The stream is not closed.
     *
     * @throws IllegalArgumentException when an entry lacks a field or has an unreadable one
     */
    public static List<FactorVersion> load(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the factor set", e);
        }
        if (root == null || !root.path("factors").isArray()) {
            throw new IllegalArgumentException("factor set has no 'factors' array");
        }
        ZoneId zone = zone(root.path("timeZone"));
        List<FactorVersion> versions = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("factors")) {
            versions.add(version(entry, zone, index++));
        }
        return List.copyOf(versions);
    }

    private static FactorVersion version(JsonNode entry, ZoneId zone, int index) {
        String key = text(entry, "factorKey", index);
        String where = "factor #" + index + " (" + key + ")";
        LocalDate validFrom;
        try {
            validFrom = LocalDate.parse(text(entry, "validFrom", index));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": validFrom is not a date yyyy-mm-dd", e);
        }
        JsonNode value = entry.path("value");
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + ": value is missing or not a number");
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        JsonNode params = entry.path("parameters");
        if (!params.isMissingNode() && !params.isObject()) {
            throw new IllegalArgumentException(where + ": parameters is not an object");
        }
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            if (!p.getValue().isNumber()) {
                throw new IllegalArgumentException(where + ": parameter " + p.getKey() + " is not a number");
            }
            parameters.put(p.getKey(), p.getValue().doubleValue());
        }
        return new FactorVersion(key, validFrom.atStartOfDay(zone).toInstant(), value.doubleValue(),
                text(entry, "unit", index), parameters, text(entry, "source", index));
    }

    private static ZoneId zone(JsonNode node) {
        if (!node.isTextual()) {
            return FactorKeys.FACTOR_ZONE;
        }
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("factor set timeZone '" + node.asText() + "' is not a zone id", e);
        }
    }

    private static String text(JsonNode entry, String field, int index) {
        JsonNode node = entry.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("factor #" + index + ": " + field + " is missing or blank");
        }
        return node.asText();
    }
}
