package org.parkwatch.simulator;

import java.time.Instant;
import java.util.SplittableRandom;

import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.StackPollutant;

/**
 * What the CEMS of a stack measures over an interval, from the fuel its boiler burns in that interval: the heat of
 * the fuel gives the flue-gas volume, the fuel's sulfur balance the SO2 load, within a few percent as a CEMS
 * measures it, so that the two figures of the same hour are comparable; NOx and particulate vary around the stack's
 * typical concentrations. Each analyser may have no valid value (its flag alone), with the same chance as the
 * wastewater analysers.
 */
final class StackEvents {

    static final String SOURCE = "avro";
    private static final DataFlag[] GAP_FLAGS = {DataFlag.D, DataFlag.M, DataFlag.B};

    private final long seed;
    private final GeneratorSettings settings;
    private final SourceEvents sources;

    StackEvents(GeneratorSettings settings, SourceEvents sources) {
        this.seed = settings.seed();
        this.settings = settings;
        this.sources = sources;
    }

    FlueGasSample flueGasSample(EnterpriseSpec enterprise, StackSpec stack, long start, long end, double profile) {
        FuelConsumption fuel = sources.fuelConsumption(enterprise, stack.unitIndex(), start, end, profile);
        CombustionUnitSpec unit = stack.unit();
        FlueGasFigures.BoilerClass boiler = FlueGasFigures.boilerClass(unit.fuel());
        SplittableRandom random = Seeds.random(seed, Seeds.FLUE_GAS, enterprise.index(), stack.unitIndex(), end);
        double burnt = ReportingUnit.of(fuel.getUnit()).toCanonical(fuel.getQuantity());
        double heatGj = burnt * FuelFigures.kgcePerCanonicalUnit(unit.fuel()) * FlueGasFigures.GJ_PER_KGCE;
        double o2 = EnterpriseFactory.round(FlueGasFigures.typicalO2Percent(boiler) + 0.3 * clipped(random, 2), 1);
        // Excess air dilutes the stoichiometric flue gas by 21 / (21 - O2) (domain.md 1.8, alpha = 21/(21 - O2)).
        double flowM3 = EnterpriseFactory.round(
                heatGj * FlueGasFigures.stoichiometricDryFlueGasNm3PerGj(boiler) * 21 / (21 - o2), 1);
        double so2Kg = so2MassBalanceKg(unit, fuel, burnt) * (1 + 0.03 * clipped(random, 2.5));
        double convert = (21 - stack.referenceO2Percent()) / (21 - o2);
        StackPollutant so2 = pollutant(random, flowM3, so2Kg / flowM3 * 1e6, convert, 2);
        StackPollutant nox = pollutant(random, flowM3,
                FlueGasFigures.typicalNoxMgPerM3(boiler) * (1 + 0.1 * clipped(random, 2)), convert, 1);
        StackPollutant particulate = pollutant(random, flowM3,
                FlueGasFigures.typicalParticulateMgPerM3(boiler) * (1 + 0.15 * clipped(random, 2)), convert, 1);
        return new FlueGasSample(stack.stackId() + "-" + end, enterprise.enterpriseId(), stack.stackId(), flowM3,
                DataFlag.N, o2, DataFlag.N, so2, nox, particulate, Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end), SOURCE);
    }

    /**
     * SO2 by the material balance G = 2 × B × S × D × (1 − η) (domain.md section 3), with the event's sulfur and
     * desulfurisation (η 0 in a desulfurisation failure) and the pipeline's defaults where the event has none.
     */
    static double so2MassBalanceKg(CombustionUnitSpec unit, FuelConsumption fuel, double burnt) {
        double d = FuelFigures.sulfurToSo2Fraction(unit.fuel());
        double eta = fuel.getDesulfurizationPercent() == null ? 0 : fuel.getDesulfurizationPercent();
        if (FuelFigures.gaseous(unit.fuel())) {
            // B in Nm3, S in mg/Nm3: mg, 10^-6 kg.
            return 2 * burnt * FlueGasFigures.sulfurMgPerNm3(unit.fuel()) * d * (1 - eta / 100) / 1e6;
        }
        double s = fuel.getSulfurPercent() != null ? fuel.getSulfurPercent()
                : FlueGasFigures.defaultSulfurPercent(unit.fuel());
        // B in t, S in %: t of SO2, 10^3 kg.
        return 2 * burnt * s / 100 * d * (1 - eta / 100) * 1000;
    }

    /**
     * One analyser's hour: its mean (mg/m3, rounded as its HJ 212 data type allows), converted to the reference O2,
     * and its load C × Q × 10⁻⁶ kg (HJ 212-2017 Appendix D); or, without a valid value, its flag alone.
     */
    private StackPollutant pollutant(SplittableRandom random, double flowM3, double mgPerM3, double convert,
                                     int places) {
        if (random.nextDouble() < settings.analyserGapProbability()) {
            return new StackPollutant(null, null, null, GAP_FLAGS[random.nextInt(GAP_FLAGS.length)]);
        }
        double measured = EnterpriseFactory.round(mgPerM3, places);
        return new StackPollutant(measured, EnterpriseFactory.round(measured * convert, places),
                EnterpriseFactory.round(measured * flowM3 / 1e6, 4), DataFlag.N);
    }

    private static double clipped(SplittableRandom random, double clip) {
        return Math.max(-clip, Math.min(clip, random.nextGaussian()));
    }
}
