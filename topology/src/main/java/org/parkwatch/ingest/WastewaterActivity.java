package org.parkwatch.ingest;

import java.util.Objects;
import java.util.OptionalDouble;
import org.parkwatch.avro.DataFlag;

/**
 * Wastewater discharged at one outlet over an interval, with the analysers' concentrations and their HJ 212 flags.
 * A concentration is empty when the analyser sent no value.
 *
 * @param sourceId the outlet
 * @param source how the sample arrived (avro or hj212)
 */
public record WastewaterActivity(
        String eventId,
        String enterpriseId,
        String sourceId,
        double volumeM3,
        DataFlag volumeFlag,
        OptionalDouble codMgPerL,
        DataFlag codFlag,
        OptionalDouble ammoniaNitrogenMgPerL,
        DataFlag ammoniaNitrogenFlag,
        Interval interval,
        String source) implements Activity {

    public WastewaterActivity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(volumeFlag, "volumeFlag");
        Objects.requireNonNull(codMgPerL, "codMgPerL");
        Objects.requireNonNull(codFlag, "codFlag");
        Objects.requireNonNull(ammoniaNitrogenMgPerL, "ammoniaNitrogenMgPerL");
        Objects.requireNonNull(ammoniaNitrogenFlag, "ammoniaNitrogenFlag");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(source, "source");
    }

    /** The discharged volume. */
    @Override
    public double quantity() {
        return volumeM3;
    }

    @Override
    public CanonicalUnit unit() {
        return CanonicalUnit.M3;
    }
}
