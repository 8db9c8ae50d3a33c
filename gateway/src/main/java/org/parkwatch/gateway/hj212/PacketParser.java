package org.parkwatch.gateway.hj212;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a data segment, {@code QN=...;ST=..;CN=....;PW=...;MN=...;Flag=.;[PNUM=.;PNO=.;]CP=&&...&&}. It tolerates
 * what the standard's own examples and real devices get wrong without changing the meaning: a comma instead of a
 * semicolon between header fields (Tables C.22, C.48), a missing semicolon before {@code CP} (Table C.19), spaces
 * inside the data area, 2005-style packets without QN or Flag, PNUM/PNO without the split bit.
 */
public final class PacketParser {

    private static final String CP_OPEN = "CP=&&";
    private static final String CP_CLOSE = "&&";

    private PacketParser() {
    }

    public static Packet parse(String segment) throws UnreadablePacketException {
        int open = segment.indexOf(CP_OPEN);
        if (open < 0) {
            throw new UnreadablePacketException("no data area (CP=&&...&&)");
        }
        int close = segment.lastIndexOf(CP_CLOSE);
        if (close < open + CP_OPEN.length()) {
            throw new UnreadablePacketException("data area not closed by &&");
        }
        if (!segment.substring(close + CP_CLOSE.length()).isBlank()) {
            throw new UnreadablePacketException("characters after the data area: '"
                    + segment.substring(close + CP_CLOSE.length()) + "'");
        }
        Map<String, String> header = pairs(segment.substring(0, open), "[;,]", "header");
        Map<String, String> area = pairs(segment.substring(open + CP_OPEN.length(), close), "[;,]", "data area");

        String st = required(header, "ST");
        String cn = required(header, "CN");
        String mn = required(header, "MN");
        if (!cn.chars().allMatch(Character::isDigit) || cn.isEmpty()) {
            throw new UnreadablePacketException("CN '" + cn + "' is not a number");
        }
        Optional<Integer> flag = number(header, "Flag");
        ProtocolVersion version = ProtocolVersion.HJT212_2005;
        if (flag.isPresent()) {
            if (flag.get() > 255) {
                throw new UnreadablePacketException("Flag " + flag.get() + " is not in 0-255");
            }
            try {
                version = ProtocolVersion.ofFlag(flag.get());
            } catch (IllegalArgumentException e) {
                throw new UnreadablePacketException(e.getMessage());
            }
        }
        Optional<Integer> pnum = number(header, "PNUM");
        Optional<Integer> pno = number(header, "PNO");
        boolean splitBit = flag.map(f -> (f & 2) != 0).orElse(false);
        if (splitBit && (pnum.isEmpty() || pno.isEmpty())) {
            throw new UnreadablePacketException("Flag " + flag.get() + " marks a split packet but PNUM or PNO is missing");
        }
        if (pnum.isPresent() != pno.isPresent()) {
            throw new UnreadablePacketException("PNUM and PNO go together; only one is present");
        }
        if (pnum.isPresent() && (pnum.get() < 1 || pno.get() < 1 || pno.get() > pnum.get())) {
            throw new UnreadablePacketException("PNO " + pno.get() + " of PNUM " + pnum.get() + " is out of range");
        }
        return new Packet(Optional.ofNullable(header.get("QN")), st, cn, header.getOrDefault("PW", ""), mn, flag,
                version, pnum, pno, "1".equals(header.get("RF")), area);
    }

    /**
     * The header fields of a segment whose data area cannot be read yet (it is encrypted): everything before
     * {@code CP=&&}, which HJ 212-2025 keeps in plaintext.
     */
    public static Map<String, String> header(String segment) throws UnreadablePacketException {
        int open = segment.indexOf(CP_OPEN);
        if (open < 0) {
            throw new UnreadablePacketException("no data area (CP=&&...&&)");
        }
        return pairs(segment.substring(0, open), "[;,]", "header");
    }

    private static Map<String, String> pairs(String text, String separators, String where)
            throws UnreadablePacketException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : text.split(separators)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new UnreadablePacketException(where + " item '" + trimmed + "' is not name=value");
            }
            pairs.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
        return pairs;
    }

    private static String required(Map<String, String> header, String name) throws UnreadablePacketException {
        String value = header.get(name);
        if (value == null) {
            throw new UnreadablePacketException("header field " + name + " is missing");
        }
        return value;
    }

    private static Optional<Integer> number(Map<String, String> header, String name)
            throws UnreadablePacketException {
        String value = header.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            throw new UnreadablePacketException(name + " '" + value + "' is not a number");
        }
        return Optional.of(Integer.parseInt(value));
    }
}
