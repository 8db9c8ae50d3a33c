package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.Activity;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.MeterActivity;
import org.parkwatch.ingest.WastewaterActivity;
import org.parkwatch.topology.LedgerWriting;

/**
 * Each activity is priced and written by the pipeline's own pricer and ledger writer, read back through Avro, rebuilt
 * from those entries alone and priced again: the lines must come back exactly, and a new factor version must give
 * what the original input gives with it.
 */
class LedgeredActivityTest {

    private static final FactorHistory FACTORS = TestFactors.history();
    private static final Enterprise CHEMICALS_EAST = enterprise("chemicals", GridRegion.EAST);

    // ---- meters ----

    @Test
    void shouldRebuildElectricityWithTheRegionItsGridFactorNames() throws LedgerRebuildException {
        LedgeredActivity rebuilt = roundTrip(meter(EnergyCarrier.ELECTRICITY, 1000, CanonicalUnit.KWH), CHEMICALS_EAST);

        assertThat(((MeterActivity) rebuilt.activity()).carrier()).isEqualTo(EnergyCarrier.ELECTRICITY);
        assertThat(rebuilt.context().gridRegion()).isEqualTo(GridRegion.EAST);
        assertThat(rebuilt.factors()).containsExactlyInAnyOrder(TestFactors.GRID_EAST_2023, TestFactors.RESIDUAL_2023,
                TestFactors.TCE_ELECTRICITY);
    }

    @Test
    void shouldRebuildGreenElectricityFromItsMarketLineWithoutFactor() throws LedgerRebuildException {
        LedgeredActivity rebuilt =
                roundTrip(meter(EnergyCarrier.GREEN_ELECTRICITY, 1000, CanonicalUnit.KWH), CHEMICALS_EAST);

        assertThat(((MeterActivity) rebuilt.activity()).carrier()).isEqualTo(EnergyCarrier.GREEN_ELECTRICITY);
        assertThat(rebuilt.factors()).doesNotContain(TestFactors.RESIDUAL_2023);
    }

    @Test
    void shouldRebuildHeatInGj() throws LedgerRebuildException {
        LedgeredActivity rebuilt = roundTrip(meter(EnergyCarrier.HEAT, 50, CanonicalUnit.GJ), CHEMICALS_EAST);

        assertThat(rebuilt.activity().quantity()).isEqualTo(50.0);
        assertThat(rebuilt.activity().unit()).isEqualTo(CanonicalUnit.GJ);
    }

    @Test
    void shouldRebuildSteamInGjAsHeatWhichPricesAlike() throws LedgerRebuildException {
        LedgeredActivity rebuilt = roundTrip(meter(EnergyCarrier.STEAM, 50, CanonicalUnit.GJ), CHEMICALS_EAST);

        // the ledger does not say heat or steam when metered in GJ; the pricer does not either
        assertThat(((MeterActivity) rebuilt.activity()).carrier()).isEqualTo(EnergyCarrier.HEAT);
    }

    @Test
    void shouldRebuildSteamInTonnesWithItsEnthalpy() throws LedgerRebuildException {
        MeterActivity steam = Activities.meter(EnergyCarrier.STEAM, 12.5, CanonicalUnit.TONNE,
                OptionalDouble.of(2_803.1));

        LedgeredActivity rebuilt = roundTrip(steam, CHEMICALS_EAST);

        MeterActivity meter = (MeterActivity) rebuilt.activity();
        assertThat(meter.carrier()).isEqualTo(EnergyCarrier.STEAM);
        assertThat(meter.steamEnthalpyKjPerKg()).hasValue(2_803.1);
        assertThat(meter.interval()).isEqualTo(steam.interval());
        assertThat(meter.eventId()).isEqualTo("m-1");
        assertThat(meter.sourceId()).isEqualTo("meter-1");
    }

    // ---- fuels ----

    @Test
    void shouldRebuildCoalPricedWithDefaultsOnly() throws LedgerRebuildException {
        LedgeredActivity rebuilt = roundTrip(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE),
                CHEMICALS_EAST);

