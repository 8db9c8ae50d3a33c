package org.parkwatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.avro.WastewaterSample;

/**
 * Business validation of input events: decides whether an event is accepted, and if so converts it into a canonical
 * activity. Checks run in a fixed order (missing fields, key, enterprise, unit, quantity, interval, event time,
 * plausibility), so an event with several faults is always rejected for the same first one.
 */
public final class ActivityValidator {

    /** Above the enthalpy of superheated steam at 600 °C and 10 MPa (~3 600 kJ/kg): a unit error. */
    static final double MAX_STEAM_ENTHALPY_KJ_PER_KG = 4_000.0;
    /** No commercial coal or oil has more than a few % sulfur; 10 % means a unit or decimal error. */
    static final double MAX_SULFUR_PERCENT = 10.0;
    /**
     * Reported NCV bounds, GJ per t (or per 10^4 Nm3 for gases): fuels range from ~10 GJ/t (lignite) to ~50 GJ/t
     * (LPG) and ~390 GJ/10^4 Nm3 (natural gas); outside [1, 1000] the value is in MJ or per Nm3.
     */
    static final double MIN_NCV_GJ_PER_REPORTED_UNIT = 1.0;
    static final double MAX_NCV_GJ_PER_REPORTED_UNIT = 1_000.0;
    /** Carbon contents are 0.012-0.03 tC/GJ; a value above 0.1 was reported in tC/TJ. */
    static final double MAX_CARBON_CONTENT_TC_PER_GJ = 0.1;
    private static final double NM3_PER_REPORTED_GAS_UNIT = 10_000.0;
    /**
     * Flue gas of one stack, m3 per hour: a 1 000 MW coal unit, the largest a park hosts, emits a few million m3 of
     * flue gas an hour; 10^7 m3/h means the flowmeter reported in the wrong unit.
     */
    static final double MAX_FLUE_GAS_M3_PER_HOUR = 10_000_000.0;
    /**
     * Stack concentrations, mg/m3: untreated flue gas of high-sulfur coal holds some 10^4 mg/m3 of SO2
     * (16 kg SO2 per t of 1 % S coal, domain reference section 3, in roughly 10^4 m3 of flue gas per t); ten times
     * that is a unit error (ppm or ug/m3 read as mg/m3).
     */
    static final double MAX_STACK_CONCENTRATION_MG_PER_M3 = 100_000.0;
    /**
     * One pollutant's load at one stack, kg per hour: the 1 000 MW unit above burns ~430 t/h of coal, ~6 900 kg/h
     * of SO2 untreated at 1 % S; 50 000 kg/h is a unit error (g read as kg).
     */
    static final double MAX_STACK_LOAD_KG_PER_HOUR = 50_000.0;

    private final PlausibilityBounds bounds;

