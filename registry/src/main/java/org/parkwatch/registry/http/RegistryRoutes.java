package org.parkwatch.registry.http;

import java.util.Optional;

import io.javalin.config.RoutesConfig;
import org.parkwatch.registry.auth.RegistryUsers;
import org.parkwatch.registry.state.RegistryException;
import org.parkwatch.registry.state.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds Confluent's Schema Registry paths to their handlers and maps failures to Confluent error bodies. */
public final class RegistryRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);

    private RegistryRoutes() {
    }

    /** Adds every registry route, answering from {@code store} to the users of {@code users}, or to anyone. */
    public static void install(RoutesConfig routes, RegistryStore store, Optional<RegistryUsers> users) {
        users.ifPresent(known -> routes.before(new BasicAuthentication(known)));
        RegistryApi api = new RegistryApi(store);
        routes.get("/", api::root);
        routes.get("/schemas/types", api::schemaTypes);
        routes.get("/mode", api::mode);
        routes.get("/contexts", api::contexts);

        routes.get("/subjects", api::subjects);
        routes.post("/subjects/{subject}", api::lookup);
        routes.delete("/subjects/{subject}", api::deleteSubject);
        routes.get("/subjects/{subject}/versions", api::versions);
        routes.post("/subjects/{subject}/versions", api::register);
        routes.get("/subjects/{subject}/versions/{version}", api::version);
        routes.delete("/subjects/{subject}/versions/{version}", api::deleteVersion);
        routes.get("/subjects/{subject}/versions/{version}/schema", api::versionSchema);

        routes.get("/schemas/ids/{id}", api::schemaById);
        routes.get("/schemas/ids/{id}/schema", api::rawSchemaById);
        routes.get("/schemas/ids/{id}/versions", api::versionsById);

        routes.post("/compatibility/subjects/{subject}/versions", api::compatibilityWithAll);
        routes.post("/compatibility/subjects/{subject}/versions/{version}", api::compatibilityWithVersion);

        routes.get("/config", api::globalConfig);
        routes.put("/config", api::setGlobalConfig);
        routes.get("/config/{subject}", api::subjectConfig);
        routes.put("/config/{subject}", api::setSubjectConfig);
        routes.delete("/config/{subject}", api::deleteSubjectConfig);

        routes.exception(BasicAuthentication.AccessRefusedException.class,
                (e, ctx) -> JsonReplies.error(ctx, e.status, e.errorCode, e.getMessage()));
        routes.exception(RegistryException.class, (e, ctx) -> JsonReplies.error(ctx, e));
        routes.exception(SchemaRequest.MalformedBodyException.class,
                (e, ctx) -> JsonReplies.error(ctx, 400, 400, e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            JsonReplies.error(ctx, 500, 500, "Internal Server Error: " + e.getMessage());
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(JsonReplies.ANSWERED) == null) {
                JsonReplies.error(ctx, 404, 404, "HTTP 404 Not Found");
            }
        });
        routes.error(405, ctx -> {
            if (ctx.attribute(JsonReplies.ANSWERED) == null) {
                JsonReplies.error(ctx, 405, 405, "HTTP 405 Method Not Allowed");
            }
        });
    }
}
