package org.parkwatch.deploy.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.RejectReason;

/**
 * Which dead letters an operator asks to replay: refused for one of {@code reasons}, rejected (the letter's
 * {@code rejectedAt}) at or after {@code from} and before {@code to}, optionally read from one source topic only,
 * and at most {@code limit} of them in one run.
 *
 * @param topic only letters whose {@code sourceTopic} is this one; empty: every source topic
 * @param limit the most letters to replay in one run; empty: all that match
 */
public record ReplayRequest(Set<RejectReason> reasons, Instant from, Instant to, Optional<String> topic,
                            OptionalInt limit) {

    public ReplayRequest {
        reasons = Set.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("at least one reason is needed");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
        }
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("--limit must be at least 1: " + limit.getAsInt());
        }
    }

    /** Whether the request names this letter, whether or not it can be replayed. */
    public boolean matches(DeadLetter letter) {
        Instant rejectedAt = letter.getRejectedAt();
        return reasons.contains(letter.getReason()) && !rejectedAt.isBefore(from) && rejectedAt.isBefore(to)
                && topic.map(t -> t.equals(letter.getSourceTopic())).orElse(true);
    }

    /**
     * The instant a {@code --from} value names: an ISO-8601 instant ({@code 2026-03-01T00:00:00Z}) as written, a
     * date ({@code 2026-03-01}) as the start of that day in the accounting calendar's zone.
     */
    public static Instant startOf(String value, ZoneId zone) {
        return parse(value, zone, false);
    }

    /**
     * The (exclusive) instant a {@code --to} value names: an instant as written, a date as the end of that day (the
     * start of the next), so that {@code --to 2026-03-31} includes the whole of 31 March.
     */
    public static Instant endOf(String value, ZoneId zone) {
        return parse(value, zone, true);
    }

    private static Instant parse(String value, ZoneId zone, boolean endOfDay) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException("not an ISO-8601 instant (2026-03-01T00:00:00Z) or date "
                        + "(2026-03-01): " + value);
            }
        }
    }
}
