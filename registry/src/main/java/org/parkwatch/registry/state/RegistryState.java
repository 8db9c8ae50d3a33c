package org.parkwatch.registry.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state machine: subjects, versions, schema ids and compatibility settings, changed only by
 * {@link RegistryCommand}s applied in log order. Deterministic, so every instance replaying the same log agrees on
 * ids and versions. Not thread-safe: the owner serialises access.
 */
public final class RegistryState {

    private final Map<String, Integer> idsByCanonicalText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final NavigableMap<String, NavigableMap<Integer, VersionEntry>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    /** A version of a subject; soft-deleted versions stay so their numbers are never reused. */
    private record VersionEntry(int version, int id, boolean deleted) {
    }

    public RegistryState(CompatibilityLevel defaultLevel) {
        this.globalLevel = defaultLevel;
    }

    /** Applies a command, changing state only when it succeeds; refusals are thrown as {@link RegistryException}. */
    public <R> R apply(RegistryCommand<R> command) {
        return command.applyTo(this);
    }

    // ---- queries ----

    /** Subject names in order; with {@code includeDeleted}, also those whose versions are all soft-deleted. */
    public List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (!entries(versions, includeDeleted).isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    /** Version numbers of a subject in order; 40401 when it has none. */
    public List<Integer> versions(String subject, boolean includeDeleted) {
        return existingEntries(subject, includeDeleted).stream().map(VersionEntry::version).toList();
    }

    /** One version of a subject, {@code latest} meaning the newest one visible. */
    public RegisteredSchema version(String subject, VersionSpec spec, boolean includeDeleted) {
        List<VersionEntry> visible = existingEntries(subject, includeDeleted);
        VersionEntry entry = spec.isLatest() ? visible.get(visible.size() - 1)
                : visible.stream().filter(e -> e.version() == spec.number()).findFirst()
                        .orElseThrow(() -> versionNotFound(spec.number()));
        return toRegistered(subject, entry);
    }

    /** The schema text of an id, still resolvable while any version (soft-deleted included) refers to it. */
    public String schemaById(int id) {
        if (subjectVersionsById(id, true).isEmpty()) {
            throw schemaNotFound();
        }
        return schemasById.get(id).toString();
    }

    /** Every subject version using an id; 40403 when no version, soft-deleted included, refers to it. */
    public List<SubjectVersion> subjectVersionsOf(int id, boolean includeDeleted) {
        List<SubjectVersion> all = subjectVersionsById(id, true);
        if (all.isEmpty()) {
            throw schemaNotFound();
        }
        return includeDeleted ? all : subjectVersionsById(id, false);
    }

    /** The version of a subject holding a schema: 40401 for an unknown subject, 40403 when it is not there. */
    public RegisteredSchema lookup(String subject, String schemaText, boolean includeDeleted) {
        List<VersionEntry> visible = existingEntries(subject, includeDeleted);
        Integer id = idsByCanonicalText.get(AvroSchemas.parse(schemaText).toString());
        return visible.stream().filter(e -> id != null && e.id() == id).findFirst()
                .map(e -> toRegistered(subject, e))
                .orElseThrow(RegistryState::schemaNotFound);
    }

    /**
     * Tests a schema against one version of a subject ({@code latest}: the newest live one, compatible when there
     * is none) under the subject's effective level.
     */
    public CompatibilityResult testCompatibility(String subject, String schemaText, VersionSpec spec) {
        Schema candidate = AvroSchemas.parse(schemaText);
        List<VersionEntry> live = entries(subjects.getOrDefault(subject, new TreeMap<>()), false);
        Optional<VersionEntry> against = spec.isLatest()
                ? live.stream().reduce((first, second) -> second)
                : live.stream().filter(e -> e.version() == spec.number()).findFirst();
        if (against.isEmpty()) {
            if (spec.isLatest()) {
                return CompatibilityResult.compatible();
            }
            throw versionNotFound(spec.number());
        }
        return CompatibilityChecker.check(effectiveCompatibility(subject), candidate,
                List.of(schemasById.get(against.get().id())));
    }

    /** Tests a schema against all live versions of a subject, as registering it would. */
    public CompatibilityResult testCompatibilityWithAll(String subject, String schemaText) {
        return check(subject, AvroSchemas.parse(schemaText));
    }

    public CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** The subject's own level, if it has one. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The subject's own level, or the global one. */
    public CompatibilityLevel effectiveCompatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    // ---- changes, reached through the commands ----

    /** The live registration of this schema under the subject, if any; throws as registering would fail. */
    Optional<RegisteredSchema> registrationWithoutChange(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        Optional<RegisteredSchema> existing = liveRegistration(subject, schema);
        if (existing.isEmpty()) {
            CompatibilityResult result = check(subject, schema);
            if (!result.isCompatible()) {
                throw new RegistryException(ErrorCode.INCOMPATIBLE_SCHEMA,
                        "Schema being registered is incompatible with an earlier schema for subject \""
                                + subject + "\", details: " + result.messages());
            }
        }
        return existing;
    }

    RegisteredSchema register(String subject, String schemaText) {
        Optional<RegisteredSchema> existing = registrationWithoutChange(subject, schemaText);
        if (existing.isPresent()) {
            return existing.get();
        }
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = schema.toString();
        int id = idsByCanonicalText.computeIfAbsent(canonical, text -> {
            maxId++;
            schemasById.put(maxId, schema);
            return maxId;
        });
        NavigableMap<Integer, VersionEntry> versions = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        versions.put(version, new VersionEntry(version, id, false));
        return new RegisteredSchema(subject, version, id, canonical);
    }

    void checkDeleteVersion(String subject, int version, boolean permanent) {
        NavigableMap<Integer, VersionEntry> versions = subjects.get(subject);
        if (versions == null || (!permanent && entries(versions, false).isEmpty())) {
            throw subjectNotFound(subject);
        }
        VersionEntry entry = versions.get(version);
        if (entry == null) {
            throw versionNotFound(version);
        }
        if (permanent && !entry.deleted()) {
            throw new RegistryException(ErrorCode.VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version "
                    + version + " was not deleted first before being permanently deleted");
        }
        if (!permanent && entry.deleted()) {
            throw new RegistryException(ErrorCode.VERSION_SOFT_DELETED, "Subject '" + subject + "' Version "
                    + version + " was soft deleted. Set permanent=true to delete permanently");
        }
    }

    int deleteVersion(String subject, int version, boolean permanent) {
        checkDeleteVersion(subject, version, permanent);
        NavigableMap<Integer, VersionEntry> versions = subjects.get(subject);
        if (permanent) {
            versions.remove(version);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
        } else {
            VersionEntry entry = versions.get(version);
            versions.put(version, new VersionEntry(version, entry.id(), true));
        }
        return version;
    }

    void checkDeleteSubject(String subject, boolean permanent) {
        NavigableMap<Integer, VersionEntry> versions = subjects.get(subject);
        if (versions == null) {
            throw subjectNotFound(subject);
        }
        boolean anyLive = !entries(versions, false).isEmpty();
        if (permanent && anyLive) {
            throw new RegistryException(ErrorCode.SUBJECT_NOT_SOFT_DELETED,
                    "Subject '" + subject + "' was not deleted first before being permanently deleted");
        }
        if (!permanent && !anyLive) {
            throw new RegistryException(ErrorCode.SUBJECT_SOFT_DELETED,
                    "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
        }
    }

    List<Integer> deleteSubject(String subject, boolean permanent) {
        checkDeleteSubject(subject, permanent);
        NavigableMap<Integer, VersionEntry> versions = subjects.get(subject);
        List<Integer> deleted = new ArrayList<>();
        if (permanent) {
            deleted.addAll(versions.keySet());
            subjects.remove(subject);
            subjectLevels.remove(subject);
        } else {
            for (VersionEntry entry : entries(versions, false)) {
                versions.put(entry.version(), new VersionEntry(entry.version(), entry.id(), true));
                deleted.add(entry.version());
            }
        }
        return deleted;
    }

    CompatibilityLevel setCompatibility(String subjectOrNullForGlobal, CompatibilityLevel level) {
        if (subjectOrNullForGlobal == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subjectOrNullForGlobal, level);
        }
        return level;
    }

    void checkClearCompatibility(String subject) {
        if (!subjectLevels.containsKey(subject)) {
            throw compatibilityNotConfigured(subject);
        }
    }

    CompatibilityLevel clearCompatibility(String subject) {
        checkClearCompatibility(subject);
        return subjectLevels.remove(subject);
    }

    /** 40408: the subject has no level of its own. */
    public static RegistryException compatibilityNotConfigured(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    // ---- helpers ----

    private CompatibilityResult check(String subject, Schema candidate) {
        List<Schema> previous = entries(subjects.getOrDefault(subject, new TreeMap<>()), false).stream()
                .map(e -> schemasById.get(e.id()))
                .toList();
        return CompatibilityChecker.check(effectiveCompatibility(subject), candidate, previous);
    }

    private Optional<RegisteredSchema> liveRegistration(String subject, Schema schema) {
        Integer id = idsByCanonicalText.get(schema.toString());
        if (id == null) {
            return Optional.empty();
        }
        return entries(subjects.getOrDefault(subject, new TreeMap<>()), false).stream()
                .filter(e -> e.id() == id)
                .findFirst()
                .map(e -> toRegistered(subject, e));
    }

    private List<SubjectVersion> subjectVersionsById(int id, boolean includeDeleted) {
        List<SubjectVersion> found = new ArrayList<>();
        subjects.forEach((name, versions) -> entries(versions, includeDeleted).stream()
                .filter(e -> e.id() == id)
                .forEach(e -> found.add(new SubjectVersion(name, e.version()))));
        return found;
    }

    private List<VersionEntry> existingEntries(String subject, boolean includeDeleted) {
        List<VersionEntry> visible = entries(subjects.getOrDefault(subject, new TreeMap<>()), includeDeleted);
        if (visible.isEmpty()) {
            throw subjectNotFound(subject);
        }
        return visible;
    }

    private static List<VersionEntry> entries(NavigableMap<Integer, VersionEntry> versions,
                                              boolean includeDeleted) {
        return versions.values().stream().filter(e -> includeDeleted || !e.deleted()).toList();
    }

    private RegisteredSchema toRegistered(String subject, VersionEntry entry) {
        return new RegisteredSchema(subject, entry.version(), entry.id(), schemasById.get(entry.id()).toString());
    }

    private static RegistryException subjectNotFound(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    private static RegistryException versionNotFound(int version) {
        return new RegistryException(ErrorCode.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    private static RegistryException schemaNotFound() {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
    }
}
