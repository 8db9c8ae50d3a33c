package org.parkwatch.totals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The open windows of one subject (an enterprise or a park). One book holds the hour, day, month and year windows
 * together, so one activity updates all four with a single read and write of the subject's state.
 *
 * <p>A window closes when the event-time watermark passes its end plus the grace period; it then leaves the book
 * and is published one last time as final.
 */
public final class WindowBook {

    private final List<OpenWindow> windows;

    public WindowBook(List<OpenWindow> windows) {
        this.windows = new ArrayList<>(windows);
    }

    public static WindowBook empty() {
        return new WindowBook(List.of());
    }

    public List<OpenWindow> windows() {
        return List.copyOf(windows);
    }

    /** Adds an activity's amounts to every window containing its time, opening windows as needed. */
    public void add(List<WindowSpan> spans, Amounts delta, String entryId) {
        add(spans, delta, entryId, false);
    }

    /**
     * Adds an activity's amounts to every window containing its time; when its hour is covered by an IAV report,
     * also to the windows' covered amounts.
     */
    public void add(List<WindowSpan> spans, Amounts delta, String entryId, boolean inCoveredHour) {
        add(spans, delta, entryId, inCoveredHour, List.of());
    }

    /** As {@link #add(List, Amounts, String, boolean)}, noting the factor versions that priced the activity. */
    public void add(List<WindowSpan> spans, Amounts delta, String entryId, boolean inCoveredHour,
                    java.util.Collection<String> factorVersions) {
        add(spans, delta, entryId, inCoveredHour, factorVersions, null);
    }

    /**
     * As {@link #add(List, Amounts, String, boolean, java.util.Collection)}, with the activity's accounting time: each
     * window keeps the latest, the event time its running total stands at.
     */
    public void add(List<WindowSpan> spans, Amounts delta, String entryId, boolean inCoveredHour,
                    java.util.Collection<String> factorVersions, Instant activityTime) {
        for (WindowSpan span : spans) {
            int i = indexOf(span);
            if (i < 0) {
                windows.add(new OpenWindow(span, Amounts.ZERO, null, false)
                        .add(delta, entryId, inCoveredHour, factorVersions, activityTime));
            } else {
                windows.set(i, windows.get(i).add(delta, entryId, inCoveredHour, factorVersions, activityTime));
            }
        }
    }

    /** Sets a window's covered amounts (recomputed after an IAV report changed); marks it changed. */
    public void setCovered(WindowSpan span, Amounts covered) {
        int i = indexOf(span);
        if (i >= 0) {
            windows.set(i, windows.get(i).withCovered(covered));
        }
    }

    /** Marks every window changed, so that all are published again. */
    public void markAllChanged() {
        windows.replaceAll(w -> w.withCovered(w.covered()));
    }

    /** Windows changed since last published; marks them published. */
    public List<OpenWindow> takeChanged() {
        List<OpenWindow> changed = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            OpenWindow w = windows.get(i);
            if (w.changed()) {
                changed.add(w);
                windows.set(i, w.published());
            }
        }
        return changed;
    }

    /** Removes and returns the windows whose end plus grace is at or before the watermark. */
    public List<OpenWindow> closeAt(Instant watermark, Duration grace) {
        List<OpenWindow> closed = new ArrayList<>();
        windows.removeIf(w -> {
            boolean closes = !w.span().end().plus(grace).isAfter(watermark);
            if (closes) {
                closed.add(w);
            }
            return closes;
        });
        return closed;
    }

    /** The earliest instant at which a window of this book closes, or null for an empty book. */
    public Instant nextClosingAt(Duration grace) {
        return windows.stream().map(w -> w.span().end().plus(grace)).min(Instant::compareTo).orElse(null);
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    private int indexOf(WindowSpan span) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).span().equals(span)) {
                return i;
            }
        }
        return -1;
    }
}
