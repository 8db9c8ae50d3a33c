package org.parkwatch.simulator.hj212;

/**
 * What goes wrong with one hour's upload, as seen in the field (shared/reference/hj212-2025.md): each but the last
 * two leaves a dead letter at the gateway, after which the logger sends the hour again correctly.
 */
public enum LineFault {
    NONE,
    /** A byte changed on the line: the CRC does not match (HJ212_BAD_CRC, answered 9011 QnRtn 9). */
    BAD_CRC,
    /** The logger's password was re-entered wrong (HJ212_BAD_PASSWORD, answered 9011 QnRtn 3). */
    WRONG_PASSWORD,
    /** The connection dropped mid-packet and the logger starts again: a truncated frame (HJ212_BAD_LENGTH). */
    GARBLED_FRAME,
    /** The hour is never sent: the logger lost it. */
    MISSING_HOUR,
    /** The hour is sent hours later as a backfill ({@code RF=1}). */
    LATE_RESEND
}
