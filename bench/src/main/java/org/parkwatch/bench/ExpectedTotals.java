package org.parkwatch.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.Totals;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.simulator.EventDefect;
import org.parkwatch.simulator.EventKind;
import org.parkwatch.simulator.SimulatorTally;

/**
 * What an enterprise's published totals must be after a backfill, worked out from what the simulator sent (its
 * {@link SimulatorTally}, and an {@link ActivityReplay} where the tally is too coarse) times the factor table in force
 * over the period, by the formulas of domain.md written out here, not by the pipeline's pricing code.
 *
 * <p>Tolerance: the pipeline rounds every ledger entry half-even to an integer number of mg (or mgce), at most 0.5
 * mg off, and sums the integers; the expectation sums unrounded amounts. A total may thus differ by up to one mg per
 * entry it sums: 0.5 for the rounding, the rest absorbing the binary floating-point error of the tally's double
 * sums (about 1e-12 of a total, far below 0.5 mg per entry). Counts must match exactly.
 */
final class ExpectedTotals {

    /** A figure of {@link Totals}, with the Avro field it is read from. */
    enum Quantity {
        CO2_SCOPE1_MG("co2Scope1Mg", Totals::getCo2Scope1Mg),
        CO2_SCOPE2_LOCATION_MG("co2Scope2LocationMg", Totals::getCo2Scope2LocationMg),
        CO2_SCOPE2_MARKET_MG("co2Scope2MarketMg", Totals::getCo2Scope2MarketMg),
        SO2_MG("so2Mg", Totals::getSo2Mg),
        COD_MG("codMg", Totals::getCodMg),
        NH3N_MG("nh3nMg", Totals::getNh3nMg),
        ENERGY_MGCE("energyMgce", Totals::getEnergyMgce),
        ENTRY_COUNT("entryCount", Totals::getEntryCount),
        ESTIMATED_ENTRY_COUNT("estimatedEntryCount", Totals::getEstimatedEntryCount);

        private final String field;
        private final ToLongFunction<Totals> reader;

        Quantity(String field, ToLongFunction<Totals> reader) {
            this.field = field;
            this.reader = reader;
        }

        String field() {
            return field;
        }

        long of(Totals totals) {
            return reader.applyAsLong(totals);
        }
    }

    /** An expected figure and how far the published one may be from it. */
    record Expectation(BigDecimal value, BigDecimal tolerance) {

        static Expectation exact(long value) {
            return new Expectation(BigDecimal.valueOf(value), BigDecimal.ZERO);
        }

        static Expectation rounded(BigDecimal value, long entries) {
            return new Expectation(value, BigDecimal.valueOf(entries));
        }
    }

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    // 44/12, the CO2/C mass ratio, kept as a fraction to the end: multiply by 44, divide by 12 last.
    private static final BigDecimal CO2_PER_C_NUMERATOR = BigDecimal.valueOf(44);
    private static final BigDecimal CO2_PER_C_DENOMINATOR = BigDecimal.valueOf(12);

    private final Map<String, FactorVersion> factors;

    private ExpectedTotals(Map<String, FactorVersion> factors) {
        this.factors = factors;
    }

    /**
     * Expectations priced at the versions of {@code table} in force at {@code from}; fails when any version starts
     * inside (from, to), as the tally does not split the period at that instant.
     */
    static ExpectedTotals over(List<FactorVersion> table, Instant from, Instant to) {
        Map<String, FactorVersion> inForce = new HashMap<>();
        for (FactorVersion v : table) {
            if (v.validFrom().isAfter(from) && v.validFrom().isBefore(to)) {
                throw new IllegalArgumentException("factor " + v.factorKey() + " changes on " + v.validFrom()
                        + ", inside the period " + from + " to " + to + ": reconcile each side separately");
            }
            if (!v.validFrom().isAfter(from)) {
                inForce.merge(v.factorKey(), v, (a, b) -> a.validFrom().isAfter(b.validFrom()) ? a : b);
            }
        }
        return new ExpectedTotals(inForce);
    }

