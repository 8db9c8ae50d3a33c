package org.parkwatch.pricing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Outlet;

/** What pricing needs to know about the enterprise an activity belongs to. */
public record PricingContext(GridRegion gridRegion, String sector, Map<String, OutletSettings> outlets) {

    public PricingContext {
        Objects.requireNonNull(gridRegion, "gridRegion");
        Objects.requireNonNull(sector, "sector");
        outlets = Map.copyOf(outlets);
    }

    /** The context of a registered enterprise. */
    public static PricingContext of(Enterprise enterprise) {
        Map<String, OutletSettings> outlets = new LinkedHashMap<>();
        for (Outlet outlet : enterprise.getOutlets()) {
            outlets.put(outlet.getOutletId(), OutletSettings.of(outlet));
        }
        return new PricingContext(enterprise.getGridRegion(), enterprise.getSector(), outlets);
    }

    /** The settings of {@code outletId}, if the enterprise registered that outlet. */
    public Optional<OutletSettings> outlet(String outletId) {
        return Optional.ofNullable(outlets.get(outletId));
    }
}
