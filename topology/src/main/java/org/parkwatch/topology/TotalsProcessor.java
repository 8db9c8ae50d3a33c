package org.parkwatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.avro.internal.CoveredAdjustment;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.avro.internal.TotalsInput;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.intensity.CoveredFigures;
import org.parkwatch.intensity.HourlyCoverage;
import org.parkwatch.intensity.IavReport;
import org.parkwatch.intensity.IavSchedule;
import org.parkwatch.intensity.IntensityCalculator;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.InputWatermarks;
import org.parkwatch.totals.OpenWindow;
import org.parkwatch.totals.WindowBook;
import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

/**
 * Where emissions are summed, and divided by industrial added value. One book per subject (enterprise or park) holds
 * its hour, day, month and year windows, so an activity costs one read and one write of state whatever the number
 * of windows; each window also keeps the emissions of its hours an IAV report covers, the numerator of its
 * intensity. Changed windows are published every {@code publishInterval} with their intensity, and each window a
 * last time, as final, once the event-time watermark passes its end plus the grace period; it then moves to the
 * history store.
 *
 * <p>At the enterprise level an IAV report recomputes the covered emissions of the enterprise's windows from its
 * hourly totals, publishes the intensities of the windows it touches (closed ones included), and tells the park
 * level by how much each open window's covered emissions moved.
 */
final class TotalsProcessor implements Processor<String, TotalsInput, String, TotalsOutput> {

    /** Watermark key of a processor that keeps its own single watermark (the park level). */
    static final String OWN_WATERMARK = "watermark";
    /**
     * Watermark-store key of the closing watermark windows have been closed against. Kept in state because the
     * watermark computed from the inputs can move back (an idle input resuming behind the others) and is unknown
     * after a restart: a window once closed must stay closed, or it would open afresh and its close overwrite
     * the final figure.
     */
    static final String CLOSED_THROUGH = "closed-through";

    private final SubjectType subjectType;
    private final TotalsStores storeNames;
    private final boolean advancesWatermark;
    private final List<String> watermarkKeys;
    private final InputWatermarks inputWatermarks;
    private final WindowCalendar calendar;
    private final Duration grace;
    private final Duration publishInterval;

    private ProcessorContext<String, TotalsOutput> context;
    private KeyValueStore<String, WindowBookState> books;
    private KeyValueStore<String, EmissionTotals> history;
    private KeyValueStore<String, Long> watermarks;
    /** The enterprise level's IAV reports, by enterprise. */
    private KeyValueStore<String, IavReports> iavReports;
    /** The park level's IAV reports, by park and enterprise. */
    private ParkIavReports parkReports;
    private boolean legacyStateMigrated;
    private KeyValueStore<String, IntensitySnapshot> intensities;
    /** Closed windows revised since the last publication: their history key, and window start (epoch ms). */
    private KeyValueStore<String, Long> revisions;
    /** Enterprise level: activity amounts folded per park, hour and coverage, sent to the park at publication. */
    private KeyValueStore<String, ActivityAmounts> deltasToPark;
    private final Set<String> changedSubjects = new LinkedHashSet<>();
    /**
     * Whether the books must be scanned for windows changed but not yet published: the set above lives in memory,
     * so after a restart (or a crash between a commit and the next publication) only the books know.
     */
    private boolean unpublishedUnknown = true;
    /** Earliest closing time of any open window; MIN forces a scan of every book (at start, state unknown). */
    private Instant nextClosingAt = Instant.MIN;
    /**
     * Watermark windows have closed against; never moves back (see {@link #CLOSED_THROUGH}); null until a first
     * input is seen.
     */
    private Instant closingWatermark;
    /** The furthest event time seen: how far the elapsed part of a month or year reaches. */
    private Instant furthestWatermark;

    /** The stores one level of totals uses. */
    /** @param deltasToPark the enterprise level's folded amounts on their way to the park level; null for a park */
    record TotalsStores(String books, String history, String watermarks, String iavReports, String intensities,
                        String revisions, String deltasToPark) {

        String[] all() {
            return java.util.stream.Stream.of(books, history, watermarks, iavReports, intensities, revisions,
                    deltasToPark).filter(java.util.Objects::nonNull).toArray(String[]::new);
        }
    }

