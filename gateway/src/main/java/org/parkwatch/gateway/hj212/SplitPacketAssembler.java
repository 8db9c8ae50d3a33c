package org.parkwatch.gateway.hj212;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the parts of split packets (PNUM/PNO, Tables C.49 and C.50) back together: each part has its own QN, and
 * the whole is the first part's header with the data areas of parts 1 to PNUM in order. A device sends one set of a
 * command at a time, so a set is known by MN, ST, CN and PNUM; a part numbered like one already held starts the set
 * again (the device resent it). One assembler per connection; at most {@link #MAX_OPEN_SETS} sets wait at once, the
 * oldest dropped first.
 */
public final class SplitPacketAssembler {

    static final int MAX_OPEN_SETS = 16;

    private record SetKey(String mn, String st, String cn, int pnum) {
    }

    private final Map<SetKey, Packet[]> open = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SetKey, Packet[]> eldest) {
            return size() > MAX_OPEN_SETS;
        }
    };

    /**
     * Takes one part; returns the whole packet once every part is in.
     *
     * @throws IllegalArgumentException when {@code part} is not one of a split set
     */
    public Optional<Packet> add(Packet part) {
        if (part.pnum().isEmpty() || part.pno().isEmpty()) {
            throw new IllegalArgumentException("not a part of a split set: no PNUM/PNO");
        }
        int pnum = part.pnum().get();
        int pno = part.pno().get();
        SetKey key = new SetKey(part.mn(), part.st(), part.cn(), pnum);
        Packet[] parts = open.computeIfAbsent(key, k -> new Packet[pnum]);
        if (parts[pno - 1] != null) {
            parts = new Packet[pnum];
            open.put(key, parts);
        }
        parts[pno - 1] = part;
        for (Packet p : parts) {
            if (p == null) {
                return Optional.empty();
            }
        }
        open.remove(key);
        Map<String, String> area = new LinkedHashMap<>();
        for (Packet p : parts) {
            area.putAll(p.dataArea());
        }
        return Optional.of(parts[0].withDataArea(area));
    }

    /** Sets still waiting for parts. */
    public int openSets() {
        return open.size();
    }
}
