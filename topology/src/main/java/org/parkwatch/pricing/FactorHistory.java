package org.parkwatch.pricing;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable in-memory factor store: every version of every key, ordered by validFrom. A later version with the
 * same key and validFrom replaces the earlier one, as on the compacted factor topic.
 */
public final class FactorHistory implements FactorLookup {

    private final Map<String, TreeMap<Instant, FactorVersion>> byKey;

    private FactorHistory(Map<String, TreeMap<Instant, FactorVersion>> byKey) {
        this.byKey = byKey;
    }

    public static FactorHistory empty() {
        return new FactorHistory(Map.of());
    }

    public static FactorHistory of(Collection<FactorVersion> versions) {
        Map<String, TreeMap<Instant, FactorVersion>> byKey = new TreeMap<>();
        for (FactorVersion version : versions) {
            Objects.requireNonNull(version, "version");
            byKey.computeIfAbsent(version.factorKey(), k -> new TreeMap<>()).put(version.validFrom(), version);
        }
        return new FactorHistory(byKey);
    }

    /** A history with {@code version} added. */
    public FactorHistory plus(FactorVersion version) {
        Map<String, TreeMap<Instant, FactorVersion>> copy = new TreeMap<>();
        byKey.forEach((key, versions) -> copy.put(key, new TreeMap<>(versions)));
        copy.computeIfAbsent(version.factorKey(), k -> new TreeMap<>()).put(version.validFrom(), version);
        return new FactorHistory(copy);
    }

    @Override
    public Optional<FactorVersion> at(String factorKey, Instant activityTime) {
        TreeMap<Instant, FactorVersion> versions = byKey.get(factorKey);
        if (versions == null) {
            return Optional.empty();
        }
        Map.Entry<Instant, FactorVersion> entry = versions.floorEntry(activityTime);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /** Every version of {@code factorKey}, oldest first. */
    public List<FactorVersion> versions(String factorKey) {
        TreeMap<Instant, FactorVersion> versions = byKey.get(factorKey);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** All keys, sorted. */
    public Set<String> keys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byKey.keySet()));
    }

    /** The number of versions over all keys. */
    public int size() {
        return byKey.values().stream().mapToInt(Map::size).sum();
    }
}
