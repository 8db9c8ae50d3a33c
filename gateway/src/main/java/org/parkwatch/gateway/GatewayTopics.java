package org.parkwatch.gateway;

/**
 * The topics the gateway reads and writes.
 *
 * @param rawPackets        every packet and refused byte run as received, keyed by MN
 * @param devices           the registered devices (compacted, keyed by MN)
 * @param wastewaterSamples the pipeline's wastewater input
 * @param flueGasSamples    the pipeline's flue-gas input (from CEMS, ST=31)
 * @param deadLetters       the dead-letter topic
 */
public record GatewayTopics(String rawPackets, String devices, String wastewaterSamples, String flueGasSamples,
                            String deadLetters) {
}
