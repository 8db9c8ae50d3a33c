package org.parkwatch.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.ingest.Activity;
import org.parkwatch.ingest.CanonicalUnit;
import org.parkwatch.ingest.DataQuality;
import org.parkwatch.ingest.FuelActivity;
import org.parkwatch.ingest.Interval;
import org.parkwatch.ingest.MeterActivity;
import org.parkwatch.ingest.WastewaterActivity;

/**
 * An accounted activity rebuilt from its ledger entries alone, with the pricing context that priced it, for
 * restatement: the raw input may be gone by retention, the ledger is not. Priced again with the factor versions
 * the entries name, it gives back the entries' lines exactly (amount, formula, inputs, factors, estimation); priced
 * with another version of one of those factors, it gives what the original input would have given with it.
 *
 * <p>The ledger carries everything the pricer reads, but not every field of an input event. What pricing does not
 * depend on comes back as a stated stand-in, never as a claim about the original event:
 * <ul>
 *   <li>source {@value #SOURCE}; the flag of a meter or fuel event and the volume flag of a sample: N;</li>
 *   <li>heat and steam metered in GJ are priced and written alike, so both come back as {@code HEAT};</li>
 *   <li>the sulfurPercent a gas event reported (never used: gases take the factor's S per Nm3; only the formula
 *       says one was reported) comes back as {@link #NOT_IN_LEDGER};</li>
 *   <li>a concentration measured with flag N or S comes back with N (they price alike; T is kept); a
 *       concentration flagged unusable comes back with its flag and without its value (never used);</li>
 *   <li>context: the grid region of priced electricity, else NATIONAL; the sector whose discharge factor was used,
 *       else {@value FactorKeys#DEFAULT_SECTOR}; an outlet's discharge factors only where they were used.</li>
 * </ul>
 * Every rebuild is checked by pricing it again with the factor versions the entries name: entries it does not
 * reproduce exactly are refused with {@link LedgerRebuildException}, never guessed.
 *
 * @param activity the activity, in canonical units, with its event id, enterprise, source and interval
 * @param context what pricing used of the enterprise: grid region, sector, outlet discharge factors
 * @param factors the factor versions the entries name, one per factor key
 */
public record LedgeredActivity(Activity activity, PricingContext context, List<FactorVersion> factors) {

    /** The source of a rebuilt activity: it came from the ledger, whatever transport the original event took. */
    public static final String SOURCE = "ledger";

    /** A value the event carried but the ledger does not (it never entered a figure). */
    public static final double NOT_IN_LEDGER = Double.NaN;

    private static final List<Line> METER_LINES = List.of(new Line(Pollutant.CO2, EmissionScope.SCOPE2_LOCATION),
            new Line(Pollutant.CO2, EmissionScope.SCOPE2_MARKET), new Line(Pollutant.ENERGY, EmissionScope.NONE));
    private static final List<Line> FUEL_LINES = List.of(new Line(Pollutant.CO2, EmissionScope.SCOPE1),
            new Line(Pollutant.SO2, EmissionScope.NONE), new Line(Pollutant.ENERGY, EmissionScope.NONE));
    private static final List<Line> WASTEWATER_LINES = List.of(new Line(Pollutant.COD, EmissionScope.NONE),
            new Line(Pollutant.NH3_N, EmissionScope.NONE));
    private static final Set<DataFlag> UNUSABLE_FLAGS = unusableFlags();

    public LedgeredActivity {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(context, "context");
        factors = List.copyOf(factors);
    }

    /**
     * Rebuilds the activity of one event from all its ledger entries (one per pollutant and scope, any order).
     *
     * @throws LedgerRebuildException when the entries do not tell the activity unambiguously, or the activity
     *     they tell does not price back to exactly these entries
     */
    public static LedgeredActivity of(List<EmissionEntry> entries) throws LedgerRebuildException {
        if (entries == null || entries.isEmpty()) {
            throw new LedgerRebuildException(null, "no entries");
        }
        Event event = Event.of(entries);
        List<FactorVersion> named = namedFactors(event);
        LedgeredActivity rebuilt;
        if (event.lines().keySet().equals(Set.copyOf(METER_LINES))) {
            rebuilt = meter(event, named);
        } else if (event.lines().keySet().equals(Set.copyOf(FUEL_LINES))) {
            rebuilt = fuel(event, named);
        } else if (event.lines().keySet().equals(Set.copyOf(WASTEWATER_LINES))) {
            rebuilt = wastewater(event, named);
        } else {
            throw event.refused("its lines " + event.lines().keySet() + " are those of no activity: a meter has "
                    + METER_LINES + ", a fuel " + FUEL_LINES + ", a wastewater sample " + WASTEWATER_LINES);
        }
        rebuilt.checkPricesBackTo(event);
        return rebuilt;
    }

