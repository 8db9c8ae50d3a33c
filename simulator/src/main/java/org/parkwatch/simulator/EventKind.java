package org.parkwatch.simulator;

/** The kinds of record the simulator emits, one topic each. */
public enum EventKind {
    ENTERPRISE,
    METER_READING,
    FUEL_CONSUMPTION,
    WASTEWATER_SAMPLE,
    OUTPUT_REPORT
}
