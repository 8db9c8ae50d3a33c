package org.parkwatch.topology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.Stack;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WastewaterSample;

/**
 * A day of a small park's activity, generated from a seed, with the figures it must give worked out by hand from the
 * README's formulas and the test factor table ({@link #FACTORS}), independently of the pipeline's code.
 *
 * <p>Four enterprises in two parks: hourly electricity readings, coal burnt in two-hour batches by two of them,
 * two-hourly wastewater samples at every outlet (a few with a failed COD analyser, filled in with the outlet's discharge
 * factor), a few COD concentration breaches, a few resends, and IAV reports (one revised, one covering half the day,
 * one enterprise without any). E3's boiler exhausts by a stack with a CEMS: hourly flue-gas samples (a few hours
 * missing, a few with the SO2 analyser faulty) account its SO2, NOx and particulate, and its coal's SO2 mass balance
 * counts only for the hours without a valid CEMS value (half of a two-hour batch each). A tail of activity early the
 * next day carries every input past the day's end plus the grace period, so every hour and the day close.
 */
final class DayOfActivity {

    /** The day of activity, local (Asia/Shanghai). */
    static final LocalDate DAY = LocalDate.of(2023, 5, 10);
    static final Instant DAY_START = DAY.atStartOfDay(PipelineFixture.SHANGHAI).toInstant();
    static final Instant REPORTED = Instant.parse("2023-05-20T00:00:00Z");

    // The test factor table, valid for 2023 (the same round figures as PipelineFixture.standardFactors):
    // electricity 0.55 tCO2/MWh location (EAST), 0.6096 tCO2/MWh market residual, 0.1229 kgce/kWh;
    // raw coal NCV 20.908 GJ/t, carbon content 0.02637 tC/GJ, oxidation 0.94, 714.3 kgce/t, sulfur 1 %, conversion 0.8.
    static final long CO2_LOCATION_MG_PER_KWH = 550_000L;    // 0.55 t/MWh = 0.55 kg/kWh
    static final long CO2_MARKET_MG_PER_KWH = 609_600L;      // 0.6096 kg/kWh
    static final long ENERGY_MGCE_PER_KWH = 122_900L;        // 0.1229 kgce/kWh
    static final String FACTORS = "grid.location.EAST 0.55, grid.market.residual 0.6096, tce.electricity 0.1229, "
            + "fuel.RAW_COAL (20.908, 0.02637, 0.94, 714.3, S 1 %, D 0.8), outlet discharge factors COD 80, NH3-N 10";
    static final double COD_LIMIT = 500.0;
    static final double NH3N_LIMIT = 45.0;
    static final double COD_DISCHARGE_FACTOR = 80.0;
    static final double NH3N_DISCHARGE_FACTOR = 10.0;

    /** The inputs an event comes on. */
    enum Input { METER, FUEL, WASTEWATER, FLUE_GAS, IAV }

    /** What E3's CEMS sends for an hour. */
    enum CemsHour { VALID, SO2_FAULTY, MISSING }

    /** One record to deliver: its input, key, value and event time (the last millisecond of its interval). */
    record Event(int index, Input input, String key, SpecificRecord value, Instant eventTime, String eventId) {

        @Override
        public String toString() {
            return "#" + index + " " + input + " " + eventId + " @" + eventTime.atZone(PipelineFixture.SHANGHAI)
                    .toLocalDateTime();
        }
    }

    /** A COD concentration breach, and the measured sample after it (which resolves its alert). */
    record Breach(String enterpriseId, String outletId, Instant eventTime, double ratio, double nextRatio) {
    }

    final List<Enterprise> enterprises = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final List<Breach> breaches = new ArrayList<>();
    /** Hand-computed totals: key {@code ENTERPRISE:E1:HOUR:<start>} -> amounts (see {@link Sums}). */
    final Map<String, Sums> expectedTotals = new TreeMap<>();
    /** Hand-computed covered emissions (hours an IAV report covers) per enterprise and day window key. */
    final Map<String, Sums> expectedCovered = new TreeMap<>();
    /** IAV per enterprise per hour of the day, from the winning report (null: not covered). */
    final Map<String, double[]> iavPerHour = new LinkedHashMap<>();
    final long e1CodPermitMg;

    private final Map<String, String> parkOf = new LinkedHashMap<>();
    /** The enterprise whose boiler B1 exhausts by stack S1, which has a CEMS. */
    static final String CEMS_ENTERPRISE = "E3";
    private final CemsHour[] cemsHours = new CemsHour[24];
    /** How many CEMS_SUPERSEDED ledger entries the day writes: one per coal batch of E3 and hour its CEMS measured. */
    long supersessionEntries;

