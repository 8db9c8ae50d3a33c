package org.parkwatch.ingest;

import java.time.Instant;

/** A validated input event in canonical units, ready to be priced. */
public sealed interface Activity permits MeterActivity, FuelActivity, WastewaterActivity, FlueGasActivity {

    /** Id of the input event, unique per event and stable across resends. */
    String eventId();

    String enterpriseId();

    /** The meter, combustion unit, outlet or stack that produced the event. */
    String sourceId();

    Interval interval();

    /** The activity amount in {@link #unit()}. */
    double quantity();

    CanonicalUnit unit();

    /**
     * The one instant that places the activity in time: the last millisecond of its interval (end - 1 ms). It
     * decides both the factor version that prices the activity and the windows it is counted in, so a reading for
     * 23:00-24:00 on 31 December is priced with that year's factor and counted in that day. An activity whose
     * interval spans a window boundary is counted whole in the window holding its last millisecond: never split,
     * so never counted twice and never lost.
     */
    default Instant accountingTime() {
        return interval().end().minusMillis(1);
    }
}