    /**
     * @param watermarkKeys     the inputs whose watermarks (in the watermark store) close windows; when
     *                          {@code advancesWatermark}, the processor keeps its own under {@link #OWN_WATERMARK}
     * @param inputIdleTimeout  an input whose watermark has not moved for this long no longer holds windows open
     */
    TotalsProcessor(SubjectType subjectType, TotalsStores storeNames, boolean advancesWatermark,
                    List<String> watermarkKeys, Duration inputIdleTimeout, WindowCalendar calendar, Duration grace,
                    Duration publishInterval) {
        this.subjectType = subjectType;
        this.storeNames = storeNames;
        this.advancesWatermark = advancesWatermark;
        this.watermarkKeys = advancesWatermark ? List.of(OWN_WATERMARK) : List.copyOf(watermarkKeys);
        this.inputWatermarks = new InputWatermarks(inputIdleTimeout);
        this.calendar = calendar;
        this.grace = grace;
        this.publishInterval = publishInterval;
    }

    @Override
    public void init(ProcessorContext<String, TotalsOutput> context) {
        this.context = context;
        this.books = context.getStateStore(storeNames.books());
        this.history = context.getStateStore(storeNames.history());
        this.watermarks = context.getStateStore(storeNames.watermarks());
        this.iavReports = context.getStateStore(storeNames.iavReports());
        this.parkReports = new ParkIavReports(this.iavReports);
        this.intensities = context.getStateStore(storeNames.intensities());
        this.revisions = context.getStateStore(storeNames.revisions());
        this.deltasToPark = storeNames.deltasToPark() == null ? null : context.getStateStore(storeNames.deltasToPark());
        Long closedThrough = watermarks.get(CLOSED_THROUGH);
        closingWatermark = closedThrough == null ? null : Instant.ofEpochMilli(closedThrough);
        for (String key : watermarkKeys) {
            Long millis = watermarks.get(key);
            if (millis != null && (furthestWatermark == null || millis > furthestWatermark.toEpochMilli())) {
                furthestWatermark = Instant.ofEpochMilli(millis);
            }
        }
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, TotalsInput> record) {
        migrateLegacyState();
        TotalsInput input = record.value();
        if (input.getActivity() != null) {
            addActivity(record.key(), input);
        }
        if (input.getIavReport() != null) {
            if (subjectType == SubjectType.ENTERPRISE) {
                enterpriseReport(record.key(), input);
            } else {
                parkReport(record.key(), input);
            }
        }
    }

    private void addActivity(String subjectId, TotalsInput input) {
        ActivityAmounts activity = input.getActivity();
        Instant time = activity.getActivityTime();
        if (advancesWatermark) {
            advanceOwnWatermark(time);
        }
        WindowBook book = TotalsRecords.book(books.get(subjectId));
        Amounts delta = TotalsRecords.fromAvro(activity.getTotals());
        for (WindowSpan span : calendar.windowsOf(time)) {
            if (closingWatermark != null && !span.end().plus(grace).isAfter(closingWatermark)) {
                // Only a park window can be here: an enterprise partition that lags the others by more than the
                // grace period. The amount is not lost: the final figure is revised and published again.
                reviseClosedWindow(subjectId, activity, span, delta);
            } else {
                book.add(List.of(span), delta, activity.getLastEntryId(), activity.getCovered(),
                        activity.getFactorVersions(), time);
                Instant closesAt = span.end().plus(grace);
                if (closesAt.isBefore(nextClosingAt)) {
                    nextClosingAt = closesAt;
                }
            }
        }
        books.put(subjectId, TotalsRecords.state(activity.getParkId(), book));
        changedSubjects.add(subjectId);
        if (subjectType == SubjectType.ENTERPRISE) {
            foldForPark(activity);
        }
    }

