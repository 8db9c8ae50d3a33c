package org.parkwatch.gateway.hj212;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HJ 212 packet's data segment, read: the header fields (Table 3) and the data area {@code CP=&&...&&} as
 * ordered name/value pairs ({@code w01018-Avg} → {@code 40.1}).
 *
 * @param qn      request number, absent in 2005-style packets
 * @param flag    the Flag field, absent in 2005-style packets
 * @param pnum    total packets of a split set, absent when not split
 * @param pno     this packet's number in its set, from 1
 * @param backfill whether the header carries {@code RF=1} (HJ 212-2025 backfilled data)
 * @param dataArea the data area's fields in order; a name repeated keeps its last value
 */
public record Packet(Optional<String> qn, String st, String cn, String pw, String mn, Optional<Integer> flag,
                     ProtocolVersion version, Optional<Integer> pnum, Optional<Integer> pno, boolean backfill,
                     Map<String, String> dataArea) {

    public Packet {
        dataArea = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataArea));
    }

    /** Flag bit A: the sender waits for an answer. */
    public boolean answerRequested() {
        return flag.map(f -> (f & 1) != 0).orElse(false);
    }

    /** Flag bit D, or PNUM/PNO present without a Flag (seen in the field): one packet of a split set. */
    public boolean split() {
        return flag.map(f -> (f & 2) != 0).orElse(false) || pnum.isPresent();
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(dataArea.get(name));
    }

    /** The whole of a split set: this header, not split any more, with the data area of all its parts. */
    public Packet withDataArea(Map<String, String> area) {
        return new Packet(qn, st, cn, pw, mn, flag.map(f -> f & ~2), version, Optional.empty(), Optional.empty(),
                backfill, area);
    }
}
