package org.parkwatch.registry.state;

/** One version of a subject: the subject, its version number, the global schema id and the schema text. */
public record RegisteredSchema(String subject, int version, int id, String schema) {
}