    /**
     * Adds an activity to what goes to its park at the next publication. The park's windows are the calendar
     * windows of the activity's hour, so amounts of one park, hour and coverage add up to one record whose sums are
     * exact (integer milligrams) and whose time is the latest of its activities: the park level then reads one
     * record per park and hour per publication instead of one per event. Kept in a store, so a crash before the
     * publication loses none of it.
     */
    private void foldForPark(ActivityAmounts activity) {
        Instant hour = calendar.windowOf(WindowKind.HOUR, activity.getActivityTime()).start();
        // a restatement's amounts fold apart, so the park's revisions say why they moved
        String key = activity.getParkId() + '\u001F' + hour.toEpochMilli() + '\u001F' + activity.getCovered()
                + (activity.getRevisionReason() == null ? "" : '\u001F' + activity.getRevisionReason());
        ActivityAmounts held = deltasToPark.get(key);
        if (held == null) {
            deltasToPark.put(key, new ActivityAmounts("fold", "", activity.getParkId(), activity.getActivityTime(),
                    activity.getTotals(), activity.getLastEntryId(), activity.getCovered(),
                    new ArrayList<>(new java.util.TreeSet<>(activity.getFactorVersions())),
                    activity.getRevisionReason()));
            return;
        }
        java.util.TreeSet<String> versions = new java.util.TreeSet<>(held.getFactorVersions());
        versions.addAll(activity.getFactorVersions());
        // the latest activity gives the time and the entry id (ties: the greater id, so any order gives the same)
        boolean later = activity.getActivityTime().isAfter(held.getActivityTime())
                || activity.getActivityTime().equals(held.getActivityTime()) && activity.getLastEntryId() != null
                && (held.getLastEntryId() == null || activity.getLastEntryId().compareTo(held.getLastEntryId()) > 0);
        deltasToPark.put(key, new ActivityAmounts("fold", "", held.getParkId(),
                later ? activity.getActivityTime() : held.getActivityTime(),
                TotalsRecords.toAvro(TotalsRecords.fromAvro(held.getTotals())
                        .plus(TotalsRecords.fromAvro(activity.getTotals()))),
                later ? activity.getLastEntryId() : held.getLastEntryId(), held.getCovered(),
                new ArrayList<>(versions), held.getRevisionReason()));
    }

    /** Sends the folded amounts to their parks, and forgets them. */
    private void sendFoldsToPark() {
        if (deltasToPark == null) {
            return;
        }
        List<KeyValue<String, ActivityAmounts>> folded = new ArrayList<>();
        try (KeyValueIterator<String, ActivityAmounts> it = deltasToPark.all()) {
            it.forEachRemaining(folded::add);
        }
        for (KeyValue<String, ActivityAmounts> f : folded) {
            ActivityAmounts a = f.value;
            context.forward(new Record<>(a.getParkId(), new TotalsOutput.ToPark(new TotalsInput("", a.getParkId(), a,
                    null, List.of())), a.getActivityTime().toEpochMilli()));
            deltasToPark.delete(f.key);
        }
    }

    /** An enterprise's IAV report: new denominators, and new numerators for every window it touches. */
    private void enterpriseReport(String enterpriseId, TotalsInput input) {
        IavReport report = IntensityRecords.report(input.getIavReport());
        IavReports stored = iavReports.get(enterpriseId);
        IavSchedule schedule = IntensityRecords.schedule(stored, enterpriseId).add(report);
        iavReports.put(enterpriseId, IntensityRecords.withSchedule(stored, input.getParkId(), enterpriseId,
                schedule.retainFrom(iavRetentionCutoff()).add(report)));

        WindowBookState state = books.get(enterpriseId);
        WindowBook book = TotalsRecords.book(state);
        Instant from = calendar.windowOf(WindowKind.YEAR, report.periodStart()).start();
        for (OpenWindow w : book.windows()) {
            from = w.span().start().isBefore(from) ? w.span().start() : from;
        }
        Instant to = furthestWatermark != null && furthestWatermark.isAfter(report.periodEnd())
                ? furthestWatermark : report.periodEnd();
        Map<Instant, Amounts> hourly = hourlyAmounts(enterpriseId, book, from, to);

        List<CoveredAdjustment> adjustments = new ArrayList<>();
        for (OpenWindow w : book.windows()) {
            // Every hour of the window holding activity counts, however far the task has read: an hour with
            // activity has elapsed for that activity (only the IAV side stops at the elapsed hours). Bounded by the
            // task's event time, activity read ahead of it stayed uncovered when the report came after it.
            Amounts covered = HourlyCoverage.of(schedule, w.span().start(), w.span().end())
                    .figures(subMap(hourly, w.span()))
                    .coveredEmissions();
            Amounts delta = covered.minus(w.covered());
            if (!delta.equals(Amounts.ZERO)) {
                adjustments.add(new CoveredAdjustment(w.span().kind().name(), w.span().start(), w.span().end(),
                        TotalsRecords.toAvro(delta)));
            }
            book.setCovered(w.span(), covered);
        }
        book.markAllChanged();
        if (state != null) {
            books.put(enterpriseId, TotalsRecords.state(state.getParkId(), book));
            changedSubjects.add(enterpriseId);
        }
        adjustments.addAll(publishClosedWindowsTouched(enterpriseId, input.getParkId(), report, schedule, hourly));
        // the park receives the activity read before the report first, as it would unfolded
        sendFoldsToPark();
        context.forward(new Record<>(input.getParkId(), new TotalsOutput.ToPark(new TotalsInput(enterpriseId,
                input.getParkId(), null, input.getIavReport(), adjustments)), context.currentSystemTimeMs()));
    }