    /** Prices the activity again with {@code factors}, as the accounting did. */
    public List<PricedEmission> priceWith(FactorLookup factors) {
        return new EmissionCalculator(factors).price(activity, context);
    }

    /** The factor versions the entries name, each applying from its validFrom: prices back the entries. */
    public FactorLookup namedFactors() {
        return lookup(factors);
    }

    /**
     * The factor versions the entries name, with {@code replacement} in place of the version of its key: what a
     * restatement of that one factor prices with.
     */
    public FactorLookup namedFactorsWith(FactorVersion replacement) {
        List<FactorVersion> versions = new ArrayList<>();
        for (FactorVersion f : factors) {
            if (!f.factorKey().equals(replacement.factorKey())) {
                versions.add(f);
            }
        }
        versions.add(replacement);
        return lookup(versions);
    }

    /** The factor version a ledger entry cites. */
    public static FactorVersion factorVersion(FactorRef ref) {
        return new FactorVersion(ref.getFactorKey(), ref.getValidFrom(), ref.getValue(), ref.getUnit(),
                ref.getParameters(), ref.getSource());
    }

    private static FactorLookup lookup(List<FactorVersion> versions) {
        Map<String, FactorVersion> byKey = new LinkedHashMap<>();
        for (FactorVersion f : versions) {
            byKey.put(f.factorKey(), f);
        }
        return (key, time) -> Optional.ofNullable(byKey.get(key)).filter(f -> !f.validFrom().isAfter(time));
    }

    private static LedgeredActivity meter(Event event, List<FactorVersion> named) throws LedgerRebuildException {
        EmissionEntry location = event.line(Pollutant.CO2, EmissionScope.SCOPE2_LOCATION);
        CanonicalUnit unit = event.unit();
        EnergyCarrier carrier;
        GridRegion region = GridRegion.NATIONAL;
        OptionalDouble enthalpy = OptionalDouble.empty();
        switch (unit) {
            case KWH -> {
                region = onlyFactor(event, location, FactorKeys::gridRegionOf, "a grid.location.<region> factor");
                boolean green = event.line(Pollutant.CO2, EmissionScope.SCOPE2_MARKET).getFactors().isEmpty();
                carrier = green ? EnergyCarrier.GREEN_ELECTRICITY : EnergyCarrier.ELECTRICITY;
            }
            case GJ -> carrier = EnergyCarrier.HEAT;
            case TONNE -> {
                carrier = EnergyCarrier.STEAM;
                enthalpy = OptionalDouble.of(event.input(location, PurchasedEnergyPricing.STEAM_ENTHALPY_INPUT));
            }
            default -> throw event.refused("a meter line in " + unit.symbol() + ": meters read kWh, GJ or t");
        }
        MeterActivity activity = new MeterActivity(event.eventId(), event.enterpriseId(), event.sourceId(), carrier,
                event.quantity(), unit, event.interval(), DataFlag.N, enthalpy, SOURCE);
        return new LedgeredActivity(activity, new PricingContext(region, FactorKeys.DEFAULT_SECTOR, Map.of()), named);
    }

