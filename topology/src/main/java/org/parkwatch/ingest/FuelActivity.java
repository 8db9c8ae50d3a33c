package org.parkwatch.ingest;

import java.util.Objects;
import java.util.OptionalDouble;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.FuelType;

/**
 * Fuel burnt by one combustion unit, in t (solids, liquids, LPG, refinery dry gas) or Nm3 (natural gas, coke-oven
 * gas). Measured fuel properties are per canonical unit: a gas NCV reported per 10^4 Nm3 has been divided by 10^4.
 *
 * @param sourceId the boiler or furnace
 * @param sulfurPercent measured sulfur content, mass % as received
 * @param desulfurizationPercent desulfurisation efficiency of the unit, %
 * @param ncvGjPerUnit measured net calorific value, GJ per t or per Nm3
 * @param carbonContentTcPerGj measured carbon content per unit heat, tC/GJ
 */
public record FuelActivity(
        String eventId,
        String enterpriseId,
        String sourceId,
        FuelType fuel,
        double quantity,
        CanonicalUnit unit,
        Interval interval,
        DataFlag flag,
        OptionalDouble sulfurPercent,
        OptionalDouble desulfurizationPercent,
        OptionalDouble ncvGjPerUnit,
        OptionalDouble carbonContentTcPerGj) implements Activity {

    public FuelActivity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(fuel, "fuel");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(sulfurPercent, "sulfurPercent");
        Objects.requireNonNull(desulfurizationPercent, "desulfurizationPercent");
        Objects.requireNonNull(ncvGjPerUnit, "ncvGjPerUnit");
        Objects.requireNonNull(carbonContentTcPerGj, "carbonContentTcPerGj");
    }
}
