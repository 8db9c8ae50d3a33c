package org.parkwatch.gateway.intake;

/** What became of a packet, as the metrics count it. */
public enum PacketResult {
    /** It produced input records for the pipeline. */
    ACCOUNTED,
    /** Accepted and kept on the raw topic only (real-time or minute data, heartbeats, another granularity...). */
    KEPT,
    /** One part of a split set, held until the others arrive. */
    PART,
    /** Refused: a dead letter. */
    REFUSED
}