    /**
     * The intensities of closed windows an IAV report covers in part: a report usually comes after its month.
     * Returns how each one's covered emissions moved, for the park.
     */
    private List<CoveredAdjustment> publishClosedWindowsTouched(String enterpriseId, String parkId, IavReport report,
                                                                IavSchedule schedule, Map<Instant, Amounts> hourly) {
        List<CoveredAdjustment> adjustments = new ArrayList<>();
        for (WindowKind kind : WindowKind.values()) {
            Instant firstStart = calendar.windowOf(kind, report.periodStart()).start();
            try (KeyValueIterator<String, EmissionTotals> it = history.range(
                    TotalsRecords.key(subjectType, enterpriseId, kind, firstStart),
                    TotalsRecords.key(subjectType, enterpriseId, kind, report.periodEnd()))) {
                while (it.hasNext()) {
                    EmissionTotals closed = it.next().value;
                    WindowSpan span = new WindowSpan(kind, closed.getWindowStart(), closed.getWindowEnd());
                    if (!span.start().isBefore(report.periodEnd())) {
                        continue;
                    }
                    CoveredFigures figures = HourlyCoverage.of(schedule, span.start(), span.end())
                            .figures(subMap(hourly, span));
                    var intensity = IntensityRecords.snapshot(subjectType, enterpriseId, parkId, span,
                            IntensityCalculator.of(TotalsRecords.fromAvro(closed.getTotals()), figures));
                    String key = TotalsRecords.key(subjectType, enterpriseId, kind, span.start());
                    IntensitySnapshot before = intensities.get(key);
                    Amounts coveredBefore = before == null ? Amounts.ZERO
                            : TotalsRecords.fromAvro(before.getCoveredTotals());
                    adjustments.add(new CoveredAdjustment(kind.name(), span.start(), span.end(),
                            TotalsRecords.toAvro(figures.coveredEmissions().minus(coveredBefore))));
                    intensity = Revisions.of(intensity, before == null ? 1 : before.getRevision() + 1,
                            Revisions.IAV_REPORT);
                    intensities.put(key, intensity);
                    context.forward(new Record<>(TotalsRecords.key(subjectType, enterpriseId, kind, span.start()),
                            new TotalsOutput.Update(null, intensity), span.start().toEpochMilli()));
                }
            }
        }
        return adjustments;
    }

    /** A park learns of an enterprise's report, and of how its covered emissions moved in the open windows. */
    private void parkReport(String parkId, TotalsInput input) {
        IavReport report = IntensityRecords.report(input.getIavReport());
        IavSchedule before = parkReports.schedule(parkId, report.enterpriseId()).retainFrom(iavRetentionCutoff());
        IavSchedule schedule = before.add(report);
        parkReports.put(parkId, report.enterpriseId(), schedule);
        WindowBookState state = books.get(parkId);
        WindowBook book = TotalsRecords.book(state);
        Map<WindowSpan, Amounts> closedWindows = new java.util.LinkedHashMap<>();
        for (CoveredAdjustment adjustment : input.getCoveredAdjustments()) {
            WindowSpan span = new WindowSpan(WindowKind.valueOf(adjustment.getKind()), adjustment.getStart(),
                    adjustment.getEnd());
            Amounts delta = TotalsRecords.fromAvro(adjustment.getDelta());
            var open = book.windows().stream().filter(w -> w.span().equals(span)).findFirst();
            if (open.isPresent()) {
                book.setCovered(span, open.get().covered().plus(delta));
            } else {
                closedWindows.merge(span, delta, Amounts::plus);
            }
        }
        if (!schedule.equals(before)) {
            // The park may have closed windows its enterprise still has open (the enterprise's partition lags):
            // the enterprise names only the windows whose covered emissions moved, but a revised report changes
            // the IAV of every closed park window of its period.
            closedWindows.putAll(closedWindowsOf(parkId, report, closedWindows));
        }
        closedWindows.forEach((span, delta) -> reviseClosedIntensity(parkId, span, delta));
        if (state != null) {
            book.markAllChanged();
            books.put(parkId, TotalsRecords.state(parkId, book));
            changedSubjects.add(parkId);
        }
    }

