package org.parkwatch.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.internal.StackHourState;
import org.parkwatch.avro.internal.SubstituteShare;
import org.parkwatch.cems.CemsSubstitution;
import org.parkwatch.cems.HourShare;

/**
 * The hours of stacks with a CEMS, over the store {@link StoreNames#STACK_HOURS} (key
 * {@code <hourStartMillis, 13 digits>|enterpriseId|stackId}): which ones a CEMS sample measured
 * validly, and which mass-balance shares wait in the others. Whichever of a fuel event and a CEMS sample of the same
 * hour comes first, the share is taken out exactly once, when the second arrives (org.parkwatch.cems).
 */
final class StackHours {

    private final KeyValueStore<String, StackHourState> store;

    StackHours(KeyValueStore<String, StackHourState> store) {
        this.store = store;
    }

    /** A supersession of one substitute share, with what its accounting needs. */
    record Superseded(EmissionEntry substitute, EmissionEntry supersession) {
    }

    /**
     * Records the hour shares of a substitute line; returns the supersessions of the hours a CEMS already measured.
     */
    List<EmissionEntry> substitute(String enterpriseId, String stackId, EmissionEntry line,
                                   List<HourShare> shares) {
        List<EmissionEntry> superseded = new ArrayList<>();
        for (HourShare share : shares) {
            if (share.mg() == 0) {
                continue;
            }
            String key = key(enterpriseId, stackId, share.hourStart());
            StackHourState hour = store.get(key);
            if (hour != null && hour.getMeasuredBy() != null) {
                superseded.add(CemsSubstitution.supersession(line, share, stackId, hour.getMeasuredBy()));
                continue;
            }
            StackHourState next = hour == null ? new StackHourState(null, new ArrayList<>())
                    : StackHourState.newBuilder(hour).build();
            List<SubstituteShare> waiting = new ArrayList<>(next.getSubstitutes());
            waiting.add(new SubstituteShare(line, share.mg()));
            next.setSubstitutes(waiting);
            store.put(key, next);
        }
        return superseded;
    }

    /**
     * Marks the hours as measured by the CEMS sample {@code cemsEventId}; returns the supersessions of the shares
     * that stood in for them. An hour another sample already measured is left as it is: its shares are gone.
     */
    List<Superseded> measure(String enterpriseId, String stackId, List<Instant> hours, String cemsEventId) {
        List<Superseded> superseded = new ArrayList<>();
        for (Instant hourStart : hours) {
            String key = key(enterpriseId, stackId, hourStart);
            StackHourState hour = store.get(key);
            if (hour != null && hour.getMeasuredBy() != null) {
                continue;
            }
            if (hour != null) {
                for (SubstituteShare s : hour.getSubstitutes()) {
                    superseded.add(new Superseded(s.getLine(), CemsSubstitution.supersession(
                            s.getLine(), new HourShare(hourStart, s.getShareMg()), stackId, cemsEventId)));
                }
            }
            store.put(key, new StackHourState(cemsEventId, new ArrayList<>()));
        }
        return superseded;
    }

    /**
     * Forgets the hours before {@code cutoff}: no fuel event or CEMS sample of them can be accounted any more. Keys
     * begin with the hour, zero-padded, so the expired ones are one range at the start of the store.
     */
    int forgetBefore(Instant cutoff) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, StackHourState> it = store.range(key(Instant.EPOCH), key(cutoff))) {
            while (it.hasNext()) {
                String key = it.next().key;
                if (key.compareTo(key(cutoff)) < 0) {
                    expired.add(key);
                }
            }
        }
        expired.forEach(store::delete);
        return expired.size();
    }

    static String key(String enterpriseId, String stackId, Instant hourStart) {
        return key(hourStart) + "|" + enterpriseId + "|" + stackId;
    }

    private static String key(Instant hourStart) {
        return String.format(java.util.Locale.ROOT, "%013d", hourStart.toEpochMilli());
    }
}
