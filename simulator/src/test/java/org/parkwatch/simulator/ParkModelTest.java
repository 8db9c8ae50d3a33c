package org.parkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;

class ParkModelTest {

    private static final ParkModel PARK = ParkModel.generate(ParkSettings.defaults(42));

    @Test
    void shouldBuildTheSameParkFromTheSameSeed() {
        ParkModel again = ParkModel.generate(ParkSettings.defaults(42));
        ParkModel other = ParkModel.generate(ParkSettings.defaults(43));

        assertThat(again.enterprises()).isEqualTo(PARK.enterprises());
        assertThat(other.enterprises()).isNotEqualTo(PARK.enterprises());
    }

    @Test
    void shouldNumberFiftyEnterprisesByDefaultAndCoverEverySector() {
        List<EnterpriseSpec> enterprises = PARK.enterprises();

        assertThat(enterprises).hasSize(50);
        assertThat(enterprises.get(0).enterpriseId()).isEqualTo("E0001");
        assertThat(enterprises.get(49).enterpriseId()).isEqualTo("E0050");
        assertThat(PARK.parkId()).isEqualTo("park-1");
        assertThat(enterprises.stream().map(EnterpriseSpec::sector).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Sector.values());
    }

    @Test
    void shouldKeepAnEnterpriseTheSameWhenTheParkGrows() {
        ParkModel larger = ParkModel.generate(ParkSettings.defaults(42).withEnterpriseCount(200));

        assertThat(larger.enterprises().subList(0, 50)).isEqualTo(PARK.enterprises());
    }

