package org.parkwatch.serde;

import org.apache.avro.Schema;

/** Confluent's default subject naming: {@code <topic>-key} or {@code <topic>-value}, one schema lineage per topic. */
public final class TopicNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public String toString() {
        return "TopicNameStrategy";
    }
}
