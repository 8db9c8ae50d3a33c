package org.parkwatch.restatement;

import java.util.List;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.pricing.FactorLookup;

/** Prices an accounted event again, from its ledger lines alone, with the factor versions {@code factors} gives. */
@FunctionalInterface
public interface Repricer {

    /**
     * The event's lines as pricing with {@code factors} writes them (entry ids as first written).
     *
     * @throws NotRestatableException when the lines do not tell the activity unambiguously
     */
    List<EmissionEntry> reprice(List<EmissionEntry> lines, FactorLookup factors);

    /** An event whose lines cannot be priced again; it is left as it stands and counted. */
    final class NotRestatableException extends RuntimeException {
        public NotRestatableException(String message) {
            super(message);
        }
    }
}
