package org.parkwatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.InputWatermarks;
import org.parkwatch.totals.OpenWindow;
import org.parkwatch.totals.WindowBook;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowSpan;

/**
 * Keeps the hour, day, month and year totals of each subject (enterprise or park) in one book per subject, so an
 * activity costs one read and one write of state whatever the number of windows. Changed windows are published
 * every {@code publishInterval} (not once per activity), and each window is published a last time, as final, once
 * the event-time watermark passes its end plus the grace period; it then moves to the history store.
 */
final class TotalsProcessor implements Processor<String, ActivityAmounts, String, EmissionTotals> {

    /** Watermark key of a processor that keeps its own single watermark (the park level). */
    static final String OWN_WATERMARK = "watermark";

    private final SubjectType subjectType;
    private final String booksStoreName;
    private final String historyStoreName;
    private final String watermarkStoreName;
    private final boolean advancesWatermark;
    private final List<String> watermarkKeys;
    private final InputWatermarks inputWatermarks;
    private final WindowCalendar calendar;
    private final Duration grace;
    private final Duration publishInterval;

    private ProcessorContext<String, EmissionTotals> context;
    private KeyValueStore<String, WindowBookState> books;
    private KeyValueStore<String, EmissionTotals> history;
    private KeyValueStore<String, Long> watermarks;
    private final Set<String> changedSubjects = new LinkedHashSet<>();
    /** Earliest closing time of any open window; MIN forces a scan of every book (at start, state unknown). */
    private Instant nextClosingAt = Instant.MIN;
    /** Watermark windows close against, refreshed at every publication; null until any input is seen. */
    private Instant closingWatermark;

    /**
     * @param watermarkKeys     the inputs whose watermarks (in the watermark store) close windows; when
     *                          {@code advancesWatermark}, the processor keeps its own under {@link #OWN_WATERMARK}
     * @param inputIdleTimeout  an input whose watermark has not moved for this long no longer holds windows open
     */
    TotalsProcessor(SubjectType subjectType, String booksStoreName, String historyStoreName, String watermarkStoreName,
                    boolean advancesWatermark, List<String> watermarkKeys, Duration inputIdleTimeout,
                    WindowCalendar calendar, Duration grace, Duration publishInterval) {
        this.subjectType = subjectType;
        this.booksStoreName = booksStoreName;
        this.historyStoreName = historyStoreName;
        this.watermarkStoreName = watermarkStoreName;
        this.advancesWatermark = advancesWatermark;
        this.watermarkKeys = advancesWatermark ? List.of(OWN_WATERMARK) : List.copyOf(watermarkKeys);
        this.inputWatermarks = new InputWatermarks(inputIdleTimeout);
        this.calendar = calendar;
        this.grace = grace;
        this.publishInterval = publishInterval;
    }

    @Override
    public void init(ProcessorContext<String, EmissionTotals> context) {
        this.context = context;
        this.books = context.getStateStore(booksStoreName);
        this.history = context.getStateStore(historyStoreName);
        this.watermarks = context.getStateStore(watermarkStoreName);
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, ActivityAmounts> record) {
        ActivityAmounts activity = record.value();
        Instant time = activity.getActivityTime();
        if (advancesWatermark) {
            advanceOwnWatermark(time);
        }
        Instant watermark = closingWatermark;
        String subjectId = record.key();
        WindowBook book = TotalsRecords.book(books.get(subjectId));
        Amounts delta = TotalsRecords.fromAvro(activity.getTotals());
        for (WindowSpan span : calendar.windowsOf(time)) {
            if (watermark != null && !span.end().plus(grace).isAfter(watermark)) {
                // Only a park window can be here: an enterprise partition that lags the others by more than the
                // grace period. The amount is not lost: the final figure is revised and published again.
                reviseClosedWindow(subjectId, activity.getParkId(), span, delta, activity.getLastEntryId());
            } else {
                book.add(List.of(span), delta, activity.getLastEntryId());
                Instant closesAt = span.end().plus(grace);
                if (closesAt.isBefore(nextClosingAt)) {
                    nextClosingAt = closesAt;
                }
            }
        }
        books.put(subjectId, TotalsRecords.state(activity.getParkId(), book));
        changedSubjects.add(subjectId);
    }

    private void publish() {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (String key : watermarkKeys) {
            Long millis = watermarks.get(key);
            inputWatermarks.observe(key, millis == null ? null : Instant.ofEpochMilli(millis), now);
        }
        closingWatermark = inputWatermarks.closingWatermark(now);
        for (String subjectId : changedSubjects) {
            WindowBookState state = books.get(subjectId);
            if (state == null) {
                continue;
            }
            WindowBook book = TotalsRecords.book(state);
            for (OpenWindow w : book.takeChanged()) {
                forward(subjectId, state.getParkId(), w, false);
            }
            books.put(subjectId, TotalsRecords.state(state.getParkId(), book));
        }
        changedSubjects.clear();
        closeWindows();
    }

    private void closeWindows() {
        Instant watermark = closingWatermark;
        if (watermark == null || watermark.isBefore(nextClosingAt)) {
            return;
        }
        Instant earliest = null;
        List<KeyValue<String, WindowBookState>> all;
        try (KeyValueIterator<String, WindowBookState> it = books.all()) {
            all = new java.util.ArrayList<>();
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, WindowBookState> entry : all) {
            WindowBook book = TotalsRecords.book(entry.value);
            List<OpenWindow> closed = book.closeAt(watermark, grace);
            for (OpenWindow w : closed) {
                EmissionTotals last = forward(entry.key, entry.value.getParkId(), w, true);
                history.put(historyKey(entry.key, w.span()), last);
            }
            if (!closed.isEmpty()) {
                if (book.isEmpty()) {
                    books.delete(entry.key);
                } else {
                    books.put(entry.key, TotalsRecords.state(entry.value.getParkId(), book));
                }
            }
            Instant next = book.nextClosingAt(grace);
            if (next != null && (earliest == null || next.isBefore(earliest))) {
                earliest = next;
            }
        }
        nextClosingAt = earliest == null ? Instant.MAX : earliest;
    }

    private void reviseClosedWindow(String subjectId, String parkId, WindowSpan span, Amounts delta, String entryId) {
        String key = historyKey(subjectId, span);
        EmissionTotals previous = history.get(key);
        Amounts before = previous == null ? Amounts.ZERO : TotalsRecords.fromAvro(previous.getTotals());
        OpenWindow revised = new OpenWindow(span, before.plus(delta), entryId, true);
        history.put(key, forward(subjectId, parkId, revised, true));
    }

    private EmissionTotals forward(String subjectId, String parkId, OpenWindow w, boolean closed) {
        EmissionTotals totals = TotalsRecords.totals(subjectType, subjectId, parkId, w, closed);
        String key = TotalsRecords.key(subjectType, subjectId, w.span().kind(), w.span().start());
        context.forward(new Record<>(key, totals, w.span().start().toEpochMilli()));
        return totals;
    }

    private String historyKey(String subjectId, WindowSpan span) {
        return TotalsRecords.key(subjectType, subjectId, span.kind(), span.start());
    }

    private void advanceOwnWatermark(Instant time) {
        Long current = watermarks.get(OWN_WATERMARK);
        if (current == null || time.toEpochMilli() > current) {
            watermarks.put(OWN_WATERMARK, time.toEpochMilli());
        }
    }
}
