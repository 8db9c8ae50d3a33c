package org.parkwatch.topology;

/**
 * Names of every state store. They name RocksDB directories and changelog topics, so they never change once
 * released: renaming one would orphan its state.
 */
public final class StoreNames {

    public static final String ENTERPRISES = "enterprises";
    public static final String EMISSION_FACTORS = "emission-factors";
    public static final String THRESHOLD_RULES = "threshold-rules";
    public static final String EVENT_TIME_WATERMARK = "event-time-watermark";
    public static final String ENTERPRISE_WINDOWS = "enterprise-open-windows";
    public static final String ENTERPRISE_WINDOW_HISTORY = "enterprise-window-history";
    public static final String PARK_WINDOWS = "park-open-windows";
    public static final String PARK_WINDOW_HISTORY = "park-window-history";
    /** Closed windows revised since the last publication (key of the window history), published at the next one. */
    public static final String ENTERPRISE_REVISIONS = "enterprise-revisions-to-publish";
    public static final String PARK_REVISIONS = "park-revisions-to-publish";
    /** Activity amounts an enterprise task folded per park and hour since its last publication, sent at the next. */
    public static final String PARK_DELTAS_TO_SEND = "park-deltas-to-send";
    public static final String PARK_EVENT_TIME_WATERMARK = "park-event-time-watermark";
    /** Ledger entries by enterprise and accounting time, for the audit trail behind a figure (window store). */
    public static final String LEDGER_ENTRIES = "ledger-entries";
    /** IAV reports per enterprise. */
    public static final String IAV_REPORTS = "iav-reports";
    /** IAV reports of every enterprise of a park, by park. */
    public static final String PARK_IAV_REPORTS = "park-iav-reports";
    /** Latest intensity of each window, keyed as the totals. */
    public static final String ENTERPRISE_INTENSITY = "enterprise-intensity";
    public static final String PARK_INTENSITY = "park-intensity";
    /** Current state of open alerts, by alertId. */
    public static final String OPEN_ALERTS = "open-alerts";
    /** Every alert transition, keyed by fixed-width UTC transition time and alertId. */
    public static final String ALERT_HISTORY = "alert-history";
    /** Lifecycle state of each (rule, subject, window) being watched. */
    public static final String ALERT_STATE = "alert-state";
    /** The same three for park-level alerts, decided in the park sub-topology. */
    public static final String PARK_ALERT_STATE = "park-alert-state";
    public static final String PARK_OPEN_ALERTS = "park-open-alerts";
    public static final String PARK_ALERT_HISTORY = "park-alert-history";
    /**
     * The verdict on each closed window's final value (the alert that stood on it, if any), kept for the backfill
     * horizon: a revision of the window is judged against it (state version 5).
     */
    public static final String CLOSED_WINDOW_VERDICTS = "closed-window-verdicts";
    public static final String PARK_CLOSED_WINDOW_VERDICTS = "park-closed-window-verdicts";

    /**
     * The restatement corrections accounted, by correctionId (value: the restatement's id), kept for good so that a
     * correction is applied once however late it is seen again (state version 6).
     */
    public static final String APPLIED_CORRECTIONS = "applied-ledger-corrections";

    /**
     * The clock hours of stacks with a CEMS (key hourStartMillis|enterpriseId|stackId, the hour zero-padded to 13
     * digits so hours sort in time): whether a CEMS sample measured the hour's SO2, and the fuel mass-balance shares
     * standing in until one does; kept for the backfill horizon (state version 7).
     */
    public static final String STACK_HOURS = "stack-hours";

    /**
     * DATA_GAP alerts, decided in their own sub-topology from the gateway's gap records: the last transition of each
     * gap by gapId (open, or resolved for a while after), the open ones by alertId, every transition by time.
     */
    public static final String DATA_GAP_ALERTS = "data-gap-alerts";
    public static final String DATA_GAP_OPEN_ALERTS = "data-gap-open-alerts";
    public static final String DATA_GAP_ALERT_HISTORY = "data-gap-alert-history";

    private StoreNames() {
    }
}
