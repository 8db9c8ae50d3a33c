/**
 * The Kafka Streams wiring of ParkWatch: where records come in ({@link org.parkwatch.topology.ParkWatchTopology}),
 * are accounted ({@code ActivityAccountingProcessor}), summed ({@code TotalsProcessor}) and go out. The logic
 * itself lives in the Kafka-free packages {@code ingest}, {@code pricing} and {@code totals}.
 */
package org.parkwatch.topology;
