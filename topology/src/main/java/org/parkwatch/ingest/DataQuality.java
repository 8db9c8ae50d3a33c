package org.parkwatch.ingest;

import org.parkwatch.avro.DataFlag;

/** Reading of the HJ 212-2017 Table 8 data flags: which values count as measurements. */
public final class DataQuality {

    private DataQuality() {
    }

    /**
     * Whether a value with this flag is a usable measurement: N (normal), S (manually entered set value) and
     * T (over the measuring range: a real, if clipped, reading). F, M, D, C and B mean the instrument was stopped,
     * in maintenance, faulty, calibrating or cut off, so the value is not a measurement of the discharge.
     */
    public static boolean isUsable(DataFlag flag) {
        return switch (flag) {
            case N, S, T -> true;
            case F, M, D, C, B -> false;
        };
    }

    /** The meaning of a flag in a few words, for ledger notes. */
    public static String describe(DataFlag flag) {
        return switch (flag) {
            case N -> "normal";
            case F -> "stopped";
            case M -> "maintenance";
            case S -> "manual entry";
            case D -> "fault";
            case C -> "calibration";
            case T -> "over range";
            case B -> "communication loss";
        };
    }
}
