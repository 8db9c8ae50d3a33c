package org.parkwatch.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (content type
 * {@code application/vnd.schemaregistry.v1+json}). Schemas by id and ids by subject and schema are cached for the
 * life of the client, as both are immutable in the registry; version listings and compatibility are always asked.
 * Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final String AVRO = "AVRO";

    private final ObjectMapper json = new ObjectMapper();
    private final RegistryTransport transport;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public RestSchemaRegistryClient(RegistryClientSettings settings) {
        this.transport = new RegistryTransport(Objects.requireNonNull(settings, "settings"), json);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.post("/subjects/" + RegistryTransport.segment(subject) + "/versions",
                schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(key, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.get("/schemas/ids/" + id);
        Schema schema = parse(answer, "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schemasById.get(id);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.post("/subjects/" + RegistryTransport.segment(subject), schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(key, id);
        return id;
    }

    @Override
    public List<Integer> versions(String subject) {
        JsonNode answer = transport.get("/subjects/" + RegistryTransport.segment(subject) + "/versions");
        List<Integer> versions = new ArrayList<>();
        answer.forEach(version -> versions.add(version.asInt()));
        return List.copyOf(versions);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(transport.get("/subjects/" + RegistryTransport.segment(subject) + "/versions/" + version),
                subject);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(transport.get("/subjects/" + RegistryTransport.segment(subject) + "/versions/latest"),
                subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = transport.post("/compatibility/subjects/" + RegistryTransport.segment(subject)
                    + "/versions/latest", schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = transport.get("/subjects");
        List<String> subjects = new ArrayList<>();
        answer.forEach(subject -> subjects.add(subject.asText()));
        return List.copyOf(subjects);
    }

    @Override
    public String compatibility(String subjectOrNullForGlobal) {
        if (subjectOrNullForGlobal == null) {
            return level(transport.get("/config"));
        }
        try {
            return level(transport.get("/config/" + RegistryTransport.segment(subjectOrNullForGlobal)
                    + "?defaultToGlobal=true"));
        } catch (RegistryException e) {
            // Registries that ignore defaultToGlobal answer 40408 (or 40401) for a subject without its own level.
            if (e.errorCode() == RegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == RegistryException.SUBJECT_NOT_FOUND) {
                return level(transport.get("/config"));
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subjectOrNullForGlobal, String level) {
        ObjectNode body = json.createObjectNode().put("compatibility", Objects.requireNonNull(level, "level"));
        String path = subjectOrNullForGlobal == null ? "/config"
                : "/config/" + RegistryTransport.segment(subjectOrNullForGlobal);
        transport.put(path, body);
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, key.schema());
    }

    private ObjectNode schemaBody(Schema schema) {
        // Confluent registers Schema.toString(), the compact JSON, and omits schemaType for Avro.
        return json.createObjectNode().put("schema", schema.toString());
    }

    private RegisteredSchema registered(JsonNode answer, String subject) {
        int id = requiredInt(answer, "id");
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = parse(answer, "schema id " + id);
            schemasById.putIfAbsent(id, schema);
        }
        return new RegisteredSchema(answer.path("subject").asText(subject), requiredInt(answer, "version"), id,
                schema);
    }

    private static Schema parse(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText(AVRO);
        if (!AVRO.equals(type)) {
            throw new SchemaParseException(what + " is a " + type + " schema; only Avro is supported");
        }
        if (answer.path("references").size() > 0) {
            throw new SchemaParseException(what + " uses schema references, which are not supported");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaParseException(what + ": the registry's answer has no schema");
        }
        return new Schema.Parser().parse(text.asText());
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new RegistryException(200, 0, "the registry's answer lacks \"" + field + "\": " + answer);
        }
        return value.asInt();
    }

    private static String level(JsonNode answer) {
        return answer.path("compatibilityLevel").asText(answer.path("compatibility").asText(null));
    }
}
