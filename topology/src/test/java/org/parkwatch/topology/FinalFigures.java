package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.Totals;
import org.parkwatch.avro.WindowKind;

/**
 * The final state of every figure a run published: the last totals per window key (closed ones as published
 * closed), the last intensity snapshot per window key, the transitions of each alert in order, the dead letters and
 * the ledger entry ids. Intermediate publications do not matter: a consumer of the compacted topics sees the last.
 */
final class FinalFigures {

    private static final double RELATIVE = 1e-9;

    final Map<String, EmissionTotals> totals = new TreeMap<>();
    final Map<String, IntensitySnapshot> intensities = new TreeMap<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<String> ledgerEntryIds = new ArrayList<>();

    void collect(RestartableDriver d) {
        var driver = d.driver();
        var topics = d.topics();
        var serdes = d.serdes();
        var keys = new StringDeserializer();
        for (String topic : List.of(topics.enterpriseTotals(), topics.parkTotals())) {
            driver.createOutputTopic(topic, keys, serdes.emissionTotals().deserializer()).readValuesToList()
                    .forEach(t -> totals.put(key(t), t));
        }
        for (String topic : List.of(topics.enterpriseIntensity(), topics.parkIntensity())) {
            driver.createOutputTopic(topic, keys, serdes.intensitySnapshot().deserializer()).readValuesToList()
                    .forEach(s -> intensities.put(s.getSubjectType() + ":" + s.getSubjectId() + ":" + s.getWindow()
                            + ":" + s.getWindowStart(), s));
        }
        alerts.addAll(driver.createOutputTopic(topics.alerts(), keys, serdes.alert().deserializer()).readValuesToList());
        deadLetters.addAll(driver.createOutputTopic(topics.deadLetters(), keys, serdes.deadLetter().deserializer())
                .readValuesToList());
        LedgerRecords.entries(driver.createOutputTopic(topics.emissionsLedger(), keys,
                        serdes.ledgerRecord().deserializer()).readValuesToList())
                .stream().map(EmissionEntry::getEntryId).forEach(ledgerEntryIds::add);
    }

    static String key(EmissionTotals t) {
        return t.getSubjectType() + ":" + t.getSubjectId() + ":" + t.getWindow() + ":" + t.getWindowStart();
    }

    /** Closed flag and amounts of a published total, as compared. */
    static String figure(EmissionTotals t) {
        return (t.getClosed() ? "closed " : "open ") + amounts(t.getTotals());
    }

    static String amounts(Totals a) {
        return "[co2Scope1 " + a.getCo2Scope1Mg() + ", co2Location " + a.getCo2Scope2LocationMg() + ", co2Market "
                + a.getCo2Scope2MarketMg() + ", so2 " + a.getSo2Mg() + ", cod " + a.getCodMg() + ", nh3n "
                + a.getNh3nMg() + ", energy " + a.getEnergyMgce() + ", nox " + a.getNoxMg() + ", particulate "
                + a.getParticulateMg() + ", entries " + a.getEntryCount() + ", estimated " + a.getEstimatedEntryCount()
                + "]";
    }

    /**
     * The transitions of each alert: a SAMPLE alert (one concentration sample) by its id, with state, severity and
     * value; an alert about a window's running value (quota, intensity) by its key and sequence number, with state
     * and severity only, since its opening time and value depend on when the running figure was published.
     */
    Map<String, List<String>> alertTransitions() {
        Map<String, List<String>> byAlert = new TreeMap<>();
        for (Alert a : alerts) {
            boolean sample = a.getWindow() == WindowKind.SAMPLE;
            String id = sample ? a.getAlertId() : a.getAlertId().replaceFirst("\\|[^|#]*#(\\d+)$", "#$1");
            byAlert.computeIfAbsent(id, k -> new ArrayList<>()).add(a.getState() + " " + a.getSeverity()
                    + (sample ? " " + a.getValue() : ""));
        }
        return byAlert;
    }

