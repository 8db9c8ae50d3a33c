package org.parkwatch.totals;

/**
 * Exact emission and energy amounts in integer milligrams (energy in milligrams of coal equivalent). Integers make
 * totals independent of the order of addition, so a window's total equals the sum of its ledger entries exactly.
 */
public record Amounts(long co2Scope1Mg, long co2Scope2LocationMg, long co2Scope2MarketMg, long so2Mg, long codMg,
                      long nh3nMg, long energyMgce, long entryCount, long estimatedEntryCount,
                      long noxMg, long particulateMg) {

    public static final Amounts ZERO = new Amounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Amounts of what is priced from activity: no stack-measured NOx or particulate. */
    public Amounts(long co2Scope1Mg, long co2Scope2LocationMg, long co2Scope2MarketMg, long so2Mg, long codMg,
                   long nh3nMg, long energyMgce, long entryCount, long estimatedEntryCount) {
        this(co2Scope1Mg, co2Scope2LocationMg, co2Scope2MarketMg, so2Mg, codMg, nh3nMg, energyMgce, entryCount,
                estimatedEntryCount, 0, 0);
    }

    /** Amounts of stack-measured NOx and particulate alone. */
    public static Amounts stackMeasured(long noxMg, long particulateMg, long entryCount, long estimatedEntryCount) {
        return new Amounts(0, 0, 0, 0, 0, 0, 0, entryCount, estimatedEntryCount, noxMg, particulateMg);
    }

    public Amounts plus(Amounts o) {
        return new Amounts(
                Math.addExact(co2Scope1Mg, o.co2Scope1Mg),
                Math.addExact(co2Scope2LocationMg, o.co2Scope2LocationMg),
                Math.addExact(co2Scope2MarketMg, o.co2Scope2MarketMg),
                Math.addExact(so2Mg, o.so2Mg),
                Math.addExact(codMg, o.codMg),
                Math.addExact(nh3nMg, o.nh3nMg),
                Math.addExact(energyMgce, o.energyMgce),
                Math.addExact(entryCount, o.entryCount),
                Math.addExact(estimatedEntryCount, o.estimatedEntryCount),
                Math.addExact(noxMg, o.noxMg),
                Math.addExact(particulateMg, o.particulateMg));
    }

    /** This minus {@code o}, field by field (a correction may be negative). */
    public Amounts minus(Amounts o) {
        return plus(new Amounts(-o.co2Scope1Mg, -o.co2Scope2LocationMg, -o.co2Scope2MarketMg, -o.so2Mg, -o.codMg,
                -o.nh3nMg, -o.energyMgce, -o.entryCount, -o.estimatedEntryCount, -o.noxMg, -o.particulateMg));
    }

    /** CO2 of scope 1 plus scope 2 location-based (scope 2 market-based is another view of the same energy). */
    public long co2LocationBasedMg() {
        return Math.addExact(co2Scope1Mg, co2Scope2LocationMg);
    }

    public long co2MarketBasedMg() {
        return Math.addExact(co2Scope1Mg, co2Scope2MarketMg);
    }
}