    /** The park's closed windows of a report's period not among {@code known}, with no covered change. */
    private Map<WindowSpan, Amounts> closedWindowsOf(String parkId, IavReport report, Map<WindowSpan, Amounts> known) {
        Map<WindowSpan, Amounts> found = new java.util.LinkedHashMap<>();
        for (WindowKind kind : WindowKind.values()) {
            Instant firstStart = calendar.windowOf(kind, report.periodStart()).start();
            try (KeyValueIterator<String, EmissionTotals> it = history.range(
                    TotalsRecords.key(subjectType, parkId, kind, firstStart),
                    TotalsRecords.key(subjectType, parkId, kind, report.periodEnd()))) {
                while (it.hasNext()) {
                    EmissionTotals closed = it.next().value;
                    WindowSpan span = new WindowSpan(kind, closed.getWindowStart(), closed.getWindowEnd());
                    if (span.start().isBefore(report.periodEnd()) && !known.containsKey(span)) {
                        found.put(span, Amounts.ZERO);
                    }
                }
            }
        }
        return found;
    }

    /** A closed park window whose enterprises' IAV changed: its intensity is recomputed and published again. */
    private void reviseClosedIntensity(String parkId, WindowSpan span, Amounts coveredDelta) {
        String key = historyKey(parkId, span);
        EmissionTotals closed = history.get(key);
        if (closed == null) {
            return;
        }
        IntensitySnapshot before = intensities.get(key);
        Amounts covered = (before == null ? Amounts.ZERO : TotalsRecords.fromAvro(before.getCoveredTotals()))
                .plus(coveredDelta);
        OpenWindow window = new OpenWindow(span, TotalsRecords.fromAvro(closed.getTotals()), covered,
                closed.getLastEntryId(), false, new java.util.TreeSet<>(closed.getFactorVersions()));
        IntensitySnapshot intensity = Revisions.of(IntensityRecords.snapshot(subjectType, parkId, parkId, span,
                        IntensityCalculator.of(window.amounts(), coveredFigures(parkId, window))),
                before == null ? 1 : before.getRevision() + 1, Revisions.IAV_REPORT);
        intensities.put(key, intensity);
        context.forward(new Record<>(key, new TotalsOutput.Update(null, intensity), span.start().toEpochMilli()));
    }

    /** Brings state written by an earlier state version to this one, once per task, before it is first used. */
    private void migrateLegacyState() {
        if (!legacyStateMigrated) {
            if (subjectType == SubjectType.PARK) {
                parkReports.migrateLegacyRecords();
            }
            legacyStateMigrated = true;
        }
    }

    private void publish() {
        migrateLegacyState();
        sendFoldsToPark();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (String key : watermarkKeys) {
            Long millis = watermarks.get(key);
            Instant w = millis == null ? null : Instant.ofEpochMilli(millis);
            inputWatermarks.observe(key, w, now);
            if (w != null && (furthestWatermark == null || w.isAfter(furthestWatermark))) {
                furthestWatermark = w;
            }
        }
        Instant computed = inputWatermarks.closingWatermark(now);
        if (computed != null && (closingWatermark == null || computed.isAfter(closingWatermark))) {
            closingWatermark = computed;
            watermarks.put(CLOSED_THROUGH, computed.toEpochMilli());
        }
        if (unpublishedUnknown) {
            changedSubjects.addAll(subjectsWithUnpublishedWindows());
            unpublishedUnknown = false;
        }
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
        publishRevisions();
        closeWindows();
    }

