package org.parkwatch.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Subject named after the record's full name (for example {@code org.parkwatch.avro.Alert}), so one record type keeps
 * one schema lineage across all topics that carry it.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new SerializationException("RecordNameStrategy needs a record schema, not " + schema.getType());
        }
        return schema.getFullName();
    }

    @Override
    public String toString() {
        return "RecordNameStrategy";
    }
}
