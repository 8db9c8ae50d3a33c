package org.parkwatch.topology;

import org.parkwatch.avro.Enterprise;
import org.parkwatch.ingest.Activity;
import org.parkwatch.pricing.AmountOutOfRangeException;
import org.parkwatch.pricing.EmissionCalculator;
import org.parkwatch.pricing.FactorLookup;
import org.parkwatch.pricing.FactorMissingException;
import org.parkwatch.pricing.PricingContext;

/** Where an activity is priced against its factors and written as ledger entries. */
final class LedgerPricer implements ActivityPricer {

    private final EmissionCalculator calculator;

    LedgerPricer(FactorLookup factors) {
        this.calculator = new EmissionCalculator(factors);
    }

    @Override
    public Result price(Activity activity, Enterprise enterprise, String inputTopic) {
        try {
            var priced = calculator.price(activity, PricingContext.of(enterprise));
            return new Priced(LedgerEntries.of(activity, enterprise, inputTopic, priced));
        } catch (FactorMissingException e) {
            return new FactorMissing(e.factorKey(), e.getMessage());
        } catch (AmountOutOfRangeException e) {
            return new OutOfRange("a quantity of " + activity.quantity() + " " + activity.unit() + " from "
                    + activity.sourceId() + ": " + e.getMessage());
        }
    }
}
