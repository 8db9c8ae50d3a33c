package org.parkwatch.serde.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} that keeps everything in memory, for fast unit tests with TopologyTestDriver only:
 * nothing is shared between instances or processes. Like the real registry it hands out ids from 1, gives the same
 * schema text the same id under every subject, and refuses (HTTP 409) a schema incompatible with the subject's level
 * (global default BACKWARD). Thread-safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();
    private final Map<String, String> levelsBySubject = new HashMap<>();
    private String globalLevel = AvroCompatibility.DEFAULT_LEVEL;

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        Integer known = idsBySchemaText.get(schema.toString());
        if (known != null && versions.contains(known)) {
            return known;
        }
        if (!isCompatible(subject, schema)) {
            throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\"");
        }
        int id = known != null ? known : nextId(schema);
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<Integer> versions = subjectVersions(subject);
        Integer id = idsBySchemaText.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema not found");
        }
        return id;
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        int count = subjectVersions(subject).size();
        List<Integer> versions = new ArrayList<>();
        for (int version = 1; version <= count; version++) {
            versions.add(version);
        }
        return List.copyOf(versions);
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> ids = subjectVersions(subject);
        if (version < 1 || version > ids.size()) {
            throw new RegistryException(404, RegistryException.VERSION_NOT_FOUND, "Version " + version
                    + " not found");
        }
        int id = ids.get(version - 1);
        return new RegisteredSchema(subject, version, id, schemasById.get(id));
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        return version(subject, subjectVersions(subject).size());
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Schema> existing = new ArrayList<>();
        for (int id : idsBySubject.getOrDefault(subject, List.of())) {
            existing.add(schemasById.get(id));
        }
        return AvroCompatibility.isCompatible(compatibility(subject), schema, existing);
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    @Override
    public synchronized String compatibility(String subjectOrNullForGlobal) {
        if (subjectOrNullForGlobal == null) {
            return globalLevel;
        }
        return levelsBySubject.getOrDefault(subjectOrNullForGlobal, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(String subjectOrNullForGlobal, String level) {
        String normalized = level.toUpperCase(Locale.ROOT);
        if (!AvroCompatibility.LEVELS.contains(normalized)) {
            throw new RegistryException(422, 42203, "Invalid compatibility level " + level);
        }
        if (subjectOrNullForGlobal == null) {
            globalLevel = normalized;
        } else {
            levelsBySubject.put(subjectOrNullForGlobal, normalized);
        }
    }

    private int nextId(Schema schema) {
        int id = schemasById.size() + 1;
        // Parse back the canonical text so that readers see exactly what a real registry would return.
        schemasById.put(id, new Schema.Parser().parse(schema.toString()));
        idsBySchemaText.put(schema.toString(), id);
        return id;
    }

    private List<Integer> subjectVersions(String subject) {
        List<Integer> ids = idsBySubject.get(subject);
        if (ids == null) {
            throw new RegistryException(404, RegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject
                    + "' not found.");
        }
        return ids;
    }
}