    private static LedgeredActivity fuel(Event event, List<FactorVersion> named) throws LedgerRebuildException {
        EmissionEntry co2 = event.line(Pollutant.CO2, EmissionScope.SCOPE1);
        EmissionEntry so2 = event.line(Pollutant.SO2, EmissionScope.NONE);
        CanonicalUnit unit = event.unit();
        if (unit != CanonicalUnit.TONNE && unit != CanonicalUnit.NM3) {
            throw event.refused("fuel in " + unit.symbol() + ": fuels are accounted in t or Nm3");
        }
        FuelType fuel = onlyFactor(event, co2, FactorKeys::fuelOf, "a fuel.<FuelType> factor");
        String u = FuelPricing.unitSuffix(unit);

        boolean[] co2Notes = notesOf(event, co2, (ncv, cc) -> FuelPricing.co2Formula(unit, ncv, cc));
        OptionalDouble ncv = co2Notes[0] ? OptionalDouble.of(event.input(co2, "ncvGjPer" + u)) : OptionalDouble.empty();
        OptionalDouble cc = co2Notes[1]
                ? OptionalDouble.of(event.input(co2, FactorKeys.CARBON_CONTENT_TC_PER_GJ)) : OptionalDouble.empty();

        boolean[] so2Notes = notesOf(event, so2, (s, eta) -> FuelPricing.so2Formula(unit, s, eta));
        OptionalDouble sulfur = OptionalDouble.empty();
        if (so2Notes[0]) {
            sulfur = OptionalDouble.of(unit == CanonicalUnit.NM3 ? NOT_IN_LEDGER : event.input(so2, "sulfurPercent"));
        }
        OptionalDouble eta = so2Notes[1]
                ? OptionalDouble.of(event.input(so2, "desulfurizationPercent")) : OptionalDouble.empty();

        FuelActivity activity = new FuelActivity(event.eventId(), event.enterpriseId(), event.sourceId(), fuel,
                event.quantity(), unit, event.interval(), DataFlag.N, sulfur, eta, ncv, cc);
        return new LedgeredActivity(activity,
                new PricingContext(GridRegion.NATIONAL, FactorKeys.DEFAULT_SECTOR, Map.of()), named);
    }

    private static LedgeredActivity wastewater(Event event, List<FactorVersion> named) throws LedgerRebuildException {
        if (event.unit() != CanonicalUnit.M3) {
            throw event.refused("a wastewater line in " + event.unit().symbol() + ": samples are accounted in m3");
        }
        Concentration cod = concentration(event, event.line(Pollutant.COD, EmissionScope.NONE),
                WastewaterPricing.COD_LABEL, WastewaterPricing.COD_INPUT_PREFIX, FactorKeys::sectorOfDischargeCod);
        Concentration nh3n = concentration(event, event.line(Pollutant.NH3_N, EmissionScope.NONE),
                WastewaterPricing.NH3N_LABEL, WastewaterPricing.NH3N_INPUT_PREFIX, FactorKeys::sectorOfDischargeNh3n);

        // A sector without a factor of its own fell back to the default sector's, so only other sectors say which.
        Set<String> sectors = new java.util.TreeSet<>();
        cod.sector().filter(s -> !s.equals(FactorKeys.DEFAULT_SECTOR)).ifPresent(sectors::add);
        nh3n.sector().filter(s -> !s.equals(FactorKeys.DEFAULT_SECTOR)).ifPresent(sectors::add);
        if (sectors.size() > 1) {
            throw event.refused("COD and NH3-N were estimated with the factors of two sectors " + sectors);
        }
        String sector = sectors.isEmpty() ? FactorKeys.DEFAULT_SECTOR : sectors.iterator().next();

        Map<String, OutletSettings> outlets = Map.of();
        if (cod.outletFactor().isPresent() || nh3n.outletFactor().isPresent()) {
            outlets = Map.of(event.sourceId(),
                    new OutletSettings(event.sourceId(), cod.outletFactor(), nh3n.outletFactor()));
        }
        WastewaterActivity activity = new WastewaterActivity(event.eventId(), event.enterpriseId(), event.sourceId(),
                event.quantity(), DataFlag.N, cod.value(), cod.flag(), nh3n.value(), nh3n.flag(), event.interval(),
                SOURCE);
        return new LedgeredActivity(activity, new PricingContext(GridRegion.NATIONAL, sector, outlets), named);
    }

    /** One concentration as the pricer saw it, and where its estimate came from when it was estimated. */
    private record Concentration(OptionalDouble value, DataFlag flag, OptionalDouble outletFactor,
            Optional<String> sector) {
    }

