package org.parkwatch.ingest;

import java.util.Objects;
import java.util.OptionalDouble;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;

/**
 * Purchased energy read from one meter: electricity in kWh, heat in GJ, steam in t (with its enthalpy) or GJ.
 *
 * @param sourceId the meter
 * @param steamEnthalpyKjPerKg specific enthalpy of the steam, present whenever the carrier is steam measured in t
 * @param source how the reading arrived (avro or hj212)
 */
public record MeterActivity(
        String eventId,
        String enterpriseId,
        String sourceId,
        EnergyCarrier carrier,
        double quantity,
        CanonicalUnit unit,
        Interval interval,
        DataFlag flag,
        OptionalDouble steamEnthalpyKjPerKg,
        String source) implements Activity {

    /**
     * Enthalpy of feedwater at 20 °C, kJ/kg, subtracted from the steam enthalpy to get the heat a tonne of steam
     * delivers: GJ = t x (En - 83.74) x 10^-3. [U] The formula is the one commonly used with the MEE/NDRC enterprise
     * GHG accounting guidelines; it was not read in the guideline text itself (domain reference section 2.2).
     */
    public static final double FEEDWATER_ENTHALPY_KJ_PER_KG = 83.74;

    public MeterActivity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(steamEnthalpyKjPerKg, "steamEnthalpyKjPerKg");
        Objects.requireNonNull(source, "source");
    }
}
