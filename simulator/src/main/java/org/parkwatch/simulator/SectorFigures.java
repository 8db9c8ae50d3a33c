package org.parkwatch.simulator;

import java.util.List;
import org.parkwatch.avro.FuelType;

/**
 * Magnitudes of a typical enterprise of each sector. Where a figure comes from the domain reference
 * (shared/reference/domain.md) its section is cited; every other figure is an assumption for simulation, chosen to
 * be of the right order for an above-designated-size enterprise (annual revenue of at least RMB 20 million,
 * domain.md section 6.6).
 */
final class SectorFigures {

    private SectorFigures() {
    }

    /** Share of the park's enterprises in the sector. Assumption for simulation: a mixed Yangtze-delta park. */
    static double weight(Sector sector) {
        return switch (sector) {
            case STEEL, PETROCHEMICALS -> 0.08;
            case CHEMICALS -> 0.15;
            case ELECTRONICS -> 0.20;
            case TEXTILES, FOOD -> 0.12;
            case EQUIPMENT -> 0.25;
        };
    }

    static LoadProfile profile(Sector sector) {
        return switch (sector) {
            case STEEL, PETROCHEMICALS, CHEMICALS, ELECTRONICS -> LoadProfile.CONTINUOUS;
            case TEXTILES, FOOD -> LoadProfile.TWO_SHIFT;
            case EQUIPMENT -> LoadProfile.DAY_SHIFT;
        };
    }

    /** Mean electric demand of the whole enterprise, kW (= kWh per hour). */
    static Range electricityKw(Sector sector) {
        return switch (sector) {
            // EAF steel: 300-550 kWh/t, ~425 kWh/t typical (domain.md section 7) times an assumed 300-1 100 t of
            // liquid steel a day: 425 x 300 / 24 = 5.3 MW to 550 x 1 100 / 24 = 25 MW.
            case STEEL -> new Range(5_000, 25_000);
            // Assumption for simulation.
            case PETROCHEMICALS -> new Range(3_000, 20_000);
            // Assumption for simulation: domain.md section 7 has no reliable per-plant figure for chemicals.
            case CHEMICALS -> new Range(500, 8_000);
            // Semiconductor fabs draw 30-60 MW (domain.md section 7); assembly and component plants, the
            // majority in a park, far less (assumption), hence the wide range topped at 40 MW.
            case ELECTRONICS -> new Range(1_000, 40_000);
            // Assumptions for simulation.
            case TEXTILES -> new Range(300, 3_000);
            case FOOD -> new Range(200, 2_000);
            case EQUIPMENT -> new Range(300, 5_000);
        };
    }

    /**
     * Probability that the enterprise buys part of its electricity through green-power trading. Assumption for
     * simulation; Jiangsu's near-zero-carbon park guide asks for a renewable electricity share of at least 30 %
     * (domain.md section 6.4), so buyers are common.
     */
    static double greenElectricityProbability(Sector sector) {
        return sector == Sector.ELECTRONICS ? 0.6 : 0.3;
    }

    /** Share of a green buyer's electricity that is green. Assumption for simulation, around the 30 % of 6.4. */
    static Range greenShare() {
        return new Range(0.1, 0.4);
    }

    /** Probability of a purchased-steam meter. Assumption for simulation. */
    static double steamProbability(Sector sector) {
        return switch (sector) {
            case PETROCHEMICALS, TEXTILES -> 0.8;
            case CHEMICALS, FOOD -> 0.7;
            case STEEL -> 0.2;
            case ELECTRONICS, EQUIPMENT -> 0.0;
        };
    }

    /** Purchased steam, t/h. Assumption for simulation (industrial boilers deliver a few to a few tens of t/h). */
    static Range steamTonnesPerHour(Sector sector) {
        return switch (sector) {
            case PETROCHEMICALS -> new Range(10, 60);
            case CHEMICALS -> new Range(5, 40);
            case TEXTILES -> new Range(3, 20);
            case FOOD -> new Range(2, 15);
            case STEEL, ELECTRONICS, EQUIPMENT -> new Range(2, 10);
        };
    }

