package org.parkwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionScope;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.Totals;
import org.parkwatch.avro.WindowKind;

/**
 * A small park worked by hand: enterprise E1 (electricity, green electricity, coal) and E2 (wastewater), March 2025
 * on the Asia/Shanghai calendar, i.e. [2025-02-28T16:00Z, 2025-03-31T16:00Z). Every amount is computed in the comment
 * beside it from the formula and the factor (README, Units, formulas and sources).
 */
final class ReportFixture {

    static final String PARK = "park-1";
    static final Instant MARCH_START = Instant.parse("2025-02-28T16:00:00Z");
    static final Instant MARCH_END = Instant.parse("2025-03-31T16:00:00Z");
    static final Instant GRID_2023 = Instant.parse("2022-12-31T16:00:00Z");
    /** A later grid factor, in force from 15 March local: activity priced before it after that is due for restatement. */
    static final Instant GRID_MID_MARCH = Instant.parse("2025-03-14T16:00:00Z");
    static final String E1_NAME = "华东化工";

    static final FactorRef GRID = ref("grid.location.EAST", GRID_2023, 0.5366, "tCO2/MWh");
    static final FactorRef RESIDUAL = ref("grid.market.residual", GRID_2023, 0.6205, "tCO2/MWh");
    static final FactorRef TCE_ELECTRICITY = ref("tce.electricity", GRID_2023, 0.1229, "kgce/kWh");
    static final FactorRef COAL = ref("fuel.RAW_COAL", GRID_2023, 20.908, "GJ/t");

    final List<EmissionEntry> ledger = new ArrayList<>();

