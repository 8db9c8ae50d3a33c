package org.parkwatch.topology;

import java.util.List;

import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.pricing.FactorLookup;
import org.parkwatch.pricing.FactorMissingException;
import org.parkwatch.pricing.LedgerRebuildException;
import org.parkwatch.pricing.LedgeredActivity;
import org.parkwatch.restatement.Repricer;

/**
 * Prices an accounted event again from its ledger lines, with the pricing that accounted it: the activity is
 * rebuilt from the lines ({@link LedgeredActivity}) and written as ledger entries the way the pipeline writes them.
 */
public final class LedgerRepricer implements Repricer {

    @Override
    public List<EmissionEntry> reprice(List<EmissionEntry> lines, FactorLookup factors) {
        // lines restated earlier carry their correction and a suffixed id: as pricing wrote them, they had neither
        List<EmissionEntry> asPriced = lines.stream().map(LedgerRepricer::asFirstWritten).toList();
        try {
            LedgeredActivity activity = LedgeredActivity.of(asPriced);
            EmissionEntry first = asPriced.get(0);
            return LedgerEntries.of(activity.activity(), first.getParkId(), first.getInputTopic(),
                    activity.priceWith(factors));
        } catch (LedgerRebuildException e) {
            throw new NotRestatableException(e.getMessage());
        } catch (FactorMissingException e) {
            throw new NotRestatableException(e.getMessage());
        }
    }

    private static EmissionEntry asFirstWritten(EmissionEntry line) {
        if (line.getCorrection() == null) {
            return line;
        }
        return EmissionEntry.newBuilder(line).setCorrection(null)
                .setEntryId(line.getEventId() + ":" + line.getPollutant() + ":" + line.getScope()).build();
    }
}