    /**
     * Specific enthalpy of delivered steam, kJ/kg. Assumption for simulation: saturated steam at around 1 MPa is
     * near 2 780 kJ/kg and superheated process steam reaches 3 300 kJ/kg.
     */
    static Range steamEnthalpyKjPerKg() {
        return new Range(2_700, 3_300);
    }

    /** Probability of a purchased hot-water heat meter (GJ) when there is no steam meter. Assumption. */
    static double heatProbability(Sector sector) {
        return switch (sector) {
            case EQUIPMENT -> 0.4;
            case ELECTRONICS -> 0.3;
            default -> 0.1;
        };
    }

    /** Purchased heat, GJ/h. Assumption for simulation. */
    static Range heatGjPerHour(Sector sector) {
        return sector == Sector.ELECTRONICS ? new Range(2, 15) : new Range(1, 8);
    }

    /** Number of combustion units (boilers, furnaces). Assumption for simulation. */
    static Range combustionUnits(Sector sector) {
        return switch (sector) {
            case STEEL, PETROCHEMICALS, CHEMICALS -> new Range(1, 3);
            case ELECTRONICS -> new Range(0, 1);
            case TEXTILES, FOOD, EQUIPMENT -> new Range(0, 2);
        };
    }

    /** The fuels a unit of the sector burns; a fuel listed twice is twice as likely. Assumption for simulation. */
    static List<FuelType> fuels(Sector sector) {
        return switch (sector) {
            case STEEL -> List.of(FuelType.NATURAL_GAS, FuelType.NATURAL_GAS, FuelType.COKE, FuelType.COKE_OVEN_GAS);
            case PETROCHEMICALS -> List.of(FuelType.REFINERY_DRY_GAS, FuelType.REFINERY_DRY_GAS,
                    FuelType.FUEL_OIL, FuelType.NATURAL_GAS);
            case CHEMICALS -> List.of(FuelType.RAW_COAL, FuelType.RAW_COAL, FuelType.WASHED_COAL,
                    FuelType.NATURAL_GAS);
            case ELECTRONICS -> List.of(FuelType.NATURAL_GAS, FuelType.NATURAL_GAS, FuelType.DIESEL);
            case TEXTILES -> List.of(FuelType.RAW_COAL, FuelType.NATURAL_GAS, FuelType.NATURAL_GAS);
            case FOOD -> List.of(FuelType.NATURAL_GAS, FuelType.NATURAL_GAS, FuelType.LPG, FuelType.RAW_COAL);
            case EQUIPMENT -> List.of(FuelType.NATURAL_GAS, FuelType.NATURAL_GAS, FuelType.DIESEL);
        };
    }

    /**
     * Wastewater flow of one outlet, m3/day. The HJ 212-2017 examples show 16.4-20.1 L/s, about 1 512 m3/day
     * (domain.md section 7); the spread around it is an assumption for simulation.
     */
    static Range wastewaterM3PerDay(Sector sector) {
        return switch (sector) {
            case STEEL -> new Range(200, 1_500);
            case PETROCHEMICALS, TEXTILES, ELECTRONICS -> new Range(500, 3_000);
            case CHEMICALS -> new Range(200, 2_000);
            case FOOD -> new Range(100, 1_500);
            case EQUIPMENT -> new Range(50, 500);
        };
    }

    /**
     * Energy consumption per IAV, tce per 10^4 RMB, used to derive an enterprise's IAV from its energy use. The
     * national ETDZs span about 0.012-2.5 tce/10^4 RMB (domain.md section 7, derived from BG-3); each sector's
     * sub-range is an assumption for simulation, heavy industry high and assembly low.
     */
    static Range energyIntensityTcePerTenThousandRmb(Sector sector) {
        return switch (sector) {
            case STEEL -> new Range(0.8, 2.0);
            case PETROCHEMICALS -> new Range(0.6, 1.5);
            case CHEMICALS -> new Range(0.4, 1.2);
            case ELECTRONICS -> new Range(0.05, 0.25);
            case TEXTILES -> new Range(0.2, 0.6);
            case FOOD -> new Range(0.1, 0.35);
            case EQUIPMENT -> new Range(0.05, 0.2);
        };
    }
}
