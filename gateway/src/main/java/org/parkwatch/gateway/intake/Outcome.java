package org.parkwatch.gateway.intake;

import java.util.List;
import java.util.Optional;

import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.PacketFault;

/**
 * Everything the gateway writes for one packet (or run of refused bytes), and the answer it sends once all of it is
 * written.
 *
 * @param cn           the packet's command, "none" when no command could be read
 * @param rawKey       key of the raw record: the MN, or the connection's last known MN, or null
 * @param rawBytes     the bytes as received
 * @param rejection    why the packet is refused, for its dead letter
 * @param samples      wastewater input records for the pipeline
 * @param answer       the framed answer to send after the writes are acknowledged
 * @param enterpriseId the device's enterprise, when known
 * @param eventId      the eventId of the packet's data, when it carries data
 * @param flueGasSamples flue-gas input records for the pipeline (from a CEMS, ST=31)
 */
public record Outcome(String cn, PacketResult result, String rawKey, byte[] rawBytes, Optional<Rejection> rejection,
                      List<WastewaterSample> samples, Optional<byte[]> answer, Optional<String> enterpriseId,
                      Optional<String> eventId, List<FlueGasSample> flueGasSamples) {

    public Outcome {
        samples = List.copyOf(samples);
        flueGasSamples = List.copyOf(flueGasSamples);
    }

    /** An outcome without flue-gas samples: every packet but a CEMS's accounted data. */
    public Outcome(String cn, PacketResult result, String rawKey, byte[] rawBytes, Optional<Rejection> rejection,
                   List<WastewaterSample> samples, Optional<byte[]> answer, Optional<String> enterpriseId,
                   Optional<String> eventId) {
        this(cn, result, rawKey, rawBytes, rejection, samples, answer, enterpriseId, eventId, List.of());
    }

    /** A refusal and the sentence a person reads in its dead letter. */
    public record Rejection(PacketFault fault, String detail) {
    }
}
