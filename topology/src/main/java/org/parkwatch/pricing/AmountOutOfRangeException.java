package org.parkwatch.pricing;

/**
 * A priced amount too large to be a real activity of one record (see {@link Exact#MAX_ENTRY_MG}): the quantity is
 * absurd, and the record must be refused rather than overflow the ledger's integer milligrams or a window's sum.
 */
public final class AmountOutOfRangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AmountOutOfRangeException(String message) {
        super(message);
    }
}
