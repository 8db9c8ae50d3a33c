package org.parkwatch.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Decides which instance of the pipeline answers a query: the one whose active task holds the key, found through
 * Kafka Streams' metadata (the {@code application.server} each instance advertises). A single instance, which
 * advertises nothing, answers everything itself.
 */
final class ClusterRouter {

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;

    ClusterRouter(KafkaStreams streams, Optional<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    /**
     * The other instance that holds {@code key} of {@code store}, or empty when this instance does.
     *
     * @throws ApiException 503 while no instance holds the key (a rebalance is in progress)
     */
    Optional<HostInfo> ownerElsewhere(String store, String key) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw ApiException.unavailable("no instance holds '" + key + "' of " + store
                    + " right now (rebalancing); retry shortly");
        }
        HostInfo owner = metadata.activeHost();
        return owner.equals(self.get()) ? Optional.empty() : Optional.of(owner);
    }

    /** Every other instance holding some partition of one of {@code stores}, whose answers complete this one's. */
    List<HostInfo> otherInstances(String... stores) {
        if (self.isEmpty()) {
            return List.of();
        }
        return Stream.of(stores).flatMap(store -> streams.streamsMetadataForStore(store).stream())
                .map(StreamsMetadata::hostInfo)
                .filter(h -> !h.equals(self.get()))
                .distinct()
                .toList();
    }
}
