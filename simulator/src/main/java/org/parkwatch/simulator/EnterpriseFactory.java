package org.parkwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.FuelType;

/** Draws one enterprise of the park from its own random stream, so that enterprise i is the same in any park size. */
final class EnterpriseFactory {

    private static final String[] PLACE_NAMES = {"Huaxin", "Jinling", "Yangzi", "Donghai", "Hengtong", "Changjiang",
        "Taihu", "Xinhua", "Zhongyuan", "Haixing", "Ruifeng", "Tianyi"};
    private static final double HOURS_PER_YEAR = 8_760;
    private static final double DAYS_PER_YEAR = 365;
    // Calorific equivalents (当量值), domain.md section 5.
    private static final double KGCE_PER_KWH = 0.1229;
    private static final double KGCE_PER_GJ = 34.12;
    // Enthalpy of feed water at 20 °C, to turn steam mass into delivered heat (domain.md section 2.2, where the
    // formula is tagged [U]); used here only to size an enterprise's IAV, never to price anything.
    private static final double FEED_WATER_ENTHALPY_KJ_PER_KG = 83.74;
    // Assumption for simulation: permits are set a little below the class limit at the mean flow, so that
    // normal operation (at most 70 % of the limit) stays inside and sustained excursions can breach them.
    private static final double PERMIT_SHARE_OF_LIMIT_LOAD = 0.8;
    // Assumption for simulation: SO2 permits leave 50 % headroom over the expected load with desulfurisation.
    private static final double SO2_PERMIT_HEADROOM = 1.5;

    private final long seed;

    EnterpriseFactory(long seed) {
        this.seed = seed;
    }

    EnterpriseSpec create(int index) {
        SplittableRandom random = Seeds.random(seed, Seeds.ENTERPRISE, index, 0, 0);
        Sector sector = sector(index);
        String id = String.format(Locale.ROOT, "E%04d", index + 1);
        String name = PLACE_NAMES[random.nextInt(PLACE_NAMES.length)] + " " + sector.trade() + " Co., Ltd.";
        List<MeterSpec> meters = meters(id, sector, random);
        List<CombustionUnitSpec> units = combustionUnits(id, sector, random);
        List<OutletSpec> outlets = outlets(id, sector, random);
        double energyTce = annualEnergyTce(meters, units);
        double intensity = SectorFigures.energyIntensityTcePerTenThousandRmb(sector).draw(random);
        double addedValue = round(energyTce / intensity, 1);
        return new EnterpriseSpec(index, id, name, sector, meters, units, outlets, addedValue,
                round(permittedCod(outlets), 1), permittedAmmoniaNitrogen(outlets), permittedSo2(units));
    }

    private Sector sector(int index) {
        Sector[] sectors = Sector.values();
        // The first enterprises take one sector each, so that every sector is present in a park of 7 or more.
        if (index < sectors.length) {
            return sectors[index];
        }
        double draw = Seeds.random(seed, Seeds.SECTOR, index, 0, 0).nextDouble();
        double cumulative = 0;
        for (Sector sector : sectors) {
            cumulative += SectorFigures.weight(sector);
            if (draw < cumulative) {
                return sector;
            }
        }
        return sectors[sectors.length - 1];
    }

    private static List<MeterSpec> meters(String id, Sector sector, SplittableRandom random) {
        List<MeterSpec> meters = new ArrayList<>(3);
        double totalKw = SectorFigures.electricityKw(sector).draw(random);
        boolean green = random.nextDouble() < SectorFigures.greenElectricityProbability(sector);
        double greenShare = green ? SectorFigures.greenShare().draw(random) : 0;
        meters.add(new MeterSpec(id + "-M1", EnergyCarrier.ELECTRICITY, electricityUnit(random),
                totalKw * (1 - greenShare), null));
        if (green) {
            meters.add(new MeterSpec(id + "-M2", EnergyCarrier.GREEN_ELECTRICITY, electricityUnit(random),
                    totalKw * greenShare, null));
        }
        String thermalId = id + "-M" + (meters.size() + 1);
        if (random.nextDouble() < SectorFigures.steamProbability(sector)) {
            meters.add(new MeterSpec(thermalId, EnergyCarrier.STEAM, ReportingUnit.TONNE.symbol(),
                    SectorFigures.steamTonnesPerHour(sector).draw(random),
                    round(SectorFigures.steamEnthalpyKjPerKg().draw(random), 1)));
        } else if (random.nextDouble() < SectorFigures.heatProbability(sector)) {
            String unit = (random.nextDouble() < 0.7 ? ReportingUnit.GJ : ReportingUnit.MJ).symbol();
            meters.add(new MeterSpec(thermalId, EnergyCarrier.HEAT, unit,
                    SectorFigures.heatGjPerHour(sector).draw(random), null));
        }
        return meters;
    }

    private static String electricityUnit(SplittableRandom random) {
        double draw = random.nextDouble();
        ReportingUnit unit = draw < 0.5 ? ReportingUnit.KWH
                : draw < 0.85 ? ReportingUnit.MWH : ReportingUnit.TEN_THOUSAND_KWH;
        return unit.symbol();
    }

