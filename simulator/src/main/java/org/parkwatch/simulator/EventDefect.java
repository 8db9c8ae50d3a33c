package org.parkwatch.simulator;

/**
 * What is deliberately wrong with an event, so that dead-letter handling and de-duplication can be shown. A
 * defective event follows the valid event it was derived from.
 */
public enum EventDefect {
    /** A valid event. */
    NONE,
    /** A copy with the quantity (or wastewater volume) negated and {@code -bad-negative} appended to its id. */
    NEGATIVE_QUANTITY,
    /** A copy in a unit the pipeline does not accept ({@code MMBtu} for meters, {@code lb} for fuel), id suffix
     * {@code -bad-unit}. */
    UNKNOWN_UNIT,
    /** An identical resend, same eventId, which the pipeline must drop as a duplicate. */
    DUPLICATE_RESEND
}