    ReportFixture() {
        // E1, meter m1: 10 000 kWh of grid electricity, 10 March 09:00-10:00 local.
        Instant m1From = Instant.parse("2025-03-10T01:00:00Z");
        Instant m1To = Instant.parse("2025-03-10T02:00:00Z");
        // location: 10 000 kWh / 1000 x 0.5366 tCO2/MWh = 5.366 t = 5 366 000 000 mg
        ledger.add(entry("m1:CO2:SCOPE2_LOCATION", "m1", "E1", "meter-1", Pollutant.CO2, EmissionScope.SCOPE2_LOCATION,
                5_366_000_000L, m1From, m1To, Map.of("electricityKwh", 10_000.0, "gridFactorTco2PerMwh", 0.5366), GRID));
        // market: 10 MWh x 0.6205 = 6.205 t
        ledger.add(entry("m1:CO2:SCOPE2_MARKET", "m1", "E1", "meter-1", Pollutant.CO2, EmissionScope.SCOPE2_MARKET,
                6_205_000_000L, m1From, m1To, Map.of("electricityKwh", 10_000.0, "marketFactorTco2PerMwh", 0.6205),
                RESIDUAL));
        // energy: 10 000 kWh x 0.1229 kgce/kWh = 1 229 kgce = 1 229 000 000 mgce
        ledger.add(entry("m1:ENERGY:NONE", "m1", "E1", "meter-1", Pollutant.ENERGY, EmissionScope.NONE,
                1_229_000_000L, m1From, m1To, Map.of("electricityKwh", 10_000.0, "tceKgcePerKwh", 0.1229),
                TCE_ELECTRICITY));
        // E1, meter g1: 4 000 kWh of green electricity, 20 March (after the mid-March grid version).
        Instant g1From = Instant.parse("2025-03-20T01:00:00Z");
        Instant g1To = Instant.parse("2025-03-20T02:00:00Z");
        // location: 4 MWh x 0.5366 = 2.1464 t; market: 0 (green-power trading); energy: 4 000 x 0.1229 = 491.6 kgce
        ledger.add(entry("g1:CO2:SCOPE2_LOCATION", "g1", "E1", "green-1", Pollutant.CO2, EmissionScope.SCOPE2_LOCATION,
                2_146_400_000L, g1From, g1To, Map.of("electricityKwh", 4_000.0, "gridFactorTco2PerMwh", 0.5366), GRID));
        ledger.add(entry("g1:CO2:SCOPE2_MARKET", "g1", "E1", "green-1", Pollutant.CO2, EmissionScope.SCOPE2_MARKET,
                0L, g1From, g1To, Map.of("electricityKwh", 4_000.0, "marketFactorTco2PerMwh", 0.0)));
        ledger.add(entry("g1:ENERGY:NONE", "g1", "E1", "green-1", Pollutant.ENERGY, EmissionScope.NONE,
                491_600_000L, g1From, g1To, Map.of("electricityKwh", 4_000.0, "tceKgcePerKwh", 0.1229),
                TCE_ELECTRICITY));
        // E1, boiler b1: 10 t of raw coal on 12 March (a day).
        Instant f1From = Instant.parse("2025-03-11T16:00:00Z");
        Instant f1To = Instant.parse("2025-03-12T16:00:00Z");
        // CO2: 10 t x 20.908 GJ/t x 0.02618 tC/GJ x 0.93 x 44/12 = 18.665366104 t (rounded half-even to the mg)
        ledger.add(entry("f1:CO2:SCOPE1", "f1", "E1", "boiler-1", Pollutant.CO2, EmissionScope.SCOPE1,
                18_665_366_104L, f1From, f1To, Map.of("bT", 10.0, "ncvGjPerT", 20.908), COAL));
        // SO2 by material balance: 2 x 10 t x 1 % x 0.8 x (1 - 0) = 0.16 t = 160 kg
        ledger.add(entry("f1:SO2:NONE", "f1", "E1", "boiler-1", Pollutant.SO2, EmissionScope.NONE,
                160_000_000L, f1From, f1To,
                Map.of("bT", 10.0, "sulfurPercent", 1.0, "sulfurConversion", 0.8, "desulfurizationPercent", 0.0),
                COAL));
        // energy: 10 t x 714.3 kgce/t = 7 143 kgce
        ledger.add(entry("f1:ENERGY:NONE", "f1", "E1", "boiler-1", Pollutant.ENERGY, EmissionScope.NONE,
                7_143_000_000L, f1From, f1To, Map.of("bT", 10.0, "kgcePerT", 714.3), COAL));

        // E2, outlet out-1: daily samples.
        Instant w1From = Instant.parse("2025-03-04T16:00:00Z");
        Instant w1To = Instant.parse("2025-03-05T16:00:00Z");
        // COD: 1 000 m3 x 80 mg/L x 10^-3 = 80 kg; NH3-N: 1 000 m3 x 10 mg/L x 10^-3 = 10 kg
        ledger.add(entry("w1:COD:NONE", "w1", "E2", "out-1", Pollutant.COD, EmissionScope.NONE, 80_000_000L,
                w1From, w1To, Map.of("flowM3", 1000.0, "codMgPerL", 80.0)));
        ledger.add(entry("w1:NH3_N:NONE", "w1", "E2", "out-1", Pollutant.NH3_N, EmissionScope.NONE, 10_000_000L,
                w1From, w1To, Map.of("flowM3", 1000.0, "nh3nMgPerL", 10.0)));
        // estimated with the outlet's discharge factor: 500 m3 x 100 mg/L x 10^-3 = 50 kg
        EmissionEntry w2 = entry("w2:COD:NONE", "w2", "E2", "out-1", Pollutant.COD, EmissionScope.NONE, 50_000_000L,
                Instant.parse("2025-03-05T16:00:00Z"), Instant.parse("2025-03-06T16:00:00Z"),
                Map.of("flowM3", 500.0, "codMgPerL", 100.0));
        w2.setEstimated(true);
        w2.setEstimationReason("flag M: maintenance");
        ledger.add(w2);
        // the last day of March: its accounting time is 2025-03-31T15:59:59.999Z, still March local: 200 m3 x 50 = 10 kg
        ledger.add(entry("w3:COD:NONE", "w3", "E2", "out-1", Pollutant.COD, EmissionScope.NONE, 10_000_000L,
                Instant.parse("2025-03-30T16:00:00Z"), MARCH_END, Map.of("flowM3", 200.0, "codMgPerL", 50.0)));
        // one millisecond later it is April: not in the March report (300 m3 x 50 mg/L = 15 kg)
        ledger.add(entry("w4:COD:NONE", "w4", "E2", "out-1", Pollutant.COD, EmissionScope.NONE, 15_000_000L,
                Instant.parse("2025-03-30T16:00:00.001Z"), MARCH_END.plusMillis(1),
                Map.of("flowM3", 300.0, "codMgPerL", 50.0)));
        // June: in the year's report only (400 m3 x 50 mg/L = 20 kg)
        ledger.add(entry("w5:COD:NONE", "w5", "E2", "out-1", Pollutant.COD, EmissionScope.NONE, 20_000_000L,
                Instant.parse("2025-06-09T16:00:00Z"), Instant.parse("2025-06-10T16:00:00Z"),
                Map.of("flowM3", 400.0, "codMgPerL", 50.0)));
        // another park's enterprise: never in park-1's report
        EmissionEntry other = entry("x1:COD:NONE", "x1", "X9", "out-9", Pollutant.COD, EmissionScope.NONE,
                99_000_000L, w1From, w1To, Map.of("flowM3", 990.0, "codMgPerL", 100.0));
        other.setParkId("park-2");
        ledger.add(other);
        // the same entry read twice (a resent ledger record): counted once
        ledger.add(EmissionEntry.newBuilder(ledger.get(0)).build());
    }

