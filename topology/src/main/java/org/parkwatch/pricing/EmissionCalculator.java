package org.parkwatch.pricing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.ingest.Activity;
import org.parkwatch.ingest.FlueGasActivity;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.MeterActivity;
import org.parkwatch.ingest.WastewaterActivity;

/**
 * Prices a canonical activity into ledger lines, one per pollutant and scope, with the factor versions valid at the
 * activity's event time (the end of its interval). Throws {@link FactorMissingException} when a factor it needs
 * has no version at that time.
 * <ul>
 *   <li>meter, electricity: CO2 SCOPE2_LOCATION, CO2 SCOPE2_MARKET, ENERGY;</li>
 *   <li>meter, heat or steam: CO2 SCOPE2_LOCATION, CO2 SCOPE2_MARKET, ENERGY;</li>
 *   <li>fuel: CO2 SCOPE1, SO2, ENERGY;</li>
 *   <li>wastewater: COD, NH3_N;</li>
 *   <li>flue gas measured by a stack's CEMS: SO2, NOX, PARTICULATE, each only where measured.</li>
 * </ul>
 */
public final class EmissionCalculator {

    private final PurchasedEnergyPricing purchasedEnergy;
    private final FuelPricing fuel;
    private final WastewaterPricing wastewater;
    private final CemsPricing cems = new CemsPricing();

    public EmissionCalculator(FactorLookup factors) {
        Objects.requireNonNull(factors, "factors");
        this.purchasedEnergy = new PurchasedEnergyPricing(factors);
        this.fuel = new FuelPricing(factors);
        this.wastewater = new WastewaterPricing(factors);
    }

    /** Prices any activity of the enterprise described by {@code context}. */
    public List<PricedEmission> price(Activity activity, PricingContext context) {
        // Java 17 has no pattern switch; Activity is sealed, so these four cases are all there is.
        if (activity instanceof MeterActivity meter) {
            return priceMeter(meter, context.gridRegion());
        }
        if (activity instanceof FuelActivity fuelActivity) {
            return priceFuel(fuelActivity);
        }
        if (activity instanceof FlueGasActivity flueGas) {
            return cems.price(flueGas);
        }
        WastewaterActivity sample = (WastewaterActivity) activity;
        return priceWastewater(sample, context.sector(), context.outlet(sample.sourceId()));
    }

    /** Prices purchased electricity, heat or steam of an enterprise on {@code region}'s grid. */
    public List<PricedEmission> priceMeter(MeterActivity activity, GridRegion region) {
        return purchasedEnergy.price(activity, region);
    }

    public List<PricedEmission> priceFuel(FuelActivity activity) {
        return fuel.price(activity);
    }

    /** Prices a wastewater sample of an enterprise of {@code sector}, with its outlet's settings if registered. */
    public List<PricedEmission> priceWastewater(WastewaterActivity activity, String sector,
            Optional<OutletSettings> outlet) {
        return wastewater.price(activity, sector, outlet);
    }
}
