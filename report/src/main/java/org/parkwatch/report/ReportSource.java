package org.parkwatch.report;

/** Where the inputs of a report come from (the topics, through {@code org.parkwatch.report.kafka}). */
@FunctionalInterface
public interface ReportSource {

    /** The inputs of the park's report over the period. */
    ReportInputs inputsFor(String parkId, ReportPeriod period);
}