    private static List<CombustionUnitSpec> combustionUnits(String id, Sector sector, SplittableRandom random) {
        int count = SectorFigures.combustionUnits(sector).drawInt(random);
        List<FuelType> fuels = SectorFigures.fuels(sector);
        List<CombustionUnitSpec> units = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            FuelType fuel = fuels.get(random.nextInt(fuels.size()));
            double rate = FuelFigures.ratePerHour(fuel).draw(random);
            ReportingUnit unit = FuelFigures.gaseous(fuel)
                    ? (random.nextDouble() < 0.6 ? ReportingUnit.NM3 : ReportingUnit.TEN_THOUSAND_NM3)
                    : (random.nextDouble() < 0.7 ? ReportingUnit.TONNE : ReportingUnit.KILOGRAM);
            Range sulfurRange = FuelFigures.sulfurPercent(fuel);
            Double sulfur = sulfurRange == null ? null : round(sulfurRange.draw(random), 3);
            Double desulfurization = random.nextDouble() < FuelFigures.desulfurizationProbability(fuel)
                    ? round(FuelFigures.desulfurizationPercent().draw(random), 1) : null;
            Range ncvRange = FuelFigures.measuredNcvGjPerTonne(fuel);
            Double ncv = ncvRange != null && random.nextDouble() < 0.5 ? round(ncvRange.draw(random), 3) : null;
            units.add(new CombustionUnitSpec(id + "-B" + (k + 1), fuel, unit.symbol(), rate, sulfur,
                    desulfurization, ncv));
        }
        return units;
    }

    private static List<OutletSpec> outlets(String id, Sector sector, SplittableRandom random) {
        int count = 1 + random.nextInt(2);
        List<OutletSpec> outlets = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            // Most enterprises of a park pre-treat and discharge to the park sewer (class 3); assumption: 70 %.
            String dischargeClass = random.nextDouble() < 0.7 ? DischargeLimits.CLASS_3 : DischargeLimits.CLASS_2;
            double codLimit = DischargeLimits.codMgPerL(sector, dischargeClass);
            Double nh3Limit = DischargeLimits.ammoniaNitrogenMgPerL(sector, dischargeClass);
            double flow = SectorFigures.wastewaterM3PerDay(sector).draw(random);
            // Assumption for simulation: normal effluent runs at 30-70 % of the COD limit and 20-60 % of the
            // NH3-N limit; without an NH3-N limit (class 3) at 5-35 mg/L.
            double typicalCod = round(codLimit * (0.3 + 0.4 * random.nextDouble()), 1);
            double typicalNh3 = round(nh3Limit != null ? nh3Limit * (0.2 + 0.4 * random.nextDouble())
                    : 5 + 30 * random.nextDouble(), 2);
            // Assumption: 70 % of outlets have their own discharge factor, set 20 % above typical effluent.
            Double codFactor = random.nextDouble() < 0.7 ? round(typicalCod * 1.2, 1) : null;
            Double nh3Factor = random.nextDouble() < 0.7 ? round(typicalNh3 * 1.2, 2) : null;
            outlets.add(new OutletSpec(id + "-W" + (k + 1), dischargeClass, codLimit, nh3Limit, flow, typicalCod,
                    typicalNh3, codFactor, nh3Factor));
        }
        return outlets;
    }

    private static double annualEnergyTce(List<MeterSpec> meters, List<CombustionUnitSpec> units) {
        double kgcePerHour = 0;
        for (MeterSpec meter : meters) {
            kgcePerHour += switch (meter.carrier()) {
                case ELECTRICITY, GREEN_ELECTRICITY -> meter.meanPerHour() * KGCE_PER_KWH;
                case HEAT -> meter.meanPerHour() * KGCE_PER_GJ;
                // (h - 83.74) kJ/kg is (h - 83.74) x 1e-3 GJ per t of steam.
                case STEAM -> meter.meanPerHour() * (meter.steamEnthalpyKjPerKg() - FEED_WATER_ENTHALPY_KJ_PER_KG)
                        * 1e-3 * KGCE_PER_GJ;
                case UNKNOWN -> 0;
            };
        }
        for (CombustionUnitSpec unit : units) {
            kgcePerHour += unit.meanPerHour() * FuelFigures.kgcePerCanonicalUnit(unit.fuel());
        }
        return kgcePerHour * HOURS_PER_YEAR / 1_000;
    }

    private static double permittedCod(List<OutletSpec> outlets) {
        double kg = 0;
        for (OutletSpec outlet : outlets) {
            kg += outlet.meanM3PerDay() * DAYS_PER_YEAR * outlet.codLimitMgPerL() * 1e-3 * PERMIT_SHARE_OF_LIMIT_LOAD;
        }
        return kg;
    }

    private static Double permittedAmmoniaNitrogen(List<OutletSpec> outlets) {
        double kg = 0;
        for (OutletSpec outlet : outlets) {
            if (outlet.ammoniaNitrogenLimitMgPerL() == null) {
                return null;
            }
            kg += outlet.meanM3PerDay() * DAYS_PER_YEAR * outlet.ammoniaNitrogenLimitMgPerL() * 1e-3
                    * PERMIT_SHARE_OF_LIMIT_LOAD;
        }
        return round(kg, 1);
    }

    /** G = 2 x B x S x D x (1 - eta), the material balance of domain.md section 3, in kg per year. */
    private static Double permittedSo2(List<CombustionUnitSpec> units) {
        double kg = 0;
        boolean any = false;
        for (CombustionUnitSpec unit : units) {
            if (unit.sulfurPercent() == null || FuelFigures.gaseous(unit.fuel())) {
                continue;
            }
            any = true;
            double tonnesPerYear = unit.meanPerHour() * HOURS_PER_YEAR;
            double eta = unit.desulfurizationPercent() == null ? 0 : unit.desulfurizationPercent() / 100;
            kg += 2 * tonnesPerYear * 1_000 * unit.sulfurPercent() / 100
                    * FuelFigures.sulfurToSo2Fraction(unit.fuel()) * (1 - eta);
        }
        return any ? round(kg * SO2_PERMIT_HEADROOM, 1) : null;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
