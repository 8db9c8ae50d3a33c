package org.parkwatch.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.parkwatch.serde.registry.RegisteredSchema;
import org.parkwatch.serde.registry.RegistryException;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/** A registry that knows one schema under one chosen id, so tests can pin every byte of the header. */
final class FixedIdRegistryClient implements SchemaRegistryClient {

    private final int id;
    private final Schema schema;

    FixedIdRegistryClient(int id, Schema schema) {
        this.id = id;
        this.schema = schema;
    }

    @Override
    public int register(String subject, Schema candidate) {
        return idOf(subject, candidate);
    }

    @Override
    public Schema schemaById(int requested) {
        if (requested != id) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema " + requested
                    + " not found");
        }
        return schema;
    }

    @Override
    public int idOf(String subject, Schema candidate) {
        if (!candidate.equals(schema)) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema not found");
        }
        return id;
    }

    @Override
    public List<Integer> versions(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegisteredSchema latest(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isCompatible(String subject, Schema candidate) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> subjects() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String compatibility(String subjectOrNullForGlobal) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setCompatibility(String subjectOrNullForGlobal, String level) {
        throw new UnsupportedOperationException();
    }
}
