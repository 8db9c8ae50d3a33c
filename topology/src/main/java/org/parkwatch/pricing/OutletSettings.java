package org.parkwatch.pricing;

import java.util.Objects;
import java.util.OptionalDouble;
import org.parkwatch.avro.Outlet;

/** The discharge factors an enterprise registered for one outlet, used when its analysers have no valid value. */
public record OutletSettings(String outletId, OptionalDouble codDischargeFactorMgPerL,
        OptionalDouble ammoniaNitrogenDischargeFactorMgPerL) {

    public OutletSettings {
        Objects.requireNonNull(outletId, "outletId");
        Objects.requireNonNull(codDischargeFactorMgPerL, "codDischargeFactorMgPerL");
        Objects.requireNonNull(ammoniaNitrogenDischargeFactorMgPerL, "ammoniaNitrogenDischargeFactorMgPerL");
    }

    public static OutletSettings of(Outlet outlet) {
        return new OutletSettings(outlet.getOutletId(), optional(outlet.getCodDischargeFactorMgPerL()),
                optional(outlet.getAmmoniaNitrogenDischargeFactorMgPerL()));
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
