package org.parkwatch.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * What a run sent.
 *
 * @param eventsSent       records sent, Enterprise records included
 * @param eventTimeReached event time of the last record sent (the plan's start when none was)
 * @param elapsed          wall time of the run
 * @param stoppedEarly     whether {@link ParkSimulator#stop()} or an interrupt ended it before its plan
 * @param tally            the tally of everything sent
 */
public record SimulationResult(long eventsSent, Instant eventTimeReached, Duration elapsed, boolean stoppedEarly,
                               SimulatorTally tally) {
}
