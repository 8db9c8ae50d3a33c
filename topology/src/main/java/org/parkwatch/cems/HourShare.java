package org.parkwatch.cems;

import java.time.Instant;

/** The part of an amount that falls in one clock hour, in integer milligrams. */
public record HourShare(Instant hourStart, long mg) {
}