    private static Concentration concentration(Event event, EmissionEntry line, String label, String prefix,
            Function<String, Optional<String>> sectorOf) throws LedgerRebuildException {
        if (!line.getEstimated()) {
            double measured = event.input(line, prefix + WastewaterPricing.MEASURED_INPUT_SUFFIX);
            DataFlag flag = line.getFormula().equals(WastewaterPricing.measuredFormula(label, DataFlag.T))
                    ? DataFlag.T : DataFlag.N;
            return new Concentration(OptionalDouble.of(measured), flag, OptionalDouble.empty(), Optional.empty());
        }
        String reason = Objects.requireNonNullElse(line.getEstimationReason(), "");
        DataFlag flag = null;
        for (DataFlag candidate : DataFlag.values()) {
            // an absent value reads the same under any usable flag; N stands for them
            if ((candidate == DataFlag.N || UNUSABLE_FLAGS.contains(candidate))
                    && reason.startsWith(WastewaterPricing.whyEstimated(label, false, candidate) + ": ")) {
                flag = candidate;
            }
        }
        if (flag == null) {
            throw event.refused(line.getEntryId() + " is estimated for a reason this pricer does not give: '"
                    + reason + "'");
        }
        List<FactorRef> refs = line.getFactors();
        if (refs.isEmpty()) {
            double outlet = event.input(line, prefix + WastewaterPricing.DISCHARGE_FACTOR_INPUT_SUFFIX);
            return new Concentration(OptionalDouble.empty(), flag, OptionalDouble.of(outlet), Optional.empty());
        }
        Optional<String> sector = refs.size() == 1 ? sectorOf.apply(refs.get(0).getFactorKey()) : Optional.empty();
        if (sector.isEmpty()) {
            throw event.refused(line.getEntryId() + " cites " + keys(refs) + ", not one " + label
                    + " discharge factor");
        }
        return new Concentration(OptionalDouble.empty(), flag, OptionalDouble.empty(), sector);
    }

    /** Which two yes/no notes a formula carries, by the pricer's own formula function; exactly one must match. */
    private static boolean[] notesOf(Event event, EmissionEntry line, FormulaOf formulaOf)
            throws LedgerRebuildException {
        boolean[] found = null;
        for (boolean first : new boolean[] {false, true}) {
            for (boolean second : new boolean[] {false, true}) {
                if (formulaOf.formula(first, second).equals(line.getFormula())) {
                    if (found != null) {
                        throw event.refused(line.getEntryId() + "'s formula reads two ways");
                    }
                    found = new boolean[] {first, second};
                }
            }
        }
        if (found == null) {
            throw event.refused(line.getEntryId() + "'s formula is not one this pricer writes: '"
                    + line.getFormula() + "'");
        }
        return found;
    }

    @FunctionalInterface
    private interface FormulaOf {
        String formula(boolean first, boolean second);
    }

    private static <T> T onlyFactor(Event event, EmissionEntry line, Function<String, Optional<T>> parse,
            String expected) throws LedgerRebuildException {
        List<FactorRef> refs = line.getFactors();
        Optional<T> parsed = refs.size() == 1 ? parse.apply(refs.get(0).getFactorKey()) : Optional.empty();
        if (parsed.isEmpty()) {
            throw event.refused(line.getEntryId() + " cites " + keys(refs) + ", not exactly " + expected);
        }
        return parsed.get();
    }

    private static List<String> keys(List<FactorRef> refs) {
        return refs.stream().map(FactorRef::getFactorKey).toList();
    }

