package org.parkwatch.deploy.admin;

import java.util.List;

/**
 * What {@link TopicAdmin#ensureTopics} did.
 *
 * @param created  topics it created, sorted
 * @param existing topics that were already there and were left as they are, sorted
 */
public record TopicSummary(List<String> created, List<String> existing) {

    public TopicSummary {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
    }
}