    public ActivityValidator(PlausibilityBounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    /** A validator with {@link PlausibilityBounds#defaults()}. */
    public static ActivityValidator withDefaults() {
        return new ActivityValidator(PlausibilityBounds.defaults());
    }

    public PlausibilityBounds bounds() {
        return bounds;
    }

    /**
     * Validates a meter reading keyed by {@code key}, given the enterprise found for it (empty when none is
     * registered) and the current time.
     */
    public Validation<MeterActivity> validateMeter(MeterReading reading, String key, Optional<Enterprise> enterprise,
            Instant now) {
        if (reading == null) {
            return Validation.reject(RejectReason.MISSING_FIELD, "meter reading is null");
        }
        Optional<Rejection> header = checkHeader(
                new Header(reading.getEventId(), reading.getEnterpriseId(), "meterId", reading.getMeterId(),
                        reading.getIntervalStart(), reading.getIntervalEnd()),
                firstMissing(reading.getCarrier() == null ? "carrier" : null, blank(reading.getUnit()) ? "unit" : null,
                        reading.getFlag() == null ? "flag" : null, reading.getSource() == null ? "source" : null),
                key, enterprise);
        if (header.isPresent()) {
            return rejected(header.get());
        }
        EnergyCarrier carrier = reading.getCarrier();
        Optional<QuantityKind> kind = QuantityKind.forCarrier(carrier);
        if (kind.isEmpty()) {
            return Validation.reject(RejectReason.OTHER,
                    "carrier UNKNOWN: a carrier this version of ParkWatch does not know, so it cannot be priced");
        }
        Optional<CanonicalQuantity> canonical =
                UnitConversion.toCanonical(kind.get(), reading.getQuantity(), reading.getUnit());
        if (canonical.isEmpty()) {
            return Validation.reject(RejectReason.UNKNOWN_UNIT,
                    "unit '" + reading.getUnit() + "' is not accepted for " + carrier);
        }
        Optional<Rejection> quantity = checkQuantity("quantity", reading.getQuantity());
        if (quantity.isPresent()) {
            return rejected(quantity.get());
        }
        OptionalDouble enthalpy = optional(reading.getSteamEnthalpyKjPerKg());
        Optional<Rejection> steam = checkSteam(canonical.get().unit(), carrier, enthalpy);
        if (steam.isPresent()) {
            return rejected(steam.get());
        }
        Optional<Rejection> time = checkInterval(reading.getIntervalStart(), reading.getIntervalEnd(), now);
        if (time.isPresent()) {
            return rejected(time.get());
        }
        Interval interval = new Interval(reading.getIntervalStart(), reading.getIntervalEnd());
        Optional<Rejection> rate = checkRate(canonical.get(), interval, meterBound(carrier, canonical.get().unit()),
                carrier.toString());
        if (rate.isPresent()) {
            return rejected(rate.get());
        }
        return Validation.accept(new MeterActivity(reading.getEventId(), reading.getEnterpriseId(),
                reading.getMeterId(), carrier, canonical.get().value(), canonical.get().unit(), interval,
                reading.getFlag(), enthalpy, reading.getSource()));
    }

    /** Validates a fuel-consumption event; see {@link #validateMeter}. */
    public Validation<FuelActivity> validateFuel(FuelConsumption consumption, String key,
            Optional<Enterprise> enterprise, Instant now) {
        if (consumption == null) {
            return Validation.reject(RejectReason.MISSING_FIELD, "fuel consumption is null");
        }
        Optional<Rejection> header = checkHeader(
                new Header(consumption.getEventId(), consumption.getEnterpriseId(), "unitId",
                        consumption.getUnitId(), consumption.getIntervalStart(), consumption.getIntervalEnd()),
                firstMissing(consumption.getFuel() == null ? "fuel" : null,
                        blank(consumption.getUnit()) ? "unit" : null, consumption.getFlag() == null ? "flag" : null),
                key, enterprise);
        if (header.isPresent()) {
            return rejected(header.get());
        }
        FuelType fuel = consumption.getFuel();
        Optional<QuantityKind> kind = QuantityKind.forFuel(fuel);
        if (kind.isEmpty()) {
            return Validation.reject(RejectReason.OTHER,
                    "fuel UNKNOWN: a fuel this version of ParkWatch does not know, so it cannot be priced");
        }
        Optional<CanonicalQuantity> canonical =
                UnitConversion.toCanonical(kind.get(), consumption.getQuantity(), consumption.getUnit());
        if (canonical.isEmpty()) {
            return Validation.reject(RejectReason.UNKNOWN_UNIT,
                    "unit '" + consumption.getUnit() + "' is not accepted for " + fuel);
        }
        Optional<Rejection> problem = checkQuantity("quantity", consumption.getQuantity())
                .or(() -> checkFuelProperties(consumption))
                .or(() -> checkInterval(consumption.getIntervalStart(), consumption.getIntervalEnd(), now));
        if (problem.isPresent()) {
            return rejected(problem.get());
        }
        Interval interval = new Interval(consumption.getIntervalStart(), consumption.getIntervalEnd());
        Optional<Rejection> rate =
                checkRate(canonical.get(), interval, bounds.maxFuelPerHour(fuel), fuel.toString());
        if (rate.isPresent()) {
            return rejected(rate.get());
        }
        // Gas NCV is reported per 10^4 Nm3 (as the guidelines tabulate it); the activity carries it per Nm3.
        OptionalDouble ncv = optional(consumption.getNcvGjPerUnit());
        if (ncv.isPresent() && kind.get() == QuantityKind.FUEL_GAS) {
            ncv = OptionalDouble.of(ncv.getAsDouble() / NM3_PER_REPORTED_GAS_UNIT);
        }
        return Validation.accept(new FuelActivity(consumption.getEventId(), consumption.getEnterpriseId(),
                consumption.getUnitId(), fuel, canonical.get().value(), canonical.get().unit(), interval,
                consumption.getFlag(), optional(consumption.getSulfurPercent()),
                optional(consumption.getDesulfurizationPercent()), ncv,
                optional(consumption.getCarbonContentTcPerGj())));
    }

    /**
     * Validates a wastewater sample; see {@link #validateMeter}. Concentrations are checked only when their flag
     * marks them as measurements: a value flagged F, M, D, C or B is never used, and one that is not even a
     * non-negative number is dropped from the activity rather than rejecting the volume with it.
     */
    public Validation<WastewaterActivity> validateWastewater(WastewaterSample sample, String key,
            Optional<Enterprise> enterprise, Instant now) {
        if (sample == null) {
            return Validation.reject(RejectReason.MISSING_FIELD, "wastewater sample is null");
        }
        Optional<Rejection> header = checkHeader(
                new Header(sample.getEventId(), sample.getEnterpriseId(), "outletId", sample.getOutletId(),
                        sample.getIntervalStart(), sample.getIntervalEnd()),
                firstMissing(sample.getVolumeFlag() == null ? "volumeFlag" : null,
                        sample.getCodFlag() == null ? "codFlag" : null,
                        sample.getAmmoniaNitrogenFlag() == null ? "ammoniaNitrogenFlag" : null,
                        sample.getSource() == null ? "source" : null),
                key, enterprise);
        if (header.isPresent()) {
            return rejected(header.get());
        }
        Optional<Rejection> problem = checkQuantity("volumeM3", sample.getVolumeM3())
                .or(() -> checkConcentration("codMgPerL", sample.getCodMgPerL(), sample.getCodFlag()))
                .or(() -> checkConcentration("ammoniaNitrogenMgPerL", sample.getAmmoniaNitrogenMgPerL(),
                        sample.getAmmoniaNitrogenFlag()))
                .or(() -> checkInterval(sample.getIntervalStart(), sample.getIntervalEnd(), now));
        if (problem.isPresent()) {
            return rejected(problem.get());
        }
        Interval interval = new Interval(sample.getIntervalStart(), sample.getIntervalEnd());
        Optional<Rejection> rate = checkRate(new CanonicalQuantity(sample.getVolumeM3(), CanonicalUnit.M3), interval,
                bounds.wastewaterM3PerHour(), "wastewater");
        if (rate.isPresent()) {
            return rejected(rate.get());
        }
        return Validation.accept(new WastewaterActivity(sample.getEventId(), sample.getEnterpriseId(),
                sample.getOutletId(), sample.getVolumeM3(), sample.getVolumeFlag(),
                usableOrDropped(sample.getCodMgPerL()), sample.getCodFlag(),
                usableOrDropped(sample.getAmmoniaNitrogenMgPerL()), sample.getAmmoniaNitrogenFlag(), interval,
                sample.getSource()));
    }

    /**
     * Validates a CEMS sample of a stack; see {@link #validateMeter}. The stack must be one of the enterprise's
     * registered stacks, since its combustion units and limits decide how the sample is accounted and judged. As for
     * wastewater, a value is checked only when its flag marks it as a measurement; an unusable one is kept with its
     * flag (it tells the accounting that the hour has no valid CEMS data) and never priced.
     */
    public Validation<FlueGasActivity> validateFlueGas(FlueGasSample sample, String key,
            Optional<Enterprise> enterprise, Instant now) {
        if (sample == null) {
            return Validation.reject(RejectReason.MISSING_FIELD, "flue-gas sample is null");
        }
        Optional<Rejection> header = checkHeader(
                new Header(sample.getEventId(), sample.getEnterpriseId(), "stackId", sample.getStackId(),
                        sample.getIntervalStart(), sample.getIntervalEnd()),
                firstMissing(sample.getFlowFlag() == null ? "flowFlag" : null,
                        sample.getO2Flag() == null ? "o2Flag" : null,
                        sample.getSource() == null ? "source" : null,
                        missingFlag("so2", sample.getSo2()), missingFlag("nox", sample.getNox()),
                        missingFlag("particulate", sample.getParticulate())),
                key, enterprise);
        if (header.isPresent()) {
            return rejected(header.get());
        }
        boolean registered = enterprise.get().getStacks().stream()
                .anyMatch(s -> s.getStackId().equals(sample.getStackId()));
        if (!registered) {
            return Validation.reject(RejectReason.UNKNOWN_STACK, "stack '" + sample.getStackId()
                    + "' is not among the stacks of enterprise '" + sample.getEnterpriseId() + "'");
        }
        Optional<Rejection> problem = checkInterval(sample.getIntervalStart(), sample.getIntervalEnd(), now);
        if (problem.isPresent()) {
            return rejected(problem.get());
        }
        Interval interval = new Interval(sample.getIntervalStart(), sample.getIntervalEnd());
        problem = checkStackValue("flowM3", sample.getFlowM3(), sample.getFlowFlag(), interval,
                        MAX_FLUE_GAS_M3_PER_HOUR, "m3 per hour")
                .or(() -> checkPollutant("so2", sample.getSo2(), interval))
                .or(() -> checkPollutant("nox", sample.getNox(), interval))
                .or(() -> checkPollutant("particulate", sample.getParticulate(), interval));
        if (problem.isPresent()) {
            return rejected(problem.get());
        }
        return Validation.accept(new FlueGasActivity(sample.getEventId(), sample.getEnterpriseId(),
                sample.getStackId(), DataQuality.isUsable(sample.getFlowFlag()) ? usableOrDropped(sample.getFlowM3())
                        : OptionalDouble.empty(), sample.getFlowFlag(),
                DataQuality.isUsable(sample.getO2Flag()) ? usableOrDropped(sample.getO2Percent())
                        : OptionalDouble.empty(),
                measurement(sample.getSo2()), measurement(sample.getNox()), measurement(sample.getParticulate()),
                interval, sample.getSource()));
    }

    private static String missingFlag(String name, StackPollutant p) {
        return p != null && p.getFlag() == null ? name + ".flag" : null;
    }

    private static Optional<Rejection> checkPollutant(String name, StackPollutant p, Interval interval) {
        if (p == null) {
            return Optional.empty();
        }
        return checkStackValue(name + ".measuredMgPerM3", p.getMeasuredMgPerM3(), p.getFlag(), null,
                        MAX_STACK_CONCENTRATION_MG_PER_M3, "mg/m3")
                .or(() -> checkStackValue(name + ".convertedMgPerM3", p.getConvertedMgPerM3(), p.getFlag(), null,
                        MAX_STACK_CONCENTRATION_MG_PER_M3, "mg/m3"))
                .or(() -> checkStackValue(name + ".loadKg", p.getLoadKg(), p.getFlag(), interval,
                        MAX_STACK_LOAD_KG_PER_HOUR, "kg per hour"));
    }

    /**
     * A stack value flagged as a measurement must be a finite, non-negative number under its bound, per hour of
     * {@code interval} when one is given (a rate), as it stands otherwise (a concentration).
     */
    private static Optional<Rejection> checkStackValue(String field, Double value, DataFlag flag, Interval interval,
            double max, String unit) {
        if (value == null || !DataQuality.isUsable(flag)) {
            return Optional.empty();
        }
        Optional<Rejection> basic = checkQuantity(field, value);
        if (basic.isPresent()) {
            return basic;
        }
        double v = interval == null ? value : value / interval.hours();
        if (v > max) {
            return Optional.of(new Rejection(RejectReason.IMPLAUSIBLE_QUANTITY, String.format(Locale.ROOT,
                    "%s is %s, %.1f %s, above the bound %.1f", field, value, v, unit, max)));
        }
        return Optional.empty();
    }

    private static Optional<FlueGasActivity.StackMeasurement> measurement(StackPollutant p) {
        if (p == null) {
            return Optional.empty();
        }
        return Optional.of(new FlueGasActivity.StackMeasurement(usableOrDropped(p.getMeasuredMgPerM3()),
                usableOrDropped(p.getConvertedMgPerM3()), usableOrDropped(p.getLoadKg()), p.getFlag()));
    }

    /** The fields every input carries, read from the Avro record. */
    private record Header(String eventId, String enterpriseId, String sourceField, String sourceId,
            Instant intervalStart, Instant intervalEnd) {
    }

    /** The first non-null name among the kind-specific missing fields, or null. */
    private static String firstMissing(String... names) {
        for (String name : names) {
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static Optional<Rejection> checkHeader(Header h, String missingField, String key,
            Optional<Enterprise> enterprise) {
        String missing = blank(h.eventId()) ? "eventId"
                : blank(h.enterpriseId()) ? "enterpriseId"
                : blank(h.sourceId()) ? h.sourceField()
                : missingField != null ? missingField
                : h.intervalStart() == null ? "intervalStart"
                : h.intervalEnd() == null ? "intervalEnd" : null;
        if (missing != null) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, missing + " is missing or blank"));
        }
        if (!h.enterpriseId().equals(key)) {
            return Optional.of(new Rejection(RejectReason.KEY_MISMATCH,
                    "record key '" + key + "' differs from enterpriseId '" + h.enterpriseId() + "'"));
        }
        if (enterprise == null || enterprise.isEmpty()) {
            return Optional.of(new Rejection(RejectReason.UNKNOWN_ENTERPRISE,
                    "enterprise '" + h.enterpriseId() + "' is not registered"));
        }
        if (!enterprise.get().getActive()) {
            return Optional.of(new Rejection(RejectReason.UNKNOWN_ENTERPRISE,
                    "enterprise '" + h.enterpriseId() + "' is registered but inactive"));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkQuantity(String field, double value) {
        if (!Double.isFinite(value)) {
            return Optional.of(new Rejection(RejectReason.NON_FINITE_QUANTITY, field + " is " + value));
        }
        if (value < 0) {
            return Optional.of(new Rejection(RejectReason.NEGATIVE_QUANTITY, field + " is negative: " + value));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkOptional(String field, Double value, double max, String why) {
        if (value == null) {
            return Optional.empty();
        }
        Optional<Rejection> basic = checkQuantity(field, value);
        if (basic.isPresent() || value <= max) {
            return basic;
        }
        return Optional.of(new Rejection(RejectReason.IMPLAUSIBLE_QUANTITY,
                field + " " + value + " is above " + max + " (" + why + ")"));
    }

    private static Optional<Rejection> checkSteam(CanonicalUnit unit, EnergyCarrier carrier,
            OptionalDouble enthalpy) {
        if (carrier != EnergyCarrier.STEAM || unit != CanonicalUnit.TONNE) {
            return Optional.empty();
        }
        if (enthalpy.isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD,
                    "steamEnthalpyKjPerKg is required to convert steam metered in t into GJ"));
        }
        double en = enthalpy.getAsDouble();
        if (!Double.isFinite(en)) {
            return Optional.of(new Rejection(RejectReason.NON_FINITE_QUANTITY, "steamEnthalpyKjPerKg is " + en));
        }
        if (en <= MeterActivity.FEEDWATER_ENTHALPY_KJ_PER_KG || en > MAX_STEAM_ENTHALPY_KJ_PER_KG) {
            return Optional.of(new Rejection(RejectReason.IMPLAUSIBLE_QUANTITY, "steamEnthalpyKjPerKg " + en
                    + " is outside (" + MeterActivity.FEEDWATER_ENTHALPY_KJ_PER_KG + ", "
                    + MAX_STEAM_ENTHALPY_KJ_PER_KG + "] kJ/kg"));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkFuelProperties(FuelConsumption c) {
        return checkOptional("sulfurPercent", c.getSulfurPercent(), MAX_SULFUR_PERCENT, "mass % of the fuel")
                .or(() -> checkOptional("desulfurizationPercent", c.getDesulfurizationPercent(), 100.0,
                        "an efficiency in %"))
                .or(() -> checkOptional("ncvGjPerUnit", c.getNcvGjPerUnit(), MAX_NCV_GJ_PER_REPORTED_UNIT,
                        "GJ per t, or per 10^4 Nm3 for gases"))
                .or(() -> c.getNcvGjPerUnit() != null && c.getNcvGjPerUnit() < MIN_NCV_GJ_PER_REPORTED_UNIT
                        ? Optional.of(new Rejection(RejectReason.IMPLAUSIBLE_QUANTITY, "ncvGjPerUnit "
                                + c.getNcvGjPerUnit() + " is below " + MIN_NCV_GJ_PER_REPORTED_UNIT
                                + " (GJ per t, or per 10^4 Nm3 for gases)"))
                        : Optional.empty())
                .or(() -> checkOptional("carbonContentTcPerGj", c.getCarbonContentTcPerGj(),
                        MAX_CARBON_CONTENT_TC_PER_GJ, "tC/GJ, not tC/TJ"))
                .or(() -> c.getCarbonContentTcPerGj() != null && c.getCarbonContentTcPerGj() == 0.0
                        ? Optional.of(new Rejection(RejectReason.IMPLAUSIBLE_QUANTITY, "carbonContentTcPerGj is 0"))
                        : Optional.empty());
    }

    private Optional<Rejection> checkConcentration(String field, Double value, DataFlag flag) {
        if (value == null || !DataQuality.isUsable(flag)) {
            return Optional.empty();
        }
        return checkOptional(field, value, bounds.concentrationMgPerL(), "mg/L");
    }

    private Optional<Rejection> checkInterval(Instant start, Instant end, Instant now) {
        if (!end.isAfter(start)) {
            return Optional.of(new Rejection(RejectReason.INVALID_INTERVAL,
                    "intervalEnd " + end + " is not after intervalStart " + start));
        }
        if (Duration.between(start, end).compareTo(bounds.maxInterval()) > 0) {
            return Optional.of(new Rejection(RejectReason.INVALID_INTERVAL, "interval " + start + " - " + end
                    + " is longer than the maximum " + bounds.maxInterval()));
        }
        if (end.isAfter(now.plus(bounds.futureTolerance()))) {
            return Optional.of(new Rejection(RejectReason.FUTURE_EVENT_TIME, "intervalEnd " + end
                    + " is more than " + bounds.futureTolerance() + " after now " + now));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkRate(CanonicalQuantity quantity, Interval interval, double maxPerHour,
            String what) {
        double perHour = quantity.value() / interval.hours();
        if (perHour > maxPerHour) {
            return Optional.of(new Rejection(RejectReason.IMPLAUSIBLE_QUANTITY, String.format(Locale.ROOT,
                    "%s of %s %s over %s is %.1f %s per hour, above the bound %.1f", what, quantity.value(),
                    quantity.unit().symbol(), interval.duration(), perHour, quantity.unit().symbol(), maxPerHour)));
        }
        return Optional.empty();
    }

    private double meterBound(EnergyCarrier carrier, CanonicalUnit unit) {
        return switch (carrier) {
            case ELECTRICITY, GREEN_ELECTRICITY -> bounds.electricityKwhPerHour();
            case HEAT -> bounds.heatGjPerHour();
            case STEAM -> unit == CanonicalUnit.TONNE ? bounds.steamTonnesPerHour() : bounds.heatGjPerHour();
            case UNKNOWN -> 0.0;
        };
    }

    private static OptionalDouble usableOrDropped(Double value) {
        return value == null || !Double.isFinite(value) || value < 0 ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> Validation<T> rejected(Rejection rejection) {
        return new Validation.Rejected<>(rejection);
    }
}