    /** Every way this run's final figures differ from {@code expected}'s; empty when they are the same. */
    List<String> differences(FinalFigures expected) {
        List<String> out = new ArrayList<>();
        for (String k : union(expected.totals.keySet(), totals.keySet())) {
            EmissionTotals e = expected.totals.get(k);
            EmissionTotals a = totals.get(k);
            String ef = e == null ? "nothing" : figure(e);
            String af = a == null ? "nothing" : figure(a);
            if (!ef.equals(af)) {
                out.add("totals " + k + ": expected " + ef + " but was " + af);
            }
        }
        for (String k : union(expected.intensities.keySet(), intensities.keySet())) {
            EmissionTotals closed = expected.totals.get(k);
            if (closed == null || !closed.getClosed()) {
                // the intensity of a window still open is a running figure ("so far"), not a final one
                continue;
            }
            IntensitySnapshot e = expected.intensities.get(k);
            IntensitySnapshot a = intensities.get(k);
            if (e == null || a == null || !sameIntensity(e, a)) {
                out.add("intensity " + k + " (closed window): expected " + intensity(e) + " but was " + intensity(a));
            }
        }
        Map<String, List<String>> ea = expected.alertTransitions();
        Map<String, List<String>> aa = alertTransitions();
        for (String k : union(ea.keySet(), aa.keySet())) {
            List<String> e = ea.getOrDefault(k, List.of());
            List<String> a = aa.getOrDefault(k, List.of());
            if (!e.equals(a)) {
                out.add("alert " + k + ": expected " + e + " but was " + a);
            }
        }
        for (DeadLetter d : deadLetters) {
            out.add("dead letter " + d.getReason() + " for " + d.getEventId() + ": " + d.getDetail());
        }
        List<String> el = new ArrayList<>(expected.ledgerEntryIds);
        List<String> al = new ArrayList<>(ledgerEntryIds);
        Collections.sort(el);
        Collections.sort(al);
        if (!el.equals(al)) {
            List<String> missing = new ArrayList<>(el);
            al.forEach(missing::remove);
            List<String> extra = new ArrayList<>(al);
            el.forEach(extra::remove);
            out.add("ledger: missing " + missing + ", extra " + extra);
        }
        return out;
    }

    private static boolean sameIntensity(IntensitySnapshot e, IntensitySnapshot a) {
        return e.getStatus() == a.getStatus() && e.getCoveredMillis() == a.getCoveredMillis()
                && Objects.equals(amounts(e.getTotals()), amounts(a.getTotals()))
                && Objects.equals(amounts(e.getCoveredTotals()), amounts(a.getCoveredTotals()))
                && close(e.getAddedValue(), a.getAddedValue())
                && close(e.getCo2LocationTPer10kRmb(), a.getCo2LocationTPer10kRmb())
                && close(e.getCo2MarketTPer10kRmb(), a.getCo2MarketTPer10kRmb())
                && close(e.getSo2KgPer10kRmb(), a.getSo2KgPer10kRmb())
                && close(e.getCodKgPer10kRmb(), a.getCodKgPer10kRmb())
                && close(e.getNh3nKgPer10kRmb(), a.getNh3nKgPer10kRmb())
                && close(e.getEnergyTcePer10kRmb(), a.getEnergyTcePer10kRmb())
                && close(e.getCo2TPerTce(), a.getCo2TPerTce())
                && new TreeSet<>(e.getIavReportIds()).equals(new TreeSet<>(a.getIavReportIds()));
    }

    private static boolean close(Double e, Double a) {
        if (e == null || a == null) {
            return e == null && a == null;
        }
        return Math.abs(e - a) <= RELATIVE * Math.max(1.0, Math.max(Math.abs(e), Math.abs(a)));
    }

    static String intensity(IntensitySnapshot s) {
        if (s == null) {
            return "nothing";
        }
        Totals c = s.getCoveredTotals();
        return "[" + s.getStatus() + ", addedValue " + s.getAddedValue() + ", co2/10^4RMB " + s.getCo2LocationTPer10kRmb()
                + ", coveredMillis " + s.getCoveredMillis() + ", covered co2 " + (c.getCo2Scope1Mg()
                + c.getCo2Scope2LocationMg()) + " mg in " + c.getEntryCount() + " entries of "
                + s.getTotals().getEntryCount() + ", reports " + s.getIavReportIds() + "]";
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    Map<String, String> closedFigures() {
        Map<String, String> out = new LinkedHashMap<>();
        totals.forEach((k, t) -> out.put(k, figure(t)));
        return out;
    }
}