    /** Exact amounts of one window, in mg (energy in mgce), and its entry counts. */
    static final class Sums {
        long co2Scope1;
        long co2Location;
        long co2Market;
        long so2;
        long cod;
        long nh3n;
        long energy;
        long nox;
        long particulate;
        long entries;
        long estimated;

        void add(Sums o) {
            co2Scope1 += o.co2Scope1;
            co2Location += o.co2Location;
            co2Market += o.co2Market;
            so2 += o.so2;
            cod += o.cod;
            nh3n += o.nh3n;
            energy += o.energy;
            nox += o.nox;
            particulate += o.particulate;
            entries += o.entries;
            estimated += o.estimated;
        }

        List<Long> asList() {
            return List.of(co2Scope1, co2Location, co2Market, so2, cod, nh3n, energy, nox, particulate, entries,
                    estimated);
        }
    }

    DayOfActivity(long seed) {
        Random random = new Random(seed);
        String[][] layout = {{"E1", "park-1", "W1,W2"}, {"E2", "park-1", "W1"}, {"E3", "park-1", "W1"},
                {"E4", "park-2", "W1"}};
        for (String[] e : layout) {
            parkOf.put(e[0], e[1]);
        }
        Set<String> burnsCoal = Set.of("E1", "E3");
        // breaches: three (outlet, two-hour sample) pairs at different outlets, never the last sample of the day
        List<String> outlets = new ArrayList<>();
        for (String[] e : layout) {
            for (String o : e[2].split(",")) {
                outlets.add(e[0] + "/" + o);
            }
        }
        Map<String, Integer> breachHour = new LinkedHashMap<>();
        while (breachHour.size() < 3) {
            breachHour.putIfAbsent(outlets.get(random.nextInt(outlets.size())), 2 + 2 * random.nextInt(10));
        }
        // E3's CEMS: one hour in eight missing, one in eight with the SO2 analyser faulty (flag D)
        for (int h = 0; h < 24; h++) {
            int draw = random.nextInt(8);
            cemsHours[h] = draw == 0 ? CemsHour.MISSING : draw == 1 ? CemsHour.SO2_FAULTY : CemsHour.VALID;
        }
        int n = 0;
        for (String[] e : layout) {
            String id = e[0];
            for (int h = 0; h < 24; h++) {
                Instant start = DAY_START.plus(h, ChronoUnit.HOURS);
                Instant end = start.plus(1, ChronoUnit.HOURS);
                n = meter(n, id, start, end, 200 + random.nextInt(801));
                if (id.equals(CEMS_ENTERPRISE) && cemsHours[h] != CemsHour.MISSING) {
                    n = cems(n, start, cemsHours[h] == CemsHour.VALID, 5 + random.nextInt(20),
                            2 + random.nextInt(10), 1 + random.nextInt(3));
                }
                if (burnsCoal.contains(id) && h % 2 == 0) {
                    n = coal(n, id, start, start.plus(2, ChronoUnit.HOURS), 5 + random.nextInt(26));
                }
                if (h % 2 == 1) {
                    continue;
                }
                // a two-hour sample at each outlet
                for (String outlet : e[2].split(",")) {
                    Integer breach = breachHour.get(id + "/" + outlet);
                    boolean isBreach = breach != null && breach == h;
                    boolean afterBreach = breach != null && breach + 2 == h;
                    // a failed analyser (flag D, COD filled in with the discharge factor), never at or after a breach
                    boolean fault = !isBreach && !afterBreach && random.nextInt(10) == 0;
                    int cod = isBreach ? 520 + random.nextInt(131) : 50 + random.nextInt(351);
                    n = sample(n, id, outlet, start, start.plus(2, ChronoUnit.HOURS), 5 + random.nextInt(36),
                            fault ? null : (double) cod,
                            2 + random.nextInt(29));
                    if (isBreach) {
                        breaches.add(new Breach(id, outlet, start.plus(2, ChronoUnit.HOURS).minusMillis(1),
                                cod / COD_LIMIT, Double.NaN));
                    }
                    if (afterBreach) {
                        // this outlet's breach (another outlet may have breached since)
                        for (int i = breaches.size() - 1; i >= 0; i--) {
                            Breach b = breaches.get(i);
                            if (b.enterpriseId().equals(id) && b.outletId().equals(outlet)
                                    && Double.isNaN(b.nextRatio())) {
                                breaches.set(i, new Breach(id, outlet, b.eventTime(), b.ratio(), cod / COD_LIMIT));
                                break;
                            }
                        }
                    }
                }
            }
        }
        // the tail: every activity input of E1 early the next day, past the day's end plus the 2 h grace period
        Instant tail = DAY_START.plus(1, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS);
        n = meter(n, "E1", tail, tail.plus(1, ChronoUnit.HOURS), 500);
        n = coal(n, "E1", tail, tail.plus(1, ChronoUnit.HOURS), 10);
        n = sample(n, "E1", "W1", tail, tail.plus(1, ChronoUnit.HOURS), 10, 100.0, 10);
        n = cems(n, tail, true, 10, 4, 1);
        // resends: four events sent a second time, with the same eventId; they must be counted once
        List<Event> originals = new ArrayList<>(events);
        Set<Integer> resent = new HashSet<>();
        while (resent.size() < 4) {
            resent.add(random.nextInt(originals.size()));
        }
        for (int i : resent) {
            Event o = originals.get(i);
            events.add(new Event(events.size(), o.input(), o.key(), o.value(), o.eventTime(), o.eventId()));
        }
        // IAV reports (10^4 RMB): E2's first report is revised by a later one; E3 reports only the morning; E4 none
        iav("iav-E1", "E1", DAY_START, DAY_START.plus(1, ChronoUnit.DAYS), 240, REPORTED);
        iav("iav-E2", "E2", DAY_START, DAY_START.plus(1, ChronoUnit.DAYS), 120, REPORTED);
        iav("iav-E2-rev", "E2", DAY_START, DAY_START.plus(1, ChronoUnit.DAYS), 180, REPORTED.plus(Duration.ofDays(1)));
        iav("iav-E3", "E3", DAY_START, DAY_START.plus(12, ChronoUnit.HOURS), 60, REPORTED);
        iavPerHour.put("E1", perHour(24, 240.0 / 24));
        iavPerHour.put("E2", perHour(24, 180.0 / 24));
        iavPerHour.put("E3", perHour(12, 60.0 / 12));
        iavPerHour.put("E4", perHour(0, 0));

        // E1's annual COD permit: its year-to-date COD is 90 % of it, between the quota rule's warning level (80 %)
        // and its limit
        long e1Cod = expectedTotals.get("ENTERPRISE:E1:YEAR_TO_DATE:" + yearStart()).cod;
        e1CodPermitMg = e1Cod * 10 / 9;
        for (String[] e : layout) {
            enterprises.add(enterprise(e[0], e[1], e[2].split(","),
                    e[0].equals("E1") ? new PermittedLoads(e1CodPermitMg / 1e6, null, null)
                            : new PermittedLoads(null, null, null)));
        }
    }

