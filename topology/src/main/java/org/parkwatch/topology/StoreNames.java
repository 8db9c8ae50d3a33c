package org.parkwatch.topology;

/**
 * Names of every state store. They name RocksDB directories and changelog topics, so they never change once
 * released: renaming one would orphan its state.
 */
public final class StoreNames {

    public static final String ENTERPRISES = "enterprises";
    public static final String EMISSION_FACTORS = "emission-factors";
    public static final String SEEN_EVENTS = "seen-events";
    public static final String EVENT_TIME_WATERMARK = "event-time-watermark";
    public static final String ENTERPRISE_WINDOWS = "enterprise-open-windows";
    public static final String ENTERPRISE_WINDOW_HISTORY = "enterprise-window-history";
    public static final String PARK_WINDOWS = "park-open-windows";
    public static final String PARK_WINDOW_HISTORY = "park-window-history";
    public static final String PARK_EVENT_TIME_WATERMARK = "park-event-time-watermark";

    private StoreNames() {
    }
}
