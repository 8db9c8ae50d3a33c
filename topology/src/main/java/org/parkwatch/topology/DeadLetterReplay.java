package org.parkwatch.topology;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;

/**
 * The mark an operator puts on a record re-produced from a dead letter: header {@value #HEADER}, value
 * {@code <reason> <sourceTopic>/<sourcePartition>@<sourceOffset>} of the dead letter it replays, e.g.
 * {@code FACTOR_MISSING park.fuel-consumption/0@17}.
 *
 * <p>A record refused for a cause that has since been fixed (a factor published, an enterprise registered) would
 * otherwise be refused again as late once its input has moved past the grace period; the mark says, explicitly,
 * that it was on time when it first came and may skip the lateness check. A replayed {@code LATE_EVENT} was late
 * the first time too, so it stays late. Everything else is judged as for any record, resends included.
 *
 * @param reason    why the record was first refused
 * @param topic     where the refused record was read
 * @param partition its partition
 * @param offset    its offset
 */
record DeadLetterReplay(RejectReason reason, String topic, int partition, long offset) {

    static final String HEADER = "parkwatch.replay-of";

    // Topic names cannot contain '/' or '@' (only letters, digits, '.', '_' and '-').
    private static final Pattern FORMAT = Pattern.compile("([A-Z0-9_]+) ([A-Za-z0-9._-]+)/(\\d+)@(\\d+)");

    /** The header value that replays {@code letter}. */
    static String header(DeadLetter letter) {
        return letter.getReason() + " " + letter.getSourceTopic() + "/" + letter.getSourcePartition() + "@"
                + letter.getSourceOffset();
    }

    /** The replay a header value names, or empty when it is not one (then the record is judged as any other). */
    static Optional<DeadLetterReplay> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(headerValue.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        RejectReason reason;
        try {
            reason = RejectReason.valueOf(m.group(1));
            return Optional.of(new DeadLetterReplay(reason, m.group(2), Integer.parseInt(m.group(3)),
                    Long.parseLong(m.group(4))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the lateness check is skipped: the record was refused for another cause than being late. */
    boolean skipsLateness() {
        return reason != RejectReason.LATE_EVENT;
    }
}
