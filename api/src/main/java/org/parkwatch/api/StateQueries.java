package org.parkwatch.api;

import java.util.List;
import java.util.Optional;

import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.SubjectType;

/** What the API can ask of the pipeline's state, whatever answers it (local stores, or another instance). */
public interface StateQueries {

    /** Whether the pipeline is alive (running or rebalancing). */
    boolean isLive();

    /** Whether the pipeline is running and its stores answer queries. */
    boolean isReady();

    List<Enterprise> enterprises();

    Optional<Enterprise> enterprise(String enterpriseId);

    /** The windows of a subject still open (current hour, day, month-to-date, year-to-date), latest totals. */
    List<EmissionTotals> openWindows(SubjectType type, String subjectId);
}