    private List<String> subjectsWithUnpublishedWindows() {
        List<String> subjects = new ArrayList<>();
        try (KeyValueIterator<String, WindowBookState> it = books.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getWindows().stream().anyMatch(w -> w.getChanged())) {
                    subjects.add(kv.key);
                }
            });
        }
        return subjects;
    }

    private void closeWindows() {
        Instant watermark = closingWatermark;
        if (watermark == null || watermark.isBefore(nextClosingAt)) {
            return;
        }
        Instant earliest = null;
        List<KeyValue<String, WindowBookState>> all = new ArrayList<>();
        try (KeyValueIterator<String, WindowBookState> it = books.all()) {
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

    /**
     * Activity for a window already published as final (a lagging partition, an input resuming after an outage, a
     * restatement's correction): the final figure moves by the activity's amounts and is published again as closed. The window keeps its
     * covered emissions, plus the activity's when an IAV report covers its hour, so its intensity stays the
     * quotient of the same hours.
     */
    private void reviseClosedWindow(String subjectId, ActivityAmounts activity, WindowSpan span, Amounts delta) {
        String parkId = activity.getParkId();
        String key = historyKey(subjectId, span);
        EmissionTotals previous = history.get(key);
        Amounts before = previous == null ? Amounts.ZERO : TotalsRecords.fromAvro(previous.getTotals());
        IntensitySnapshot previousIntensity = intensities.get(key);
        Amounts coveredBefore = previousIntensity == null ? Amounts.ZERO
                : TotalsRecords.fromAvro(previousIntensity.getCoveredTotals());
        java.util.TreeSet<String> versions = new java.util.TreeSet<>(activity.getFactorVersions());
        if (previous != null) {
            versions.addAll(previous.getFactorVersions());
        }
        OpenWindow revised = new OpenWindow(span, before.plus(delta),
                activity.getCovered() ? coveredBefore.plus(delta) : coveredBefore, activity.getLastEntryId(), true,
                versions);
        // The IAV reports of a window older than the retention horizon may be gone; its IAV side has not changed,
        // so it is taken from the window's last intensity.
        CoveredFigures figures = previousIntensity != null && span.start().isBefore(iavRetentionCutoff())
                ? IntensityRecords.figures(previousIntensity, revised.covered())
                : coveredFigures(subjectId, revised);
        // One revision per publication, however many records revised the window since the last one: the first
        // revises the figure as last published (or a window closed without activity, never published: revision 1).
        boolean firstSincePublished = revisions.get(key) == null;
        int revision = previous == null ? 1 : previous.getRevision() + (firstSincePublished ? 1 : 0);
        int intensityRevision = previousIntensity == null ? 1
                : previousIntensity.getRevision() + (firstSincePublished ? 1 : 0);
        String reason = activity.getRevisionReason() == null ? Revisions.LATE_ACTIVITY : activity.getRevisionReason();
        Figures f = record(subjectId, parkId, revised, true, figures);
        EmissionTotals totals = Revisions.of(f.totals(), revision, reason);
        intensities.put(key, Revisions.of(f.intensity(), intensityRevision, reason));
        // Stored at once (later reads, e.g. an IAV report's, see it), published with the next publication: a
        // lagging partition revises the same closed windows with every record it brings, and each revision
        // published on its own made the park level write several records per input event.
        history.put(key, totals);
        if (firstSincePublished) {
            revisions.put(key, span.start().toEpochMilli());
        }
    }

    /** Publishes the closed windows revised since the last publication, once each, with their latest figures. */
    private void publishRevisions() {
        List<KeyValue<String, Long>> revised = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = revisions.all()) {
            it.forEachRemaining(revised::add);
        }
        for (KeyValue<String, Long> r : revised) {
            EmissionTotals totals = history.get(r.key);
            IntensitySnapshot intensity = intensities.get(r.key);
            if (totals != null && intensity != null) {
                context.forward(new Record<>(r.key, new TotalsOutput.Update(totals, intensity,
                        totals.getWindowEnd().minusMillis(1)), r.value));
            }
            revisions.delete(r.key);
        }
    }

    private EmissionTotals forward(String subjectId, String parkId, OpenWindow w, boolean closed) {
        return forward(subjectId, parkId, w, closed, coveredFigures(subjectId, w));
    }

    private EmissionTotals forward(String subjectId, String parkId, OpenWindow w, boolean closed,
                                   CoveredFigures figures) {
        Figures f = record(subjectId, parkId, w, closed, figures);
        context.forward(new Record<>(f.key(), new TotalsOutput.Update(f.totals(), f.intensity(),
                figureTime(w, closed)), w.span().start().toEpochMilli()));
        return f.totals();
    }

    /** A window's totals and intensity under its key. */
    private record Figures(String key, EmissionTotals totals, IntensitySnapshot intensity) {
    }

    /** Computes a window's totals and intensity and stores the intensity; publishes nothing. */
    private Figures record(String subjectId, String parkId, OpenWindow w, boolean closed, CoveredFigures figures) {
        EmissionTotals totals = TotalsRecords.totals(subjectType, subjectId, parkId, w, closed);
        String key = TotalsRecords.key(subjectType, subjectId, w.span().kind(), w.span().start());
        IntensitySnapshot intensity = IntensityRecords.snapshot(subjectType, subjectId, parkId, w.span(),
                IntensityCalculator.of(w.amounts(), figures));
        intensities.put(key, intensity);
        return new Figures(key, totals, intensity);
    }

    /** The event time a window's figures stand at, see {@link TotalsOutput.Update}. */
    private Instant figureTime(OpenWindow w, boolean closed) {
        Instant last = w.span().end().minusMillis(1);
        if (closed) {
            return last;
        }
        if (w.latestActivityAt() != null) {
            return w.latestActivityAt();
        }
        // A window kept by an earlier version, without its latest activity time: as far as the task has read.
        Instant read = eventTimeOr(w.span().start());
        return read.isAfter(last) ? last : read.isBefore(w.span().start()) ? w.span().start() : read;
    }

    /**
     * Numerator and denominator over the same hours. A park sums its enterprises' covered IAV; emissions of its
     * hours no report covers make it PARTIAL (counted as one uncovered hour, as the park book does not keep them
     * per enterprise).
     */
    private CoveredFigures coveredFigures(String subjectId, OpenWindow w) {
        Instant now = eventTimeOr(w.span().end());
        if (subjectType == SubjectType.ENTERPRISE) {
            return HourlyCoverage.ofElapsed(IntensityRecords.schedule(iavReports.get(subjectId), subjectId), w.span(), now)
                    .figures(w.covered());
        }
        CoveredFigures sum = CoveredFigures.NONE;
        for (IavSchedule schedule : parkReports.schedules(subjectId).values()) {
            sum = sum.plus(HourlyCoverage.ofElapsed(schedule, w.span(), now).figures(Amounts.ZERO));
        }
        CoveredFigures park = new CoveredFigures(w.covered(), sum.coveredIav(), sum.coveredHours(),
                sum.elapsedHours(), sum.iavReportIds());
        return w.covered().equals(w.amounts()) ? park : park.plus(CoveredFigures.uncovered(1));
    }

    private Map<Instant, Amounts> hourlyAmounts(String subjectId, WindowBook book, Instant from, Instant to) {
        Map<Instant, Amounts> hourly = new TreeMap<>();
        try (KeyValueIterator<String, EmissionTotals> it = history.range(
                TotalsRecords.key(subjectType, subjectId, WindowKind.HOUR, from),
                TotalsRecords.key(subjectType, subjectId, WindowKind.HOUR, to))) {
            it.forEachRemaining(kv -> hourly.put(kv.value.getWindowStart(), TotalsRecords.fromAvro(kv.value.getTotals())));
        }
        book.windows().stream().filter(w -> w.span().kind() == WindowKind.HOUR)
                .forEach(w -> hourly.put(w.span().start(), w.amounts()));
        return hourly;
    }

    private static Map<Instant, Amounts> subMap(Map<Instant, Amounts> hourly, WindowSpan span) {
        return ((TreeMap<Instant, Amounts>) hourly).subMap(span.start(), true, span.end(), false);
    }

    /**
     * IAV reports whose period ends before the start of the previous calendar year (of the closing watermark) are
     * no longer kept: every window they cover closed over a year ago, and a revision of such a window keeps the IAV
     * side of its last intensity.
     */
    private Instant iavRetentionCutoff() {
        if (closingWatermark == null) {
            return Instant.MIN;
        }
        Instant thisYear = calendar.windowOf(WindowKind.YEAR, closingWatermark).start();
        return calendar.windowOf(WindowKind.YEAR, thisYear.minusMillis(1)).start();
    }

    private Instant eventTimeOr(Instant fallback) {
        return furthestWatermark != null ? furthestWatermark : fallback;
    }

    private String historyKey(String subjectId, WindowSpan span) {
        return TotalsRecords.key(subjectType, subjectId, span.kind(), span.start());
    }

    private void advanceOwnWatermark(Instant time) {
        Long current = watermarks.get(OWN_WATERMARK);
        if (current == null || time.toEpochMilli() > current) {
            watermarks.put(OWN_WATERMARK, time.toEpochMilli());
        }
        if (furthestWatermark == null || time.isAfter(furthestWatermark)) {
            furthestWatermark = time;
        }
    }
}
