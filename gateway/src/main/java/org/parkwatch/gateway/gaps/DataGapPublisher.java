package org.parkwatch.gateway.gaps;

import java.util.concurrent.CompletableFuture;

import org.parkwatch.avro.DataGap;

/** Writes gap records, in the order given; the future completes once the record is acknowledged. */
@FunctionalInterface
public interface DataGapPublisher {

    CompletableFuture<Void> publish(DataGap gap);
}
