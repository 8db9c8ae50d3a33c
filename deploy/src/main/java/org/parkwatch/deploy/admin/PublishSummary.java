package org.parkwatch.deploy.admin;

import java.util.List;

/**
 * What a {@link ReferenceDataLoader} publication did on one topic.
 *
 * @param written   keys written, because they were absent or their content differed; sorted
 * @param unchanged keys already present with equal content, not written again; sorted
 */
public record PublishSummary(String topic, List<String> written, List<String> unchanged) {

    public PublishSummary {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
    }
}
