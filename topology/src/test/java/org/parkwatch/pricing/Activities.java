package org.parkwatch.pricing;

import java.time.Instant;
import java.util.OptionalDouble;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelType;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.Interval;
import org.parkwatch.ingest.MeterActivity;
import org.parkwatch.ingest.WastewaterActivity;

/** Canonical activities in the hour ending 2024-03-01T08:00+08:00, when the 2023 factors apply. */
final class Activities {

    static final Instant END = Instant.parse("2024-03-01T00:00:00Z");
    static final Interval HOUR = new Interval(END.minusSeconds(3600), END);

    private Activities() {
    }

    static MeterActivity meter(EnergyCarrier carrier, double quantity, CanonicalUnit unit, OptionalDouble enthalpy) {
        return meterEndingAt(carrier, quantity, unit, enthalpy, END);
    }

    static MeterActivity meterEndingAt(EnergyCarrier carrier, double quantity, CanonicalUnit unit,
            OptionalDouble enthalpy, Instant end) {
        return new MeterActivity("m-1", "E1", "meter-1", carrier, quantity, unit,
                new Interval(end.minusSeconds(3600), end), DataFlag.N, enthalpy, "avro");
    }

    static FuelActivity fuel(FuelType fuel, double quantity, CanonicalUnit unit) {
        return fuel(fuel, quantity, unit, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    static FuelActivity fuel(FuelType fuel, double quantity, CanonicalUnit unit, OptionalDouble sulfurPercent,
            OptionalDouble desulfurizationPercent, OptionalDouble ncv, OptionalDouble carbonContent) {
        return new FuelActivity("f-1", "E1", "boiler-1", fuel, quantity, unit, HOUR, DataFlag.N, sulfurPercent,
                desulfurizationPercent, ncv, carbonContent);
    }

    static WastewaterActivity wastewater(double volumeM3, OptionalDouble cod, DataFlag codFlag, OptionalDouble nh3n,
            DataFlag nh3nFlag) {
        return new WastewaterActivity("w-1", "E1", "DW001", volumeM3, DataFlag.N, cod, codFlag, nh3n, nh3nFlag, HOUR,
                "avro");
    }
}
