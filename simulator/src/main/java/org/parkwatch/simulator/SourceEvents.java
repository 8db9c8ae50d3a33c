package org.parkwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.WastewaterSample;

/**
 * Builds the record of one source for one interval: the source's mean scaled by the load profile, with noise,
 * excursions and analyser gaps. Each record draws from its own random stream (see {@link Seeds}).
 */
final class SourceEvents {

    static final String SOURCE = "avro";
    // Assumption for simulation: comparable prices at 2020 prices; the reference gives no base year.
    static final int PRICE_BASE_YEAR = 2020;

    private static final double HOURS_PER_YEAR = 8_760;
    private static final DataFlag[] GAP_FLAGS = {DataFlag.D, DataFlag.M, DataFlag.B};

    private final long seed;
    private final GeneratorSettings settings;
    private final Excursions excursions;

    SourceEvents(GeneratorSettings settings) {
        this.seed = settings.seed();
        this.settings = settings;
        this.excursions = new Excursions(settings.seed(), settings.excursions());
    }

    MeterReading meterReading(EnterpriseSpec enterprise, int meterIndex, long start, long end, double profile) {
        MeterSpec meter = enterprise.meters().get(meterIndex);
        SplittableRandom random = Seeds.random(seed, Seeds.METER, enterprise.index(), meterIndex, end);
        double canonical = meter.meanPerHour() * hours(start, end) * profile * noise(random, 0.05, 0.15);
        double quantity = ReportingUnit.of(meter.unit()).fromCanonical(canonical);
        Double enthalpy = meter.steamEnthalpyKjPerKg() == null ? null
                : EnterpriseFactory.round(meter.steamEnthalpyKjPerKg() * noise(random, 0.005, 0.01), 1);
        return new MeterReading(meter.meterId() + "-" + end, enterprise.enterpriseId(), meter.meterId(),
                meter.carrier(), quantity, meter.unit(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                DataFlag.N, enthalpy, SOURCE);
    }

    FuelConsumption fuelConsumption(EnterpriseSpec enterprise, int unitIndex, long start, long end, double profile) {
        CombustionUnitSpec unit = enterprise.combustionUnits().get(unitIndex);
        SplittableRandom random = Seeds.random(seed, Seeds.FUEL, enterprise.index(), unitIndex, end);
        double canonical = unit.meanPerHour() * hours(start, end) * profile * noise(random, 0.05, 0.15);
        double quantity = ReportingUnit.of(unit.unit()).fromCanonical(canonical);
        Double desulfurization = null;
        if (unit.desulfurizationPercent() != null) {
            double nominal = unit.desulfurizationPercent();
            double working = Math.min(99.5, nominal + Math.max(-1.5, Math.min(1.5, 0.5 * random.nextGaussian())));
            desulfurization = excursions.desulfurizationFailure(enterprise.index(), unitIndex, start)
                    ? 0.0 : EnterpriseFactory.round(working, 1);
        }
        return new FuelConsumption(unit.unitId() + "-" + end, enterprise.enterpriseId(), unit.unitId(),
                unit.fuel(), quantity, unit.unit(), unit.sulfurPercent(), desulfurization, unit.ncvGjPerUnit(),
                null, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), DataFlag.N);
    }

    WastewaterSample wastewaterSample(EnterpriseSpec enterprise, int outletIndex, long start, long end,
                                      double profile) {
        OutletSpec outlet = enterprise.outlets().get(outletIndex);
        SplittableRandom random = Seeds.random(seed, Seeds.WASTEWATER, enterprise.index(), outletIndex, end);
        double volume = Math.max(0.01, EnterpriseFactory.round(
                outlet.meanM3PerDay() * hours(start, end) / 24 * profile * noise(random, 0.08, 0.2), 2));
        double cod = excursions.codSpike(enterprise.index(), outletIndex, start)
                ? outlet.codLimitMgPerL() * (1.3 + 1.2 * random.nextDouble())
                : outlet.typicalCodMgPerL() * noise(random, 0.08, 0.2);
        double nh3 = outlet.typicalAmmoniaNitrogenMgPerL() * noise(random, 0.08, 0.2);
        DataFlag codFlag = analyserFlag(random);
        DataFlag nh3Flag = analyserFlag(random);
        // HJ 212-2017 Table B.1 data types: COD N5.1, NH3-N N4.2 (domain.md 1.7).
        Double codValue = codFlag == DataFlag.N ? EnterpriseFactory.round(cod, 1) : null;
        Double nh3Value = nh3Flag == DataFlag.N ? EnterpriseFactory.round(nh3, 2) : null;
        return new WastewaterSample(outlet.outletId() + "-" + end, enterprise.enterpriseId(), outlet.outletId(),
                volume, DataFlag.N, codValue, codFlag, nh3Value, nh3Flag, Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end), SOURCE);
    }

    OutputReport outputReport(EnterpriseSpec enterprise, Instant periodStart, Instant periodEnd) {
        long start = periodStart.toEpochMilli();
        SplittableRandom random = Seeds.random(seed, Seeds.OUTPUT, enterprise.index(), 0, start);
        double share = Duration.between(periodStart, periodEnd).toMillis() / 3_600_000.0 / HOURS_PER_YEAR;
        double value = enterprise.annualAddedValue() * share * (0.95 + 0.1 * random.nextDouble());
        if (excursions.lowOutput(enterprise.index(), start)) {
            value *= 0.3 + 0.2 * random.nextDouble();
        }
        return new OutputReport(enterprise.enterpriseId() + "-IAV-" + start, enterprise.enterpriseId(),
                periodStart, periodEnd, Math.max(0.1, EnterpriseFactory.round(value, 1)), PRICE_BASE_YEAR,
                periodEnd);
    }

    private DataFlag analyserFlag(SplittableRandom random) {
        if (random.nextDouble() < settings.analyserGapProbability()) {
            return GAP_FLAGS[random.nextInt(GAP_FLAGS.length)];
        }
        return DataFlag.N;
    }

    private static double hours(long start, long end) {
        return (end - start) / 3_600_000.0;
    }

    /** A multiplicative Gaussian noise around 1, clipped so that no value strays more than {@code clip}. */
    private static double noise(SplittableRandom random, double sigma, double clip) {
        double z = 1 + sigma * random.nextGaussian();
        return Math.max(1 - clip, Math.min(1 + clip, z));
    }
}