    @Test
    void shouldAcceptOneToFiveThousandEnterprises() {
        assertThat(ParkModel.generate(ParkSettings.defaults(1).withEnterpriseCount(5_000)).enterprises())
                .hasSize(5_000)
                .last().extracting(EnterpriseSpec::enterpriseId).isEqualTo("E5000");
        assertThatThrownBy(() -> ParkSettings.defaults(1).withEnterpriseCount(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParkSettings.defaults(1).withEnterpriseCount(5_001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveEachEnterpriseOneToThreeMetersUpToThreeUnitsAndOneOrTwoOutlets() {
        for (EnterpriseSpec e : PARK.enterprises()) {
            assertThat(e.meters()).hasSizeBetween(1, 3);
            assertThat(e.meters().get(0).carrier()).isEqualTo(EnergyCarrier.ELECTRICITY);
            assertThat(e.combustionUnits()).hasSizeBetween(0, 3);
            assertThat(e.outlets()).hasSizeBetween(1, 2);
            for (MeterSpec meter : e.meters()) {
                assertThat(meter.meterId()).startsWith(e.enterpriseId() + "-M");
                assertThat(meter.steamEnthalpyKjPerKg() != null).isEqualTo(meter.carrier() == EnergyCarrier.STEAM);
            }
        }
        Set<EnergyCarrier> carriers = PARK.enterprises().stream().flatMap(e -> e.meters().stream())
                .map(MeterSpec::carrier).collect(Collectors.toSet());
        assertThat(carriers).isEqualTo(EnumSet.of(EnergyCarrier.ELECTRICITY, EnergyCarrier.GREEN_ELECTRICITY,
                EnergyCarrier.HEAT, EnergyCarrier.STEAM));
    }

    @Test
    void shouldSetTheGb8978LimitsOfEachOutletsDischargeClass() {
        for (EnterpriseSpec e : PARK.enterprises()) {
            boolean petrochemical = e.sector() == Sector.PETROCHEMICALS;
            for (OutletSpec outlet : e.outlets()) {
                // GB 8978-1996 Table 4 (domain.md section 4): class 2 COD 150 (petrochemicals 120), NH3-N 25
                // (petrochemicals 50); class 3 COD 500 and no NH3-N limit.
                if (outlet.dischargeClass().equals("GB8978-1996/2")) {
                    assertThat(outlet.codLimitMgPerL()).isEqualTo(petrochemical ? 120.0 : 150.0);
                    assertThat(outlet.ammoniaNitrogenLimitMgPerL()).isEqualTo(petrochemical ? 50.0 : 25.0);
                } else {
                    assertThat(outlet.dischargeClass()).isEqualTo("GB8978-1996/3");
                    assertThat(outlet.codLimitMgPerL()).isEqualTo(500.0);
                    assertThat(outlet.ammoniaNitrogenLimitMgPerL()).isNull();
                }
                assertThat(outlet.typicalCodMgPerL()).isBetween(0.3 * outlet.codLimitMgPerL(),
                        0.7 * outlet.codLimitMgPerL());
            }
        }
    }

    @Test
    void shouldDeriveAddedValueSoThatEnergyIntensityLiesInTheRangeOfNationalParks() {
        for (EnterpriseSpec e : PARK.enterprises()) {
            // Energy per hour in kgce with the calorific equivalents of domain.md section 5.
            double kgcePerHour = 0;
            for (MeterSpec m : e.meters()) {
                kgcePerHour += switch (m.carrier()) {
                    case ELECTRICITY, GREEN_ELECTRICITY -> m.meanPerHour() * 0.1229;
                    case HEAT -> m.meanPerHour() * 34.12;
                    case STEAM -> m.meanPerHour() * (m.steamEnthalpyKjPerKg() - 83.74) / 1000 * 34.12;
                    default -> 0;
                };
            }
            for (CombustionUnitSpec u : e.combustionUnits()) {
                double kgcePerUnit = switch (u.fuel()) {
                    case RAW_COAL -> 714.3;
                    case WASHED_COAL -> 900;
                    case COKE -> 971.4;
                    case FUEL_OIL -> 1428.6;
                    case DIESEL -> 1457.1;
                    case LPG -> 1714.3;
                    case REFINERY_DRY_GAS -> 1571.4;
                    case NATURAL_GAS -> 1.2143;
                    case COKE_OVEN_GAS -> 0.6143;
                    default -> throw new AssertionError("unexpected fuel " + u.fuel());
                };
                kgcePerHour += u.meanPerHour() * kgcePerUnit;
            }
            double tcePerYear = kgcePerHour * 8760 / 1000;
            double intensity = tcePerYear / e.annualAddedValue();
            // National ETDZs: 0.012-2.5 tce per 10^4 RMB (domain.md section 7).
            assertThat(intensity).as(e.enterpriseId()).isBetween(0.012, 2.5);
        }
    }

    @Test
    void shouldDescribeEachEnterpriseInAnEnterpriseRecord() {
        EnterpriseSpec spec = PARK.enterprises().get(0);
        Enterprise record = PARK.enterpriseRecord(spec);

        assertThat(record.getEnterpriseId()).isEqualTo("E0001");
        assertThat(record.getParkId()).isEqualTo("park-1");
        assertThat(record.getSector()).isEqualTo("steel");
        assertThat(record.getGridRegion()).isEqualTo(GridRegion.EAST);
        assertThat(record.getActive()).isTrue();
        assertThat(record.getOutlets()).hasSameSizeAs(spec.outlets());
        assertThat(record.getOutlets().get(0).getOutletId()).isEqualTo("E0001-W1");
        assertThat(record.getOutlets().get(0).getCodLimitMgPerL()).isEqualTo(spec.outlets().get(0).codLimitMgPerL());
        assertThat(record.getPermittedLoads().getCodKgPerYear()).isEqualTo(spec.permittedCodKgPerYear());
        assertThat(PARK.enterpriseRecords()).hasSize(50);
    }

    @Test
    void shouldSetTheCodPermitAtEightyPercentOfTheLimitLoadAtMeanFlow() {
        EnterpriseSpec spec = PARK.enterprises().get(3);
        double expected = 0;
        for (OutletSpec o : spec.outlets()) {
            // m3/day x 365 days x mg/L x 1e-3 = kg/year, times 0.8.
            expected += o.meanM3PerDay() * 365 * o.codLimitMgPerL() * 1e-3 * 0.8;
        }
        assertThat(spec.permittedCodKgPerYear()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
    }
}
