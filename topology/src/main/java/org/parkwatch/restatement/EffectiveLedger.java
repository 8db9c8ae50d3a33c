package org.parkwatch.restatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.LedgerCorrection;

/**
 * The ledger as it stands: for each accounted event, the lines in force after every correction so far. A reversing
 * entry takes the line it reverses out, a restated entry puts its line in. Corrections written but not yet in the
 * ledger ({@link #addPending}) count too, so a second run right after a first finds nothing left to restate.
 */
public final class EffectiveLedger {

    private final Map<String, Map<String, EmissionEntry>> linesByEvent = new LinkedHashMap<>();
    private final Set<String> corrections = new HashSet<>();
    private final Predicate<EmissionEntry> relevant;

    /** A ledger of every event. */
    public EffectiveLedger() {
        this(entry -> true);
    }

    /**
     * A ledger of the events one of whose lines is {@code relevant} (e.g. priced with the factor to restate), so a
     * ledger of years is read in the memory of the events concerned: see {@link #addGroup}.
     */
    public EffectiveLedger(Predicate<EmissionEntry> relevant) {
        this.relevant = relevant;
    }

    /**
     * Entries of one event read together: the pipeline writes the lines of an event, and the entries of a
     * correction, one after the other on one partition. Kept if the event is kept already or one line is relevant.
     */
    public void addGroup(List<EmissionEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (EmissionEntry e : entries) {
            if (e.getCorrection() != null) {
                corrections.add(e.getCorrection().getCorrectionId());
            }
        }
        if (linesByEvent.containsKey(key(entries.get(0))) || entries.stream().anyMatch(relevant)) {
            entries.forEach(this::add);
        }
    }

    /** Whether two consecutive entries of a partition belong to the same group (see {@link #addGroup}). */
    public static boolean sameGroup(EmissionEntry a, EmissionEntry b) {
        return key(a).equals(key(b)) && java.util.Objects.equals(
                a.getCorrection() == null ? null : a.getCorrection().getCorrectionId(),
                b.getCorrection() == null ? null : b.getCorrection().getCorrectionId());
    }

    /** One record of the ledger topic, in topic order. */
    public void add(EmissionEntry entry) {
        if (entry.getCorrection() != null) {
            corrections.add(entry.getCorrection().getCorrectionId());
        }
        Map<String, EmissionEntry> lines = linesByEvent.computeIfAbsent(key(entry), k -> new LinkedHashMap<>());
        if (entry.getCorrection() != null && entry.getCorrection().getKind() == CorrectionKind.REVERSAL) {
            lines.remove(entry.getCorrection().getCorrectsEntryId());
        } else {
            lines.put(entry.getEntryId(), entry);
        }
    }

    /** A correction on its way to the ledger; ignored if the ledger read already holds it. */
    public void addPending(LedgerCorrection correction) {
        if (!corrections.contains(correction.getCorrectionId())) {
            addGroup(correction.getEntries());
        }
    }

    /** Whether the correction is in the ledger or on its way. */
    public boolean holds(String correctionId) {
        return corrections.contains(correctionId);
    }

    /** The lines in force of each event, in ledger order. */
    public Collection<List<EmissionEntry>> events() {
        List<List<EmissionEntry>> events = new ArrayList<>(linesByEvent.size());
        for (Map<String, EmissionEntry> lines : linesByEvent.values()) {
            if (!lines.isEmpty()) {
                events.add(List.copyOf(lines.values()));
            }
        }
        return events;
    }

    /** Events are told apart by enterprise and eventId: eventIds are unique per enterprise. */
    private static String key(EmissionEntry e) {
        return e.getEnterpriseId() + '\u001F' + e.getEventId();
    }
}
