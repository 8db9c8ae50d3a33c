package org.parkwatch.simulator;

import java.util.List;

/**
 * One simulated enterprise: its sources of events and the figures its events are drawn around.
 *
 * @param index                     position in the park, from 0
 * @param enterpriseId              {@code E0001}, {@code E0002}, ...
 * @param name                      a plausible company name
 * @param sector                    its sector
 * @param meters                    1-3 energy meters
 * @param combustionUnits           0-3 boilers or furnaces
 * @param outlets                   1-2 wastewater outlets
 * @param annualAddedValue          nominal industrial added value, 10^4 RMB per year
 * @param permittedCodKgPerYear     annual permitted COD load, kg
 * @param permittedAmmoniaNitrogenKgPerYear annual permitted NH3-N load, kg, or null when the permit sets none
 * @param permittedSo2KgPerYear     annual permitted SO2 load, kg, or null when the enterprise burns no sulfur
 */
public record EnterpriseSpec(int index, String enterpriseId, String name, Sector sector, List<MeterSpec> meters,
                             List<CombustionUnitSpec> combustionUnits, List<OutletSpec> outlets,
                             double annualAddedValue, double permittedCodKgPerYear,
                             Double permittedAmmoniaNitrogenKgPerYear, Double permittedSo2KgPerYear) {

    public EnterpriseSpec {
        meters = List.copyOf(meters);
        combustionUnits = List.copyOf(combustionUnits);
        outlets = List.copyOf(outlets);
    }

    /** Its stacks: one per combustion unit, in the order of the units. */
    public List<StackSpec> stacks() {
        List<StackSpec> stacks = new java.util.ArrayList<>(combustionUnits.size());
        for (int k = 0; k < combustionUnits.size(); k++) {
            stacks.add(FlueGasFigures.stackOf(combustionUnits.get(k), k));
        }
        return stacks;
    }

    LoadProfile profile() {
        return SectorFigures.profile(sector);
    }
}
