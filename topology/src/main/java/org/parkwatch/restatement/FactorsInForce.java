package org.parkwatch.restatement;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.pricing.FactorHistory;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.reference.ReferenceDataChecks;

/**
 * The factor versions in force, folded from the factor topic's records in order as the pipeline folds them: a
 * version that passes {@link ReferenceDataChecks} is in force, a tombstone retires its key, any other record is
 * refused and the version before it stays.
 */
public final class FactorsInForce {

    private final Map<String, EmissionFactor> byRecordKey = new HashMap<>();

    /** One record of the factor topic: its key (factorKey@validFrom) and value, null for a tombstone. */
    public void accept(String recordKey, EmissionFactor factor) {
        if (factor == null) {
            byRecordKey.remove(recordKey);
            return;
        }
        String expected = org.parkwatch.topology.FactorRecordKey.of(factor.getFactorKey(), factor.getValidFrom());
        Optional<String> unitOfOthers = byRecordKey.entrySet().stream()
                .filter(e -> !e.getKey().equals(recordKey))
                .filter(e -> e.getValue().getFactorKey().equals(factor.getFactorKey()))
                .map(e -> e.getValue().getUnit()).findFirst();
        if (ReferenceDataChecks.factor(recordKey, expected, factor, unitOfOthers).isEmpty()) {
            byRecordKey.put(recordKey, factor);
        }
    }

    public FactorHistory history() {
        return FactorHistory.of(byRecordKey.values().stream().map(FactorsInForce::version).toList());
    }

    static FactorVersion version(EmissionFactor f) {
        return new FactorVersion(f.getFactorKey(), f.getValidFrom(), f.getValue(), f.getUnit(), f.getParameters(),
                f.getSource());
    }
}
