package org.parkwatch.gateway.hj212;

/**
 * The revision of HJ 212 a packet declares in the version bits of its Flag (bits 2 to 7): 0 for HJ/T 212-2005
 * (whose packets often have no Flag at all), 1 for HJ 212-2017 (Flag 4 to 7), 2 for HJ 212-2025 (Flag 8 to 11).
 */
public enum ProtocolVersion {
    HJT212_2005(0), HJ212_2017(1), HJ212_2025(2);

    private final int bits;

    ProtocolVersion(int bits) {
        this.bits = bits;
    }

    /** The Flag of an answer in this version: the version bits, no answer asked, not split. */
    public int answerFlag() {
        return bits << 2;
    }

    static ProtocolVersion ofFlag(int flag) {
        int bits = flag >>> 2;
        for (ProtocolVersion version : values()) {
            if (version.bits == bits) {
                return version;
            }
        }
        throw new IllegalArgumentException("Flag " + flag + " declares version bits " + Integer.toBinaryString(bits)
                + ", neither 2005 (0), 2017 (1) nor 2025 (10)");
    }
}
