package org.parkwatch.topology;

import java.util.List;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.ingest.Activity;

/** Prices a canonical activity into ledger entries, or says which factor it lacks or that its amount is absurd. */
@FunctionalInterface
interface ActivityPricer {

    Result price(Activity activity, Enterprise enterprise, String inputTopic);

    sealed interface Result {
    }

    record Priced(List<EmissionEntry> entries) implements Result {
    }

    record FactorMissing(String factorKey, String detail) implements Result {
    }

    /** The quantity prices to an amount no real activity reaches: refused as implausible, never an overflow. */
    record OutOfRange(String detail) implements Result {
    }
}
