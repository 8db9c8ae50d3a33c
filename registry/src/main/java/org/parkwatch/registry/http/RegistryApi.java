package org.parkwatch.registry.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkwatch.registry.state.CompatibilityLevel;
import org.parkwatch.registry.state.CompatibilityResult;
import org.parkwatch.registry.state.ErrorCode;
import org.parkwatch.registry.state.RegisteredSchema;
import org.parkwatch.registry.state.RegistryCommand.ClearCompatibility;
import org.parkwatch.registry.state.RegistryCommand.DeleteSubject;
import org.parkwatch.registry.state.RegistryCommand.DeleteVersion;
import org.parkwatch.registry.state.RegistryCommand.RegisterSchema;
import org.parkwatch.registry.state.RegistryCommand.SetCompatibility;
import org.parkwatch.registry.state.RegistryException;
import org.parkwatch.registry.state.RegistryState;
import org.parkwatch.registry.state.RegistryStore;
import org.parkwatch.registry.state.VersionSpec;

/** The handlers of Confluent's Schema Registry REST API, answering from a {@link RegistryStore}. */
final class RegistryApi {

    private final RegistryStore store;

    RegistryApi(RegistryStore store) {
        this.store = store;
    }

    void root(Context ctx) {
        JsonReplies.ok(ctx, Map.of());
    }

    void schemaTypes(Context ctx) {
        JsonReplies.ok(ctx, List.of("AVRO"));
    }

    void subjects(Context ctx) {
        boolean deleted = flag(ctx, "deleted");
        JsonReplies.ok(ctx, store.read(state -> state.subjects(deleted)));
    }

    void register(Context ctx) {
        String schema = SchemaRequest.schemaText(ctx.body());
        RegisteredSchema registered = store.submit(new RegisterSchema(subject(ctx), schema));
        JsonReplies.ok(ctx, Map.of("id", registered.id()));
    }

    void lookup(Context ctx) {
        String subject = subject(ctx);
        String schema = SchemaRequest.schemaText(ctx.body());
        boolean deleted = flag(ctx, "deleted");
        JsonReplies.ok(ctx, store.read(state -> state.lookup(subject, schema, deleted)));
    }

    void versions(Context ctx) {
        String subject = subject(ctx);
        boolean deleted = flag(ctx, "deleted");
        JsonReplies.ok(ctx, store.read(state -> state.versions(subject, deleted)));
    }

    void version(Context ctx) {
        JsonReplies.ok(ctx, findVersion(ctx));
    }

    void versionSchema(Context ctx) {
        ctx.attribute(JsonReplies.ANSWERED, Boolean.TRUE);
        ctx.status(200).contentType(JsonReplies.CONTENT_TYPE).result(findVersion(ctx).schema());
    }

    void deleteSubject(Context ctx) {
        JsonReplies.ok(ctx, store.submit(new DeleteSubject(subject(ctx), flag(ctx, "permanent"))));
    }

    void deleteVersion(Context ctx) {
        String subject = subject(ctx);
        boolean permanent = flag(ctx, "permanent");
        VersionSpec spec = versionSpec(ctx);
        // "latest" is resolved here so the log holds the exact version the client saw as latest.
        int number = spec.isLatest()
                ? store.read(state -> state.version(subject, spec, permanent)).version()
                : spec.number();
        JsonReplies.ok(ctx, store.submit(new DeleteVersion(subject, number, permanent)));
    }

    void schemaById(Context ctx) {
        int id = id(ctx);
        JsonReplies.ok(ctx, Map.of("schema", store.read(state -> state.schemaById(id))));
    }

    void rawSchemaById(Context ctx) {
        int id = id(ctx);
        String schema = store.read(state -> state.schemaById(id));
        ctx.attribute(JsonReplies.ANSWERED, Boolean.TRUE);
        ctx.status(200).contentType(JsonReplies.CONTENT_TYPE).result(schema);
    }

    void versionsById(Context ctx) {
        int id = id(ctx);
        boolean deleted = flag(ctx, "deleted");
        JsonReplies.ok(ctx, store.read(state -> state.subjectVersionsOf(id, deleted)));
    }

    void compatibilityWithVersion(Context ctx) {
        String subject = subject(ctx);
        VersionSpec spec = versionSpec(ctx);
        String schema = SchemaRequest.schemaText(ctx.body());
        replyCompatibility(ctx, store.read(state -> state.testCompatibility(subject, schema, spec)));
    }

    void compatibilityWithAll(Context ctx) {
        String subject = subject(ctx);
        String schema = SchemaRequest.schemaText(ctx.body());
        replyCompatibility(ctx, store.read(state -> state.testCompatibilityWithAll(subject, schema)));
    }

    void globalConfig(Context ctx) {
        JsonReplies.ok(ctx, Map.of("compatibilityLevel", store.read(RegistryState::globalCompatibility).name()));
    }

    void setGlobalConfig(Context ctx) {
        CompatibilityLevel level = CompatibilityLevel.parse(SchemaRequest.compatibility(ctx.body()));
        JsonReplies.ok(ctx, Map.of("compatibility", store.submit(new SetCompatibility(null, level)).name()));
    }

    void subjectConfig(Context ctx) {
        String subject = subject(ctx);
        boolean defaultToGlobal = flag(ctx, "defaultToGlobal");
        CompatibilityLevel level = store.read(state -> defaultToGlobal
                ? state.effectiveCompatibility(subject)
                : state.subjectCompatibility(subject)
                        .orElseThrow(() -> RegistryState.compatibilityNotConfigured(subject)));
        JsonReplies.ok(ctx, Map.of("compatibilityLevel", level.name()));
    }

    void setSubjectConfig(Context ctx) {
        CompatibilityLevel level = CompatibilityLevel.parse(SchemaRequest.compatibility(ctx.body()));
        JsonReplies.ok(ctx, Map.of("compatibility", store.submit(new SetCompatibility(subject(ctx), level)).name()));
    }

    void deleteSubjectConfig(Context ctx) {
        CompatibilityLevel removed = store.submit(new ClearCompatibility(subject(ctx)));
        JsonReplies.ok(ctx, Map.of("compatibilityLevel", removed.name()));
    }

    void mode(Context ctx) {
        JsonReplies.ok(ctx, Map.of("mode", "READWRITE"));
    }

    void contexts(Context ctx) {
        JsonReplies.ok(ctx, List.of("."));
    }

    private RegisteredSchema findVersion(Context ctx) {
        String subject = subject(ctx);
        VersionSpec spec = versionSpec(ctx);
        boolean deleted = flag(ctx, "deleted");
        return store.read(state -> state.version(subject, spec, deleted));
    }

    private static void replyCompatibility(Context ctx, CompatibilityResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", result.isCompatible());
        if (flag(ctx, "verbose")) {
            body.put("messages", result.messages());
        }
        JsonReplies.ok(ctx, body);
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static VersionSpec versionSpec(Context ctx) {
        return VersionSpec.parse(ctx.pathParam("version"));
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }
}