    /** The expected totals of one enterprise over the whole period. */
    Map<Quantity, Expectation> of(Enterprise enterprise, SimulatorTally tally, ActivityReplay.Activity replay) {
        String id = enterprise.getEnterpriseId();
        long meters = tally.eventCount(id, EventKind.METER_READING, EventDefect.NONE);
        long fuels = tally.eventCount(id, EventKind.FUEL_CONSUMPTION, EventDefect.NONE);
        long samples = tally.eventCount(id, EventKind.WASTEWATER_SAMPLE, EventDefect.NONE);

        BigDecimal electricityKwh = dec(tally.energy(id, EnergyCarrier.ELECTRICITY));
        BigDecimal greenKwh = dec(tally.energy(id, EnergyCarrier.GREEN_ELECTRICITY));
        // The tally keeps steam in t; its heat needs each reading's enthalpy, hence the replay.
        BigDecimal heatGj = dec(tally.energy(id, EnergyCarrier.HEAT)).add(replay.steamGj);

        // Scope 2 (domain.md 2.1, 2.2): kWh / 1000 x tCO2/MWh = t, x 10^9 mg/t; GJ x tCO2/GJ x 10^9 mg/t. Both
        // views price heat alike; green-power electricity carries a market-based factor of zero.
        BigDecimal heatCo2 = heatGj.multiply(value("heat")).multiply(BILLION);
        BigDecimal location = electricityKwh.add(greenKwh)
                .multiply(value("grid.location." + enterprise.getGridRegion().name())).multiply(MILLION).add(heatCo2);
        BigDecimal market = electricityKwh.multiply(value("grid.market.residual")).multiply(MILLION).add(heatCo2);

        // Coal equivalent (domain.md section 5): kgce x 10^6 mgce/kgce.
        BigDecimal energy = electricityKwh.add(greenKwh).multiply(value("tce.electricity"))
                .add(heatGj.multiply(value("tce.heat")));
        BigDecimal scope1 = BigDecimal.ZERO;
        BigDecimal so2 = BigDecimal.ZERO;
        for (FuelType fuel : FuelType.values()) {
            BigDecimal burnt = dec(tally.fuel(id, fuel));
            ActivityReplay.FuelSums sums = replay.fuels.get(fuel);
            if (sums == null) {
                continue;
            }
            String key = "fuel." + fuel.name();
            energy = energy.add(burnt.multiply(parameter(key, "kgcePerUnit")));
            scope1 = scope1.add(scope1Mg(key, sums));
            so2 = so2.add(so2Mg(key, sums));
        }
        energy = energy.multiply(MILLION);

        BigDecimal cod = dec(tally.codKg(id)).multiply(MILLION)
                .add(estimatedMg(enterprise, replay.codUnmeasuredM3ByOutlet, "discharge.cod.", true));
        BigDecimal nh3n = dec(tally.ammoniaNitrogenKg(id)).multiply(MILLION)
                .add(estimatedMg(enterprise, replay.ammoniaNitrogenUnmeasuredM3ByOutlet, "discharge.nh3n.", false));

        Map<Quantity, Expectation> expected = new EnumMap<>(Quantity.class);
        expected.put(Quantity.CO2_SCOPE1_MG, Expectation.rounded(scope1, fuels));
        expected.put(Quantity.CO2_SCOPE2_LOCATION_MG, Expectation.rounded(location, meters));
        expected.put(Quantity.CO2_SCOPE2_MARKET_MG, Expectation.rounded(market, meters));
        expected.put(Quantity.SO2_MG, Expectation.rounded(so2, fuels));
        expected.put(Quantity.COD_MG, Expectation.rounded(cod, samples));
        expected.put(Quantity.NH3N_MG, Expectation.rounded(nh3n, samples));
        expected.put(Quantity.ENERGY_MGCE, Expectation.rounded(energy, meters + fuels));
        // One entry per pollutant and scope: meters CO2 location, CO2 market, energy; fuels CO2, SO2, energy;
        // samples COD, NH3-N.
        expected.put(Quantity.ENTRY_COUNT, Expectation.exact(3 * meters + 3 * fuels + 2 * samples));
        expected.put(Quantity.ESTIMATED_ENTRY_COUNT, Expectation.exact(
                replay.codUnmeasuredSamples + replay.ammoniaNitrogenUnmeasuredSamples));
        return expected;
    }

