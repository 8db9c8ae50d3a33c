package org.parkwatch.serde.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The operations of the Confluent Schema Registry API that ParkWatch uses. Failures reported by the registry are
 * thrown as {@link RegistryException}; a registry that cannot be reached at all surfaces as
 * {@link java.io.UncheckedIOException}.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; {@link RegistryException#SCHEMA_NOT_FOUND} when the id is unknown. */
    Schema schemaById(int id);

    /** The id of a schema already registered under the subject, without registering it. */
    int idOf(String subject, Schema schema);

    /** The version numbers of the subject, oldest first. */
    List<Integer> versions(String subject);

    /** One version of the subject. */
    RegisteredSchema version(String subject, int version);

    /** The newest version of the subject. */
    RegisteredSchema latest(String subject);

    /**
     * Whether the schema could be registered under the subject given its compatibility level; a subject with no
     * versions accepts any schema.
     */
    boolean isCompatible(String subject, Schema schema);

    /** All subjects that have at least one version. */
    List<String> subjects();

    /**
     * The compatibility level in force: for a subject, its own level or else the global one; for {@code null}, the
     * global level.
     */
    String compatibility(String subjectOrNullForGlobal);

    /** Sets the compatibility level of the subject, or the global level for {@code null}. */
    void setCompatibility(String subjectOrNullForGlobal, String level);
}