        FuelActivity fuel = (FuelActivity) rebuilt.activity();
        assertThat(fuel.fuel()).isEqualTo(FuelType.RAW_COAL);
        assertThat(fuel.ncvGjPerUnit()).isEmpty();
        assertThat(fuel.carbonContentTcPerGj()).isEmpty();
        assertThat(fuel.sulfurPercent()).isEmpty();
        assertThat(fuel.desulfurizationPercent()).isEmpty();
    }

    @Test
    void shouldRebuildCoalWithEveryPropertyMeasured() throws LedgerRebuildException {
        FuelActivity measured = Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE, OptionalDouble.of(0.8),
                OptionalDouble.of(90.0), OptionalDouble.of(22.0), OptionalDouble.of(0.026));

        LedgeredActivity rebuilt = roundTrip(measured, CHEMICALS_EAST);

        FuelActivity fuel = (FuelActivity) rebuilt.activity();
        assertThat(fuel.sulfurPercent()).hasValue(0.8);
        assertThat(fuel.desulfurizationPercent()).hasValue(90.0);
        assertThat(fuel.ncvGjPerUnit()).hasValue(22.0);
        assertThat(fuel.carbonContentTcPerGj()).hasValue(0.026);
    }

    @Test
    void shouldRebuildAMeasuredNcvWithADefaultCarbonContentAndAMeasuredZeroDesulfurisation()
            throws LedgerRebuildException {
        FuelActivity mixed = Activities.fuel(FuelType.RAW_COAL, 3.25, CanonicalUnit.TONNE, OptionalDouble.empty(),
                OptionalDouble.of(0.0), OptionalDouble.of(20.908), OptionalDouble.empty());

        FuelActivity fuel = (FuelActivity) roundTrip(mixed, CHEMICALS_EAST).activity();

        // 20.908 is also the default NCV, and 0 % the default eta: only the formula text tells them apart
        assertThat(fuel.ncvGjPerUnit()).hasValue(20.908);
        assertThat(fuel.carbonContentTcPerGj()).isEmpty();
        assertThat(fuel.desulfurizationPercent()).hasValue(0.0);
    }

    @Test
    void shouldRebuildNaturalGasInNm3() throws LedgerRebuildException {
        FuelActivity gas = (FuelActivity) roundTrip(
                Activities.fuel(FuelType.NATURAL_GAS, 15_000, CanonicalUnit.NM3), CHEMICALS_EAST).activity();

        assertThat(gas.fuel()).isEqualTo(FuelType.NATURAL_GAS);
        assertThat(gas.unit()).isEqualTo(CanonicalUnit.NM3);
        assertThat(gas.sulfurPercent()).isEmpty();
    }

    @Test
    void shouldRebuildAGasWhoseReportedSulfurWasNotUsedAsPresentButUnknown() throws LedgerRebuildException {
        FuelActivity reported = Activities.fuel(FuelType.NATURAL_GAS, 15_000, CanonicalUnit.NM3,
                OptionalDouble.of(0.002), OptionalDouble.of(50.0), OptionalDouble.empty(), OptionalDouble.empty());

        FuelActivity gas = (FuelActivity) roundTrip(reported, CHEMICALS_EAST).activity();

        assertThat(gas.sulfurPercent().getAsDouble()).isNaN();
        assertThat(gas.desulfurizationPercent()).hasValue(50.0);
    }

    // ---- wastewater ----

    @Test
    void shouldRebuildMeasuredConcentrations() throws LedgerRebuildException {
        WastewaterActivity sample = (WastewaterActivity) roundTrip(Activities.wastewater(100,
                OptionalDouble.of(80.0), DataFlag.N, OptionalDouble.of(5.0), DataFlag.N), CHEMICALS_EAST).activity();

        assertThat(sample.volumeM3()).isEqualTo(100.0);
        assertThat(sample.codMgPerL()).hasValue(80.0);
        assertThat(sample.ammoniaNitrogenMgPerL()).hasValue(5.0);
    }

    @Test
    void shouldRebuildAConcentrationFlaggedOverRange() throws LedgerRebuildException {
        WastewaterActivity sample = (WastewaterActivity) roundTrip(Activities.wastewater(100,
                OptionalDouble.of(600.0), DataFlag.T, OptionalDouble.of(5.0), DataFlag.N), CHEMICALS_EAST).activity();

        assertThat(sample.codFlag()).isEqualTo(DataFlag.T);
        assertThat(sample.codMgPerL()).hasValue(600.0);
        assertThat(sample.ammoniaNitrogenFlag()).isEqualTo(DataFlag.N);
    }

    @Test
    void shouldRebuildAbsentConcentrationsEstimatedWithTheSectorsAndTheDefaultSectorsFactors()
            throws LedgerRebuildException {
        LedgeredActivity rebuilt = roundTrip(Activities.wastewater(100, OptionalDouble.empty(), DataFlag.N,
                OptionalDouble.empty(), DataFlag.N), CHEMICALS_EAST);

        // COD used discharge.cod.chemicals; chemicals has no NH3-N factor, so NH3-N fell back to the default's
        assertThat(rebuilt.context().sector()).isEqualTo("chemicals");
        assertThat(rebuilt.context().outlets()).isEmpty();
        WastewaterActivity sample = (WastewaterActivity) rebuilt.activity();
        assertThat(sample.codMgPerL()).isEmpty();
        assertThat(sample.ammoniaNitrogenMgPerL()).isEmpty();
    }

    @Test
    void shouldRebuildAnUnusableFlagEstimatedWithTheOutletsFactor() throws LedgerRebuildException {
        Enterprise withOutlet = enterprise("chemicals", GridRegion.EAST, outlet("DW001", 300.0, null));

        LedgeredActivity rebuilt = roundTrip(Activities.wastewater(100, OptionalDouble.of(999.0), DataFlag.D,
                OptionalDouble.of(3.0), DataFlag.M), withOutlet);

        WastewaterActivity sample = (WastewaterActivity) rebuilt.activity();
        assertThat(sample.codFlag()).isEqualTo(DataFlag.D);
        assertThat(sample.ammoniaNitrogenFlag()).isEqualTo(DataFlag.M);
        assertThat(rebuilt.context().outlet("DW001")).hasValue(
                new OutletSettings("DW001", OptionalDouble.of(300.0), OptionalDouble.empty()));
    }

    @Test
    void shouldRebuildUnusableFlagsEstimatedWithTheDefaultSectorsFactors() throws LedgerRebuildException {
        LedgeredActivity rebuilt = roundTrip(Activities.wastewater(100, OptionalDouble.of(70.0), DataFlag.F,
                OptionalDouble.empty(), DataFlag.B), enterprise("textiles", GridRegion.NORTH));

        assertThat(rebuilt.context().sector()).isEqualTo(FactorKeys.DEFAULT_SECTOR);
        assertThat(((WastewaterActivity) rebuilt.activity()).codFlag()).isEqualTo(DataFlag.F);
    }

    @Test
    void shouldRebuildEveryCombinationOfFuelPropertiesMeasuredOrDefault() {
        List<Activity> fuels = new ArrayList<>();
        for (int measured = 0; measured < 16; measured++) {
            fuels.add(Activities.fuel(FuelType.RAW_COAL, 7.5, CanonicalUnit.TONNE, when(measured, 1, 0.6),
                    when(measured, 2, 85.0), when(measured, 4, 21.5), when(measured, 8, 0.0265)));
            fuels.add(Activities.fuel(FuelType.NATURAL_GAS, 12_000, CanonicalUnit.NM3, when(measured, 1, 0.001),
                    when(measured, 2, 60.0), when(measured, 4, 0.0385), when(measured, 8, 0.0151)));
        }
        roundTripAll(fuels, CHEMICALS_EAST);
    }

    @Test
    void shouldRebuildEveryFlagWithOrWithoutAValueAndWithOrWithoutOutletFactors() {
        List<Activity> samples = new ArrayList<>();
        DataFlag[] flags = DataFlag.values();
        for (int i = 0; i < flags.length; i++) {
            for (boolean present : new boolean[] {false, true}) {
                DataFlag nh3nFlag = flags[(i + (present ? 3 : 5)) % flags.length];
                samples.add(Activities.wastewater(250, present ? OptionalDouble.of(120.0) : OptionalDouble.empty(),
                        flags[i], present ? OptionalDouble.empty() : OptionalDouble.of(8.5), nh3nFlag));
            }
        }
        roundTripAll(samples, CHEMICALS_EAST);
        roundTripAll(samples, enterprise("chemicals", GridRegion.EAST, outlet("DW001", 300.0, 20.0)));
        roundTripAll(samples, enterprise("textiles", GridRegion.EAST, outlet("DW001", null, 20.0)));
    }

    // ---- restatement: a new version of one factor ----

    @Test
    void shouldPriceElectricityWithARestatedGridFactor() throws LedgerRebuildException {
        MeterActivity electricity = meter(EnergyCarrier.ELECTRICITY, 1000, CanonicalUnit.KWH);
        LedgeredActivity rebuilt = LedgeredActivity.of(written(electricity, CHEMICALS_EAST));
        FactorVersion restated = TestFactors.version("grid.location.EAST", TestFactors.Y2023, 0.5366, "tCO2/MWh",
                Map.of());

        List<PricedEmission> lines = rebuilt.priceWith(rebuilt.namedFactorsWith(restated));

        // 1 000 kWh = 1 MWh x 0.5366 tCO2/MWh = 0.5366 t = 536 600 000 mg (it was 1 MWh x 0.5500 = 550 000 000 mg)
        PricedEmission location = line(lines, Pollutant.CO2, EmissionScope.SCOPE2_LOCATION);
        assertThat(location.amountMg()).isEqualTo(536_600_000L);
        assertThat(location.inputs()).containsExactly(entry("electricityKwh", 1000.0),
                entry("gridFactorTco2PerMwh", 0.5366));
        assertThat(location.factorsUsed()).containsExactly(restated);
        // the market line (1 MWh x 0.6096 residual) and the energy (1 000 kWh x 0.1229 kgce) are untouched
        assertThat(line(lines, Pollutant.CO2, EmissionScope.SCOPE2_MARKET).amountMg()).isEqualTo(609_600_000L);
        assertThat(line(lines, Pollutant.ENERGY, EmissionScope.NONE).amountMg()).isEqualTo(122_900_000L);
        // and it is what the original input gives when priced afresh with the new version
        assertThat(lines).isEqualTo(new EmissionCalculator(FactorHistory.of(List.of(restated,
                TestFactors.RESIDUAL_2023, TestFactors.TCE_ELECTRICITY))).price(electricity,
                PricingContext.of(CHEMICALS_EAST)));
    }

    @Test
    void shouldPriceCoalWithRestatedDefaultNcvAndSulfur() throws LedgerRebuildException {
        FuelActivity coal = Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE);
        LedgeredActivity rebuilt = LedgeredActivity.of(written(coal, CHEMICALS_EAST));
        FactorVersion restated = restatedRawCoal();

        List<PricedEmission> lines = rebuilt.priceWith(rebuilt.namedFactorsWith(restated));

        // 10 t x 20.0 GJ/t x 0.02637 tC/GJ x 0.94 x 44/12 = 200 GJ x 0.02637 = 5.274 tC x 0.94 = 4.95756 tC
        //   x 44/12 = 18.17772 t = 18 177 720 000 mg (it was 19 002 988 488 mg at NCV 20.908)
        assertThat(line(lines, Pollutant.CO2, EmissionScope.SCOPE1).amountMg()).isEqualTo(18_177_720_000L);
        assertThat(line(lines, Pollutant.CO2, EmissionScope.SCOPE1).inputs()).containsEntry("ncvGjPerT", 20.0);
        // 2 x 10 t x 0.5 % x 0.8 x (1 - 0) = 0.08 t = 80 000 000 mg (it was 160 000 000 mg at 1.0 %)
        assertThat(line(lines, Pollutant.SO2, EmissionScope.NONE).amountMg()).isEqualTo(80_000_000L);
        // 10 t x 714.3 kgce/t = 7 143 kgce = 7 143 000 000 mg, unchanged
        assertThat(line(lines, Pollutant.ENERGY, EmissionScope.NONE).amountMg()).isEqualTo(7_143_000_000L);
        assertThat(lines).isEqualTo(new EmissionCalculator(FactorHistory.of(List.of(restated))).price(coal,
                PricingContext.of(CHEMICALS_EAST)));
    }

    @Test
    void shouldKeepMeasuredPropertiesWhenTheDefaultsAreRestated() throws LedgerRebuildException {
        FuelActivity measured = Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE, OptionalDouble.of(0.8),
                OptionalDouble.empty(), OptionalDouble.of(22.0), OptionalDouble.of(0.026));
        LedgeredActivity rebuilt = LedgeredActivity.of(written(measured, CHEMICALS_EAST));

        List<PricedEmission> lines = rebuilt.priceWith(rebuilt.namedFactorsWith(restatedRawCoal()));

        // 10 t x 22 GJ/t x 0.026 tC/GJ x 0.94 x 44/12 = 19 714 933 333 mg, as before: NCV and CC were measured
        assertThat(line(lines, Pollutant.CO2, EmissionScope.SCOPE1).amountMg()).isEqualTo(19_714_933_333L);
        // 2 x 10 t x 0.8 % (measured) x 0.8 = 0.128 t = 128 000 000 mg, as before
        assertThat(line(lines, Pollutant.SO2, EmissionScope.NONE).amountMg()).isEqualTo(128_000_000L);
    }

    // ---- refusals ----

    @Test
    void shouldRefuseNoEntries() {
        assertThatThrownBy(() -> LedgeredActivity.of(List.of()))
                .isInstanceOf(LedgerRebuildException.class).hasMessageContaining("no entries");
    }

    @Test
    void shouldRefuseAnEventWithALineMissing() {
        List<EmissionEntry> entries = new ArrayList<>(written(meter(EnergyCarrier.ELECTRICITY, 1000,
                CanonicalUnit.KWH), CHEMICALS_EAST));
        entries.removeIf(e -> e.getPollutant() == Pollutant.ENERGY);

        assertThatThrownBy(() -> LedgeredActivity.of(entries))
                .isInstanceOf(LedgerRebuildException.class)
                .hasMessageContaining("event m-1").hasMessageContaining("are those of no activity");
    }

    @Test
    void shouldRefuseEntriesOfTwoEvents() {
        List<EmissionEntry> entries = new ArrayList<>(written(meter(EnergyCarrier.ELECTRICITY, 1000,
                CanonicalUnit.KWH), CHEMICALS_EAST));
        entries.addAll(written(Activities.fuel(FuelType.RAW_COAL, 10, CanonicalUnit.TONNE), CHEMICALS_EAST));

        assertThatThrownBy(() -> LedgeredActivity.of(entries))
                .isInstanceOf(LedgerRebuildException.class).hasMessageContaining("differs in eventId");
    }

    @Test
    void shouldRefuseAnAmountThisPricerWouldNotHaveWritten() {
        List<EmissionEntry> entries = replaceLine(written(Activities.fuel(FuelType.RAW_COAL, 10,
                CanonicalUnit.TONNE), CHEMICALS_EAST), Pollutant.SO2,
                e -> EmissionEntry.newBuilder(e).setAmountMg(e.getAmountMg() + 1).build());

        assertThatThrownBy(() -> LedgeredActivity.of(entries))
                .isInstanceOf(LedgerRebuildException.class)
                .hasMessageContaining("f-1:SO2:NONE does not price back").hasMessageContaining("amountMg 160000000");
    }

    @Test
    void shouldRefuseAFormulaFromAnotherWriter() {
        List<EmissionEntry> entries = replaceLine(written(Activities.fuel(FuelType.RAW_COAL, 10,
                CanonicalUnit.TONNE), CHEMICALS_EAST), Pollutant.CO2,
                e -> EmissionEntry.newBuilder(e).setFormula("CO2 = AD x EF").build());

        assertThatThrownBy(() -> LedgeredActivity.of(entries))
                .isInstanceOf(LedgerRebuildException.class).hasMessageContaining("is not one this pricer writes");
    }

    @Test
    void shouldRefuseEstimatesWithTheFactorsOfTwoSectors() {
        List<EmissionEntry> entries = replaceLine(written(Activities.wastewater(100, OptionalDouble.empty(),
                DataFlag.N, OptionalDouble.empty(), DataFlag.N), CHEMICALS_EAST), Pollutant.NH3_N,
                e -> EmissionEntry.newBuilder(e).setFactors(List.of(FactorRef.newBuilder(e.getFactors().get(0))
                        .setFactorKey("discharge.nh3n.paper").build())).build());

        assertThatThrownBy(() -> LedgeredActivity.of(entries))
                .isInstanceOf(LedgerRebuildException.class).hasMessageContaining("two sectors [chemicals, paper]");
    }

    // ---- helpers ----

    /**
     * Prices {@code activity} as the accounting does, writes and reads back its entries, rebuilds it from them (in
     * reverse order, which must not matter) and requires the same lines from the rebuilt activity, priced with the
     * factor history and with the versions the entries name.
     */
    private static LedgeredActivity roundTrip(Activity activity, Enterprise enterprise)
            throws LedgerRebuildException {
        List<PricedEmission> original = new EmissionCalculator(FACTORS).price(activity,
                PricingContext.of(enterprise));
        List<EmissionEntry> entries = new ArrayList<>(written(activity, enterprise));
        Collections.reverse(entries);

        LedgeredActivity rebuilt = LedgeredActivity.of(entries);

        assertThat(new EmissionCalculator(FACTORS).price(rebuilt.activity(), rebuilt.context()))
                .isEqualTo(original);
        assertThat(rebuilt.priceWith(rebuilt.namedFactors())).isEqualTo(original);
        assertThat(rebuilt.activity().getClass()).isEqualTo(activity.getClass());
        assertThat(rebuilt.activity().eventId()).isEqualTo(activity.eventId());
        assertThat(rebuilt.activity().enterpriseId()).isEqualTo(activity.enterpriseId());
        assertThat(rebuilt.activity().interval()).isEqualTo(activity.interval());
        return rebuilt;
    }

    private static void roundTripAll(List<Activity> activities, Enterprise enterprise) {
        for (Activity activity : activities) {
            try {
                roundTrip(activity, enterprise);
            } catch (LedgerRebuildException | AssertionError e) {
                throw new AssertionError("round trip of " + activity + " for " + enterprise + " failed: " + e, e);
            }
        }
    }

    private static OptionalDouble when(int mask, int bit, double value) {
        return (mask & bit) != 0 ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    private static List<EmissionEntry> written(Activity activity, Enterprise enterprise) {
        return LedgerWriting.entries(FACTORS, activity, enterprise, "park.activity-inputs");
    }

    private static List<EmissionEntry> replaceLine(List<EmissionEntry> entries, Pollutant pollutant,
            java.util.function.UnaryOperator<EmissionEntry> change) {
        return entries.stream().map(e -> e.getPollutant() == pollutant ? change.apply(e) : e).toList();
    }

    private static PricedEmission line(List<PricedEmission> lines, Pollutant pollutant, EmissionScope scope) {
        return lines.stream().filter(l -> l.pollutant() == pollutant && l.scope() == scope).findFirst().orElseThrow();
    }

    private static MeterActivity meter(EnergyCarrier carrier, double quantity, CanonicalUnit unit) {
        return Activities.meter(carrier, quantity, unit, OptionalDouble.empty());
    }

    /** The raw-coal factor with its default NCV revised to 20.0 GJ/t and its default sulfur to 0.5 %. */
    private static FactorVersion restatedRawCoal() {
        Map<String, Double> parameters = new java.util.HashMap<>(TestFactors.RAW_COAL.parameters());
        parameters.put(FactorKeys.NCV_GJ_PER_UNIT, 20.0);
        parameters.put(FactorKeys.SULFUR_PERCENT_DEFAULT, 0.5);
        return TestFactors.version("fuel.RAW_COAL", TestFactors.Y2022, 1.9003, "tCO2/t", parameters);
    }

    private static Enterprise enterprise(String sector, GridRegion region, Outlet... outlets) {
        return Enterprise.newBuilder().setEnterpriseId("E1").setParkId("P1").setName("E1").setSector(sector)
                .setGridRegion(region).setOutlets(List.of(outlets))
                .setPermittedLoads(PermittedLoads.newBuilder().build()).build();
    }

    private static Outlet outlet(String id, Double codFactor, Double nh3nFactor) {
        return Outlet.newBuilder().setOutletId(id).setDischargeClass("indirect")
                .setCodDischargeFactorMgPerL(codFactor).setAmmoniaNitrogenDischargeFactorMgPerL(nh3nFactor).build();
    }
}
