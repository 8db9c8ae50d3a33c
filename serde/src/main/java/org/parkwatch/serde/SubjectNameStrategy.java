package org.parkwatch.serde;

import org.apache.avro.Schema;

/** Chooses the registry subject under which the serializer registers or looks up a record's schema. */
@FunctionalInterface
public interface SubjectNameStrategy {

    /** The subject for a key or value schema written to the topic. */
    String subject(String topic, boolean isKey, Schema schema);
}
