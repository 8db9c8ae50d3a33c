package org.parkwatch.serde;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.parkwatch.serde.registry.InMemorySchemaRegistryClient;
import org.parkwatch.serde.registry.RegisteredSchema;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/** An in-memory registry that counts the calls made to it, to show what the serdes cache. */
final class CountingRegistryClient implements SchemaRegistryClient {

    private final InMemorySchemaRegistryClient delegate = new InMemorySchemaRegistryClient();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int register(String subject, Schema schema) {
        count("register");
        return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        count("schemaById");
        return delegate.schemaById(id);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        count("idOf");
        return delegate.idOf(subject, schema);
    }

    @Override
    public List<Integer> versions(String subject) {
        count("versions");
        return delegate.versions(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        count("version");
        return delegate.version(subject, version);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        count("latest");
        return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        count("isCompatible");
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public List<String> subjects() {
        count("subjects");
        return delegate.subjects();
    }

    @Override
    public String compatibility(String subjectOrNullForGlobal) {
        count("compatibility");
        return delegate.compatibility(subjectOrNullForGlobal);
    }

    @Override
    public void setCompatibility(String subjectOrNullForGlobal, String level) {
        count("setCompatibility");
        delegate.setCompatibility(subjectOrNullForGlobal, level);
    }
}