    /** One version per factor key across the event's lines: the pricer looks each key up once per event. */
    private static List<FactorVersion> namedFactors(Event event) throws LedgerRebuildException {
        Map<String, FactorVersion> byKey = new LinkedHashMap<>();
        for (EmissionEntry e : event.lines().values()) {
            for (FactorRef ref : e.getFactors()) {
                FactorVersion version;
                try {
                    version = factorVersion(ref);
                } catch (RuntimeException invalid) {
                    throw event.refused(e.getEntryId() + " cites an invalid factor: " + invalid.getMessage());
                }
                FactorVersion before = byKey.putIfAbsent(version.factorKey(), version);
                if (before != null && !before.equals(version)) {
                    throw event.refused("its lines cite two versions of " + version.factorKey());
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    /** Prices the rebuilt activity with the named versions and requires every line to come back unchanged. */
    private void checkPricesBackTo(Event event) throws LedgerRebuildException {
        List<PricedEmission> repriced;
        try {
            repriced = priceWith(namedFactors());
        } catch (RuntimeException e) {
            throw event.refused("the activity it describes cannot be priced with the factors it cites: "
                    + e.getMessage());
        }
        for (PricedEmission p : repriced) {
            EmissionEntry e = event.lines().get(new Line(p.pollutant(), p.scope()));
            List<FactorVersion> cited = e.getFactors().stream().map(LedgeredActivity::factorVersion).toList();
            String differs = p.amountMg() != e.getAmountMg() ? "amountMg " + p.amountMg()
                    : !p.formula().equals(e.getFormula()) ? "formula '" + p.formula() + "'"
                    : !p.inputs().equals(e.getInputs()) ? "inputs " + p.inputs()
                    : !p.factorsUsed().equals(cited) ? "factors " + p.factorsUsed()
                    : p.estimated() != e.getEstimated() ? "estimated " + p.estimated()
                    : !Objects.equals(p.estimationReason(), e.getEstimationReason())
                            ? "estimationReason '" + p.estimationReason() + "'"
                    : !p.displayUnit().equals(e.getDisplayUnit()) ? "displayUnit " + p.displayUnit()
                    : Double.compare(p.displayAmount(), e.getAmount()) != 0 ? "amount " + p.displayAmount()
                    : null;
            if (differs != null) {
                throw event.refused(e.getEntryId() + " does not price back: the activity it describes gives "
                        + differs);
            }
        }
    }

    private static Set<DataFlag> unusableFlags() {
        Set<DataFlag> flags = EnumSet.noneOf(DataFlag.class);
        for (DataFlag flag : DataFlag.values()) {
            if (!DataQuality.isUsable(flag)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    private record Line(Pollutant pollutant, EmissionScope scope) {
        @Override
        public String toString() {
            return pollutant + ":" + scope;
        }
    }

    /** The fields every line of one event shares, checked to agree, and its lines by pollutant and scope. */
    private record Event(EmissionEntry first, Map<Line, EmissionEntry> lines, Interval interval, CanonicalUnit unit) {

        static Event of(List<EmissionEntry> entries) throws LedgerRebuildException {
            EmissionEntry first = entries.get(0);
            String eventId = first.getEventId();
            Map<Line, EmissionEntry> lines = new LinkedHashMap<>();
            for (EmissionEntry e : entries) {
                String disagreement = !e.getEventId().equals(eventId) ? "eventId"
                        : !e.getInputTopic().equals(first.getInputTopic()) ? "inputTopic"
                        : !e.getEnterpriseId().equals(first.getEnterpriseId()) ? "enterpriseId"
                        : !e.getParkId().equals(first.getParkId()) ? "parkId"
                        : !e.getSourceId().equals(first.getSourceId()) ? "sourceId"
                        : Double.compare(e.getActivityQuantity(), first.getActivityQuantity()) != 0
                                ? "activityQuantity"
                        : !e.getActivityUnit().equals(first.getActivityUnit()) ? "activityUnit"
                        : !e.getIntervalStart().equals(first.getIntervalStart()) ? "intervalStart"
                        : !e.getIntervalEnd().equals(first.getIntervalEnd()) ? "intervalEnd"
                        : null;
                if (disagreement != null) {
                    throw new LedgerRebuildException(eventId, "entry " + e.getEntryId() + " differs in "
                            + disagreement + " from " + first.getEntryId());
                }
                Line line = new Line(e.getPollutant(), e.getScope());
                if (!e.getEntryId().equals(eventId + ":" + line)) {
                    throw new LedgerRebuildException(eventId, "entry id " + e.getEntryId() + " is not "
                            + eventId + ":" + line + " as the pipeline writes it");
                }
                if (lines.put(line, e) != null) {
                    throw new LedgerRebuildException(eventId, "line " + line + " appears twice");
                }
            }
            CanonicalUnit unit = null;
            for (CanonicalUnit candidate : CanonicalUnit.values()) {
                if (candidate.symbol().equals(first.getActivityUnit())) {
                    unit = candidate;
                }
            }
            if (unit == null) {
                throw new LedgerRebuildException(eventId, "activity unit '" + first.getActivityUnit()
                        + "' is not a canonical unit");
            }
            Instant start = first.getIntervalStart();
            Instant end = first.getIntervalEnd();
            if (!end.isAfter(start)) {
                throw new LedgerRebuildException(eventId, "interval end " + end + " is not after its start " + start);
            }
            return new Event(first, Map.copyOf(lines), new Interval(start, end), unit);
        }

        String eventId() {
            return first.getEventId();
        }

        String enterpriseId() {
            return first.getEnterpriseId();
        }

        String sourceId() {
            return first.getSourceId();
        }

        double quantity() {
            return first.getActivityQuantity();
        }

        EmissionEntry line(Pollutant pollutant, EmissionScope scope) {
            return lines.get(new Line(pollutant, scope));
        }

        double input(EmissionEntry line, String name) throws LedgerRebuildException {
            Double value = line.getInputs().get(name);
            if (value == null) {
                throw refused(line.getEntryId() + " lacks input " + name);
            }
            return value;
        }

        LedgerRebuildException refused(String reason) {
            return new LedgerRebuildException(eventId(), reason);
        }
    }
}