    static FactorRef ref(String key, Instant validFrom, double value, String unit) {
        return FactorRef.newBuilder().setFactorKey(key).setValidFrom(validFrom).setValue(value).setUnit(unit)
                .setSource("test source of " + key + " [P]").build();
    }

    static EmissionEntry entry(String entryId, String eventId, String enterpriseId, String sourceId,
                               Pollutant pollutant, EmissionScope scope, long mg, Instant from, Instant to,
                               Map<String, Double> inputs, FactorRef... factors) {
        return EmissionEntry.newBuilder().setEntryId(entryId).setEventId(eventId).setInputTopic("park.test")
                .setEnterpriseId(enterpriseId).setParkId(PARK).setSourceId(sourceId).setPollutant(pollutant)
                .setScope(scope).setAmountMg(mg).setAmount(0).setDisplayUnit("t").setActivityQuantity(1)
                .setActivityUnit("x").setIntervalStart(from).setIntervalEnd(to).setFormula("f")
                .setInputs(new LinkedHashMap<>(inputs)).setFactors(List.of(factors)).build();
    }

    static List<Enterprise> enterprises() {
        return List.of(enterprise("E1", E1_NAME, "chemicals"), enterprise("E2", "Acme Textiles", "textiles"));
    }

    static Enterprise enterprise(String id, String name, String sector) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId(PARK).setName(name).setSector(sector)
                .setGridRegion(GridRegion.EAST).setOutlets(List.of()).setPermittedLoads(new PermittedLoads())
                .build();
    }

    /** E1's IAV for March: 1 000 x 10^4 RMB. E2 reports none. */
    static List<OutputReport> outputReports() {
        return List.of(OutputReport.newBuilder().setEventId("iav-E1-2025-03").setEnterpriseId("E1")
                .setPeriodStart(MARCH_START).setPeriodEnd(MARCH_END).setAddedValue(1000)
                .setReportedAt(Instant.parse("2025-04-03T00:00:00Z")).build());
    }

    static List<ThresholdRule> rules() {
        return List.of(
                rule("park.co2.any", "*", "co2.intensity.location", null, 0.6),
                rule("park.co2.own", PARK, "co2.intensity.location", null, 0.02),
                rule("park.energy.any", "*", "energy.intensity", 0.45, 0.5));
    }

    static ThresholdRule rule(String id, String scopeId, String metric, Double warning, double limit) {
        return ThresholdRule.newBuilder().setRuleId(id).setVersion(1).setScopeType(SubjectType.PARK)
                .setScopeId(scopeId).setMetric(metric).setWindow(WindowKind.YEAR_TO_DATE).setWarningLevel(warning)
                .setLimit(limit).setClearLevel(limit * 0.85).setUnit("x").setSource("test rule " + id).build();
    }

    static List<EmissionFactor> factors() {
        return List.of(
                factor("grid.location.EAST", GRID_2023, 0.5366, Instant.parse("2024-12-20T00:00:00Z")),
                factor("grid.location.EAST", GRID_MID_MARCH, 0.5, Instant.parse("2025-04-02T00:00:00Z")));
    }

    static EmissionFactor factor(String key, Instant validFrom, double value, Instant publishedAt) {
        return EmissionFactor.newBuilder().setFactorKey(key).setValidFrom(validFrom).setValue(value)
                .setUnit("tCO2/MWh").setSource("s").setPublishedAt(publishedAt).build();
    }

    static List<Alert> alerts() {
        return List.of(
                alert("a-march", PARK, Instant.parse("2025-03-10T01:59:59.999Z"), MARCH_START, MARCH_END),
                alert("a-other-park", "park-2", Instant.parse("2025-03-10T01:59:59.999Z"), MARCH_START, MARCH_END),
                alert("a-february", PARK, Instant.parse("2025-02-10T00:00:00Z"),
                        Instant.parse("2025-01-31T16:00:00Z"), MARCH_START));
    }

    static Alert alert(String id, String park, Instant at, Instant windowStart, Instant windowEnd) {
        return Alert.newBuilder().setAlertId(id).setRuleId("park.co2.own").setRuleVersion(1)
                .setSubjectType(SubjectType.PARK).setSubjectId(park).setParkId(park)
                .setMetric("co2.intensity.location").setWindow(WindowKind.MONTH_TO_DATE).setWindowStart(windowStart)
                .setWindowEnd(windowEnd).setSeverity(AlertSeverity.CRITICAL).setState(AlertState.OPEN).setValue(0.03)
                .setLimit(0.02).setClearLevel(0.017).setUnit("tCO2/10^4 RMB").setOpenedAt(at).setTransitionAt(at)
                .setLedgerEntryIds(List.of("m1:CO2:SCOPE2_LOCATION")).setMessage("over").build();
    }

    /** The park's closed March total, and E1's day of 10 March closed twice (republished). */
    static List<EmissionTotals> closedTotals() {
        return List.of(
                totals(SubjectType.PARK, PARK, WindowKind.MONTH_TO_DATE, MARCH_START, MARCH_END, 1),
                totals(SubjectType.ENTERPRISE, "E1", WindowKind.DAY, Instant.parse("2025-03-09T16:00:00Z"),
                        Instant.parse("2025-03-10T16:00:00Z"), 3),
                totals(SubjectType.ENTERPRISE, "E1", WindowKind.DAY, Instant.parse("2025-03-09T16:00:00Z"),
                        Instant.parse("2025-03-10T16:00:00Z"), 4));
    }

    static EmissionTotals totals(SubjectType type, String id, WindowKind window, Instant start, Instant end,
                                 long entries) {
        return EmissionTotals.newBuilder().setSubjectType(type).setSubjectId(id).setParkId(PARK).setWindow(window)
                .setWindowStart(start).setWindowEnd(end).setClosed(true)
                .setTotals(Totals.newBuilder().setEntryCount(entries).build()).build();
    }

    ReportInputs inputs(ReportPeriod period, Instant generatedAt, List<EmissionTotals> totals) {
        return new ReportInputs(PARK, period, ledger, alerts(), factors(), enterprises(), outputReports(), rules(),
                totals, List.of(), generatedAt);
    }
}
