package org.parkwatch.topology;

import java.time.Instant;
import java.util.List;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.Totals;
import org.parkwatch.avro.internal.OpenWindowState;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.OpenWindow;
import org.parkwatch.totals.WindowBook;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

/** Translates between the Kafka-free totals model and its Avro forms on topics and in stores. */
public final class TotalsRecords {

    private TotalsRecords() {
    }

    public static Totals toAvro(Amounts a) {
        return new Totals(a.co2Scope1Mg(), a.co2Scope2LocationMg(), a.co2Scope2MarketMg(), a.so2Mg(), a.codMg(),
                a.nh3nMg(), a.energyMgce(), a.noxMg(), a.particulateMg(), a.entryCount(), a.estimatedEntryCount());
    }

    static Amounts fromAvro(Totals t) {
        return new Amounts(t.getCo2Scope1Mg(), t.getCo2Scope2LocationMg(), t.getCo2Scope2MarketMg(), t.getSo2Mg(),
                t.getCodMg(), t.getNh3nMg(), t.getEnergyMgce(), t.getEntryCount(), t.getEstimatedEntryCount(),
                t.getNoxMg(), t.getParticulateMg());
    }

    static WindowBook book(WindowBookState state) {
        if (state == null) {
            return WindowBook.empty();
        }
        return new WindowBook(state.getWindows().stream()
                .map(w -> new OpenWindow(new WindowSpan(WindowKind.valueOf(w.getKind()), w.getStart(), w.getEnd()),
                        fromAvro(w.getTotals()), fromAvro(w.getCoveredTotals()), w.getLastEntryId(), w.getChanged(),
                        new java.util.TreeSet<>(w.getFactorVersions()), w.getLatestActivityTime()))
                .toList());
    }

    static WindowBookState state(String parkId, WindowBook book) {
        List<OpenWindowState> windows = book.windows().stream()
                .map(w -> new OpenWindowState(w.span().kind().name(), w.span().start(), w.span().end(),
                        toAvro(w.amounts()), w.lastEntryId(), w.changed(), toAvro(w.covered()),
                        new java.util.ArrayList<>(w.factorVersions()), w.latestActivityAt()))
                .toList();
        return new WindowBookState(parkId, windows);
    }

    /** Output and history key: {@code SUBJECTTYPE:subjectId:WINDOW:start}; sorts by time within a subject and window. */
    static String key(SubjectType type, String subjectId, WindowKind kind, Instant start) {
        return type + ":" + subjectId + ":" + avroWindow(kind) + ":" + start;
    }

    static EmissionTotals totals(SubjectType type, String subjectId, String parkId, OpenWindow w, boolean closed) {
        return EmissionTotals.newBuilder()
                .setSubjectType(type)
                .setSubjectId(subjectId)
                .setParkId(parkId)
                .setWindow(avroWindow(w.span().kind()))
                .setWindowStart(w.span().start())
                .setWindowEnd(w.span().end())
                .setClosed(closed)
                .setTotals(toAvro(w.amounts()))
                .setLastEntryId(w.lastEntryId())
                .setFactorVersions(new java.util.ArrayList<>(w.factorVersions()))
                .build();
    }

    /** Month and year windows are published as month-to-date and year-to-date while they are open. */
    static org.parkwatch.avro.WindowKind avroWindow(WindowKind kind) {
        return switch (kind) {
            case HOUR -> org.parkwatch.avro.WindowKind.HOUR;
            case DAY -> org.parkwatch.avro.WindowKind.DAY;
            case MONTH -> org.parkwatch.avro.WindowKind.MONTH_TO_DATE;
            case YEAR -> org.parkwatch.avro.WindowKind.YEAR_TO_DATE;
        };
    }
}
