package org.parkwatch.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.ingest.Activity;
import org.parkwatch.pricing.FactorLookup;

/**
 * The ledger entries the pipeline writes for an activity (its own pricer and ledger writer), as a reader of the
 * ledger topic gets them back: through Avro binary, which keeps no map order and no Java identity.
 */
public final class LedgerWriting {

    private LedgerWriting() {
    }

    public static List<EmissionEntry> entries(FactorLookup factors, Activity activity, Enterprise enterprise,
            String inputTopic) {
        ActivityPricer.Result result = new LedgerPricer(factors).price(activity, enterprise, inputTopic);
        if (!(result instanceof ActivityPricer.Priced priced)) {
            throw new IllegalStateException("the activity was not priced: " + result);
        }
        return priced.entries().stream().map(LedgerWriting::throughAvro).toList();
    }

    private static EmissionEntry throughAvro(EmissionEntry entry) {
        try {
            return EmissionEntry.fromByteBuffer(entry.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
