package org.parkwatch.deploy.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.parkwatch.topology.Topics;

/**
 * The topics a dead letter may be replayed to, with their partition counts, and for every other topic a dead
 * letter can name, why not.
 *
 * <p>Replayable: the inputs the pipeline reads record by record (meter readings, fuel, wastewater, output reports).
 * The activity inputs honour the replay mark (a replayed letter skips the lateness check unless it was late);
 * output reports have no lateness check to skip. Not replayable: reference data, whose refused record is replaced
 * by publishing a corrected one under its key, and the gateway's raw packets, which the gateway reads from devices
 * over TCP, never from their topic.
 *
 * @param partitions partition count of each replayable topic, as it is now
 * @param refused    why a letter of each other known topic cannot be replayed
 */
public record ReplayTargets(Map<String, Integer> partitions, Map<String, String> refused) {

    public ReplayTargets {
        partitions = Map.copyOf(partitions);
        refused = Map.copyOf(refused);
    }

    /** The targets of a topic catalogue, {@code partitionsOf} giving each replayable topic's partition count. */
    public static ReplayTargets of(Topics topics, ToIntFunction<String> partitionsOf) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (String input : topics.activityInputs()) {
            partitions.put(input, partitionsOf.applyAsInt(input));
        }
        partitions.put(topics.outputReports(), partitionsOf.applyAsInt(topics.outputReports()));
        Map<String, String> refused = new LinkedHashMap<>();
        for (String reference : new String[] {topics.enterprises(), topics.emissionFactors(), topics.thresholdRules(),
                topics.devices()}) {
            refused.put(reference, "reference data: publish a corrected record under the same key instead");
        }
        refused.put(topics.hj212Packets(), "an HJ 212 packet: the gateway takes packets from devices over TCP, not "
                + "from this topic; have the device resend the period (补传)");
        return new ReplayTargets(partitions, refused);
    }

    /** Why a letter of {@code topic} and {@code partition} cannot be re-produced there, or empty when it can. */
    Optional<String> refusal(String topic, int partition) {
        Integer count = partitions.get(topic);
        if (count == null) {
            return Optional.of(refused.getOrDefault(topic, "not an input of the pipeline under this configuration "
                    + "(another topic prefix?)"));
        }
        if (partition < 0 || partition >= count) {
            return Optional.of("partition " + partition + " of " + topic + " does not exist (" + count
                    + " partitions now): the record cannot go back to its partition");
        }
        return Optional.empty();
    }
}