    private static double[] perHour(int coveredHours, double perHour) {
        double[] hours = new double[24];
        java.util.Arrays.fill(hours, Double.NaN);
        for (int h = 0; h < coveredHours; h++) {
            hours[h] = perHour;
        }
        return hours;
    }

    static Instant yearStart() {
        return DAY.withDayOfYear(1).atStartOfDay(PipelineFixture.SHANGHAI).toInstant();
    }

    static Enterprise enterprise(String id, String parkId, String[] outletIds, PermittedLoads permit) {
        List<Outlet> outlets = new ArrayList<>();
        for (String o : outletIds) {
            outlets.add(Outlet.newBuilder().setOutletId(o).setDischargeClass("GB8978-1996/3")
                    .setCodLimitMgPerL(COD_LIMIT).setAmmoniaNitrogenLimitMgPerL(NH3N_LIMIT)
                    .setCodDischargeFactorMgPerL(COD_DISCHARGE_FACTOR)
                    .setAmmoniaNitrogenDischargeFactorMgPerL(NH3N_DISCHARGE_FACTOR).build());
        }
        List<Stack> stacks = !id.equals(CEMS_ENTERPRISE) ? List.of() : List.of(Stack.newBuilder().setStackId("S1")
                .setCombustionUnits(List.of("B1")).setCems(true).setSo2LimitMgPerM3(400.0)
                .setParticulateLimitMgPerM3(80.0).build());
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId(parkId).setName("Enterprise " + id)
                .setSector("chemicals").setGridRegion(GridRegion.EAST).setOutlets(outlets).setStacks(stacks)
                .setPermittedLoads(permit).setActive(true).build();
    }