    /** AD x NCV x CC x OF x 44/12 (domain.md 2.3), NCV measured where the event reports it, in mg. */
    private BigDecimal scope1Mg(String key, ActivityReplay.FuelSums sums) {
        BigDecimal heatGj = sums.measuredHeatGj.add(sums.amountWithDefaultNcv.multiply(parameter(key, "ncvGjPerUnit")));
        return heatGj.multiply(parameter(key, "carbonContentTcPerGj")).multiply(parameter(key, "oxidationRate"))
                .multiply(CO2_PER_C_NUMERATOR).multiply(BILLION)
                .divide(CO2_PER_C_DENOMINATOR, MathContext.DECIMAL128);
    }

    /**
     * G = 2 x B x S x D x (1 - eta) (domain.md section 3), in mg: for fuels by mass S and eta in %, B in t; for gases
     * S is the factor's mg/Nm3 and B in Nm3.
     */
    private BigDecimal so2Mg(String key, ActivityReplay.FuelSums sums) {
        BigDecimal d = parameter(key, "sulfurConversion");
        Optional<BigDecimal> mgPerNm3 = optionalParameter(key, "sulfurMgPerNm3Default");
        if (mgPerNm3.isPresent()) {
            return TWO.multiply(sums.sulfurBalanceDefault).multiply(mgPerNm3.get()).multiply(d).divide(HUNDRED);
        }
        BigDecimal sulfurPercentSum = sums.sulfurBalanceMeasured
                .add(sums.sulfurBalanceDefault.multiply(parameter(key, "sulfurPercentDefault")));
        return TWO.multiply(sulfurPercentSum).multiply(d).multiply(BILLION).divide(TEN_THOUSAND);
    }

    /**
     * Loads of unmeasured samples, V x C x 10^3 mg, C being the outlet's registered discharge factor, else the
     * sector's, else the default sector's.
     */
    private BigDecimal estimatedMg(Enterprise enterprise, Map<String, BigDecimal> unmeasuredM3ByOutlet, String prefix,
                                   boolean cod) {
        BigDecimal mg = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : unmeasuredM3ByOutlet.entrySet()) {
            Double registered = enterprise.getOutlets().stream().filter(o -> o.getOutletId().equals(e.getKey()))
                    .findFirst()
                    .map(o -> cod ? o.getCodDischargeFactorMgPerL() : o.getAmmoniaNitrogenDischargeFactorMgPerL())
                    .orElse(null);
            BigDecimal mgPerL = registered != null ? dec(registered) : sectorFactor(prefix, enterprise.getSector());
            mg = mg.add(e.getValue().multiply(mgPerL).multiply(THOUSAND));
        }
        return mg;
    }

    private BigDecimal sectorFactor(String prefix, String sector) {
        // The pipeline's sector codes are lower case; a blank sector means the default one.
        String key = prefix + (sector == null || sector.isBlank() ? "default"
                : sector.strip().toLowerCase(java.util.Locale.ROOT));
        FactorVersion v = factors.containsKey(key) ? factors.get(key) : factors.get(prefix + "default");
        if (v == null) {
            throw new IllegalStateException("no discharge factor " + key + " nor " + prefix + "default in force");
        }
        return dec(v.value());
    }

    private BigDecimal value(String key) {
        return dec(require(key).value());
    }

    private BigDecimal parameter(String key, String name) {
        return optionalParameter(key, name).orElseThrow(() -> new IllegalStateException(
                "factor " + key + " has no parameter " + name));
    }

    private Optional<BigDecimal> optionalParameter(String key, String name) {
        Double v = require(key).parameters().get(name);
        return Optional.ofNullable(v).map(ExpectedTotals::dec);
    }

    private FactorVersion require(String key) {
        FactorVersion v = factors.get(key);
        if (v == null) {
            throw new IllegalStateException("no version of factor " + key + " in force over the period");
        }
        return v;
    }

    /** A double at its printed decimal value, as factor tables and events write them. */
    private static BigDecimal dec(double value) {
        return BigDecimal.valueOf(value);
    }
}
