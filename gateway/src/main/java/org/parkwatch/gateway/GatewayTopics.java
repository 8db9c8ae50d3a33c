package org.parkwatch.gateway;

/**
 * The topics the gateway reads and writes.
 *
 * @param rawPackets        every packet and refused byte run as received, keyed by MN
 * @param devices           the registered devices (compacted, keyed by MN)
 * @param wastewaterSamples the pipeline's wastewater input
 * @param flueGasSamples    the pipeline's flue-gas input (from CEMS, ST=31)
 * @param deadLetters       the dead-letter topic
 * @param dataGaps          the data gaps the gateway judged, keyed by enterpriseId; null: gaps are not watched
 */
public record GatewayTopics(String rawPackets, String devices, String wastewaterSamples, String flueGasSamples,
                            String deadLetters, String dataGaps) {

    /** Without a gap topic: data gaps are not watched. */
    public GatewayTopics(String rawPackets, String devices, String wastewaterSamples, String flueGasSamples,
                         String deadLetters) {
        this(rawPackets, devices, wastewaterSamples, flueGasSamples, deadLetters, null);
    }
}