    private int meter(int n, String id, Instant start, Instant end, int kWh) {
        String eventId = "m-" + id + "-" + n;
        MeterReading r = MeterReading.newBuilder().setEventId(eventId).setEnterpriseId(id).setMeterId("M1")
                .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(kWh).setUnit("kWh").setIntervalStart(start)
                .setIntervalEnd(end).build();
        Sums s = new Sums();
        s.co2Location = kWh * CO2_LOCATION_MG_PER_KWH;
        s.co2Market = kWh * CO2_MARKET_MG_PER_KWH;
        s.energy = kWh * ENERGY_MGCE_PER_KWH;
        s.entries = 3;
        add(Input.METER, id, r, end, eventId, s);
        return n + 1;
    }

    /** Raw coal in tenths of a tonne, sulfur and desulfurization not reported (defaults: S 1 %, no removal). */
    private int coal(int n, String id, Instant start, Instant end, int tenthsOfTonne) {
        String eventId = "f-" + id + "-" + n;
        double tonnes = tenthsOfTonne / 10.0;
        FuelConsumption f = FuelConsumption.newBuilder().setEventId(eventId).setEnterpriseId(id).setUnitId("B1")
                .setFuel(FuelType.RAW_COAL).setQuantity(tonnes).setUnit("t").setIntervalStart(start)
                .setIntervalEnd(end).build();
        BigDecimal t = BigDecimal.valueOf(tenthsOfTonne).movePointLeft(1);
        Sums s = new Sums();
        // CO2 [t] = AD x NCV x CC x OF x 44/12, in mg, rounded half-even once
        s.co2Scope1 = t.multiply(new BigDecimal("20.908")).multiply(new BigDecimal("0.02637"))
                .multiply(new BigDecimal("0.94")).multiply(BigDecimal.valueOf(44)).movePointRight(9)
                .divide(BigDecimal.valueOf(12), 0, RoundingMode.HALF_EVEN).longValueExact();
        // SO2 [t] = 2 x B x S x D x (1 - eta) = 2 x t x 0.01 x 0.8: 16 kg per tonne, exact
        s.so2 = 16_000_000L * tenthsOfTonne / 10;
        if (id.equals(CEMS_ENTERPRISE)) {
            // the substitute of stack S1's CEMS (estimated): each hour of the batch holds half of it, taken out
            // where the CEMS measured SO2 validly; the tail's batch is on the next day, where the CEMS measured it
            s.estimated = 1;
            long half = s.so2 / 2;
            for (Instant h = start; h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
                long hourOfDay = Duration.between(DAY_START, h).toHours();
                boolean measured = hourOfDay >= 24 || cemsHours[(int) hourOfDay] == CemsHour.VALID;
                if (measured) {
                    s.so2 -= Duration.between(start, end).toHours() == 1 ? s.so2 : half;
                    supersessionEntries++;
                }
            }
        }
        // energy: 714.3 kgce per tonne = 714 300 000 mgce; 71 430 000 per tenth
        s.energy = 71_430_000L * tenthsOfTonne;
        s.entries = 3;
        add(Input.FUEL, id, f, end, eventId, s);
        return n + 1;
    }

    /**
     * One hour of E3's stack S1, loads in whole kg: SO2 counts only if its analyser is not faulty; NOx and
     * particulate always. Converted concentrations stay below the limits (no stack alert in this day).
     */
    private int cems(int n, Instant start, boolean so2Valid, int so2Kg, int noxKg, int particulateKg) {
        String eventId = "c-" + CEMS_ENTERPRISE + "-" + n;
        FlueGasSample g = FlueGasSample.newBuilder().setEventId(eventId).setEnterpriseId(CEMS_ENTERPRISE)
                .setStackId("S1").setFlowM3(100_000.0).setO2Percent(9.0)
                .setSo2(new StackPollutant(150.0, 160.0, (double) so2Kg, so2Valid ? DataFlag.N : DataFlag.D))
                .setNox(new StackPollutant(80.0, 85.0, (double) noxKg, DataFlag.N))
                .setParticulate(new StackPollutant(10.0, 11.0, (double) particulateKg, DataFlag.N))
                .setIntervalStart(start).setIntervalEnd(start.plus(1, ChronoUnit.HOURS)).setSource("hj212").build();
        Sums s = new Sums();
        s.so2 = so2Valid ? so2Kg * 1_000_000L : 0;
        s.nox = noxKg * 1_000_000L;
        s.particulate = particulateKg * 1_000_000L;
        s.entries = so2Valid ? 3 : 2;
        add(Input.FLUE_GAS, CEMS_ENTERPRISE, g, start.plus(1, ChronoUnit.HOURS), eventId, s);
        return n + 1;
    }

