package org.parkwatch.topology;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Key of a factor version on the compacted factor topic: {@code <factorKey>@<validFrom>}, validFrom as a fixed-width
 * UTC timestamp. One key per version means compaction keeps every version (a correction of a version replaces
 * only that version), and the fixed width makes byte order equal time order, so the version in force at an instant
 * is found with one reverse range scan.
 */
public final class FactorRecordKey {

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FactorRecordKey() {
    }

    public static String of(String factorKey, Instant validFrom) {
        return factorKey + "@" + FIXED.format(validFrom);
    }

    /** Lowest key of any version of the factor. */
    static String firstOf(String factorKey) {
        return factorKey + "@";
    }

    /** A key above every version of the factor and below any other factor's ('A' follows every digit). */
    static String lastOf(String factorKey) {
        return factorKey + "@A";
    }
}