    /** COD and NH3-N load = m3 x mg/L x 10^-3 kg = m3 x mg/L x 1 000 mg; a missing COD uses the discharge factor. */
    private int sample(int n, String id, String outlet, Instant start, Instant end, int m3, Double codMgPerL,
                       int nh3nMgPerL) {
        String eventId = "w-" + id + "-" + outlet + "-" + n;
        WastewaterSample w = WastewaterSample.newBuilder().setEventId(eventId).setEnterpriseId(id)
                .setOutletId(outlet).setVolumeM3(m3).setCodMgPerL(codMgPerL)
                .setCodFlag(codMgPerL == null ? DataFlag.D : DataFlag.N)
                .setAmmoniaNitrogenMgPerL((double) nh3nMgPerL).setIntervalStart(start).setIntervalEnd(end).build();
        Sums s = new Sums();
        s.cod = (long) (m3 * (codMgPerL == null ? COD_DISCHARGE_FACTOR : codMgPerL) * 1000);
        s.nh3n = (long) m3 * nh3nMgPerL * 1000;
        s.entries = 2;
        s.estimated = codMgPerL == null ? 1 : 0;
        add(Input.WASTEWATER, id, w, end, eventId, s);
        return n + 1;
    }

    private void iav(String eventId, String id, Instant start, Instant end, double addedValue, Instant reportedAt) {
        OutputReport r = OutputReport.newBuilder().setEventId(eventId).setEnterpriseId(id).setPeriodStart(start)
                .setPeriodEnd(end).setAddedValue(addedValue).setReportedAt(reportedAt).build();
        events.add(new Event(events.size(), Input.IAV, id, r, start, eventId));
    }

    private void add(Input input, String id, SpecificRecord value, Instant intervalEnd, String eventId, Sums s) {
        Instant time = intervalEnd.minusMillis(1);
        events.add(new Event(events.size(), input, id, value, time, eventId));
        ZonedDateTime last = time.atZone(PipelineFixture.SHANGHAI);
        for (String subject : List.of("ENTERPRISE:" + id, "PARK:" + parkOf.get(id))) {
            for (String window : windowKeys(last)) {
                expectedTotals.computeIfAbsent(subject + ":" + window, k -> new Sums()).add(s);
            }
        }
    }

    /** The hour, day, month and year holding an instant, cut by hand on the Shanghai calendar. */
    static List<String> windowKeys(ZonedDateTime last) {
        ZonedDateTime day = last.truncatedTo(ChronoUnit.DAYS);
        return List.of("HOUR:" + last.truncatedTo(ChronoUnit.HOURS).toInstant(), "DAY:" + day.toInstant(),
                "MONTH_TO_DATE:" + day.withDayOfMonth(1).toInstant(), "YEAR_TO_DATE:" + day.withDayOfYear(1).toInstant());
    }

    /** Hand-computed emissions of an enterprise's hours its IAV covers on the day (the intensity's numerator). */
    Sums coveredOnTheDay(String enterpriseId) {
        Sums covered = new Sums();
        double[] iav = iavPerHour.get(enterpriseId);
        for (int h = 0; h < 24; h++) {
            if (!Double.isNaN(iav[h])) {
                Sums hour = expectedTotals.get("ENTERPRISE:" + enterpriseId + ":HOUR:"
                        + DAY_START.plus(h, ChronoUnit.HOURS));
                if (hour != null) {
                    covered.add(hour);
                }
            }
        }
        return covered;
    }

    /** The IAV (10^4 RMB) of an enterprise's covered hours on the day. */
    double iavOnTheDay(String enterpriseId) {
        double sum = 0;
        for (double v : iavPerHour.get(enterpriseId)) {
            sum += Double.isNaN(v) ? 0 : v;
        }
        return sum;
    }

    /** How many hours of the day an IAV report of the enterprise covers. */
    int coveredHoursOnTheDay(String enterpriseId) {
        int hours = 0;
        for (double v : iavPerHour.get(enterpriseId)) {
            hours += Double.isNaN(v) ? 0 : 1;
        }
        return hours;
    }

    String parkOf(String enterpriseId) {
        return parkOf.get(enterpriseId);
    }

    List<String> enterpriseIds() {
        return List.copyOf(parkOf.keySet());
    }
}
